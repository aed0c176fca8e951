package org.backpropgrader.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link FdlibmExp} must be {@link StrictMath#exp} bit for bit: the engine's determinism rests on it. */
class FdlibmExpTest {

    private static void assertSameBits(double x) {
        assertEquals(
                Double.doubleToRawLongBits(StrictMath.exp(x)),
                Double.doubleToRawLongBits(FdlibmExp.exp(x)),
                () -> "exp(" + x + ") [" + Long.toHexString(Double.doubleToRawLongBits(x)) + "]");
    }

    @Test
    void matchesStrictMathOnEveryFloat32InputInTheUsefulRange() {
        // Every float the ops pass in (exp and sigmoid take float32 inputs widened to double), stepping through
        // the bit patterns: all exponents, a dense sample of mantissas.
        for (int bits = 0; bits < 0x7f800000; bits += 97) {
            float f = Float.intBitsToFloat(bits);
            assertSameBits(f);
            assertSameBits(-f);
        }
    }

    @Test
    void matchesStrictMathOnRandomDoubles() {
        SplittableRandom random = new SplittableRandom(111111);
        for (int i = 0; i < 2_000_000; i++) {
            assertSameBits(random.nextDouble(-760, 720));
        }
        for (int i = 0; i < 200_000; i++) {
            assertSameBits(Double.longBitsToDouble(random.nextLong()));
        }
    }

    @Test
    void matchesStrictMathOnEdgeCases() {
        double[] edges = {
            0.0,
            -0.0,
            1.0,
            -1.0,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE,
            -Double.MIN_VALUE,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            709.782712893384,
            709.7827128933841,
            -745.1332191019411,
            -745.1332191019412,
            0.34657359027997264,
            0.3465735902799727,
            1.0397207708399179,
            1.039720770839918,
            0x1p-28,
            -0x1p-28,
            0x1p-29,
            -708.0,
            -708.5,
            -709.0,
            -720.0,
            Math.log(2),
            -Math.log(2),
            88.72283935546875,
            -103.97208404541016
        };
        for (double x : edges) {
            assertSameBits(x);
        }
    }
}
