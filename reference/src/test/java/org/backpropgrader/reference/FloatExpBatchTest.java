package org.backpropgrader.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatExpBatch} must be {@link FdlibmExp#exp} bit for bit on every float32 argument, and {@code exp} and
 * {@code sigmoid}, which use it, must give the bits of the element-at-a-time loops they replaced (copied below).
 */
class FloatExpBatchTest {

    /** {@code Exp.apply}'s loop before batches. */
    static float[] previousExp(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) FdlibmExp.exp(x[i]);
        }
        return out;
    }

    /** {@code Sigmoid.apply}'s loop before batches. */
    static float[] previousSigmoid(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (1.0 / (1.0 + FdlibmExp.exp(-(double) x[i])));
        }
        return out;
    }

    /** Feeds {@code args} through batches, a full one and then what remains, and checks every result. */
    private static void assertSameAsFdlibm(float[] args) {
        FloatExpBatch batch = new FloatExpBatch();
        for (int start = 0; start < args.length; start += FloatExpBatch.SIZE) {
            int count = Math.min(FloatExpBatch.SIZE, args.length - start);
            for (int i = 0; i < count; i++) {
                batch.in[i] = args[start + i];
            }
            batch.exp(count);
            for (int i = 0; i < count; i++) {
                double x = batch.in[i];
                long expected = Double.doubleToRawLongBits(FdlibmExp.exp(x));
                long actual = Double.doubleToRawLongBits(batch.out[i]);
                if (expected != actual) {
                    throw new AssertionError("exp(" + x + ") [float bits "
                            + Integer.toHexString(Float.floatToRawIntBits(args[start + i]))
                            + "]: expected " + FdlibmExp.exp(x) + " got " + batch.out[i]);
                }
            }
        }
    }

    @Test
    void matchesFdlibmOnASampleOfEveryFloat32() {
        // Every exponent and a dense sample of mantissas, both signs, NaNs and infinities included.
        int stride = 61;
        float[] args = new float[1 << 20];
        int n = 0;
        for (long bits = 0; bits <= 0xffffffffL; bits += stride) {
            args[n++] = Float.intBitsToFloat((int) bits);
            if (n == args.length) {
                assertSameAsFdlibm(args);
                n = 0;
            }
        }
        assertSameAsFdlibm(java.util.Arrays.copyOf(args, n));
    }

    @Test
    void matchesFdlibmOnEveryFloat32NearEachBranchOfE_exp() {
        // Where e_exp.c branches and the batch does not (0.5 ln2, 1.5 ln2) or hands over to it (2^-28, 708, the
        // overflow and underflow thresholds): every float32 within 2^16 steps either side, both signs.
        double[] edges = {0.5 * Math.log(2), 1.5 * Math.log(2), 0x1p-28, 708, 709.782712893384, 745.1332191019411};
        int reach = 1 << 16;
        float[] args = new float[edges.length * 2 * (2 * reach + 1)];
        int n = 0;
        for (double edge : edges) {
            for (int sign : new int[] {0, 0x80000000}) {
                int centre = Float.floatToRawIntBits((float) edge) | sign;
                for (int d = -reach; d <= reach; d++) {
                    args[n++] = Float.intBitsToFloat(centre + d);
                }
            }
        }
        assertSameAsFdlibm(args);
    }

    @Test
    void expAndSigmoidGiveTheBitsOfTheirElementwiseLoops() {
        SplittableRandom random = new SplittableRandom(30000);
        for (int trial = 0; trial < 200; trial++) {
            // Lengths around the batch size and its multiples, and the MLP's own.
            int length = trial == 0 ? 30000 : trial == 1 ? 10000 : random.nextInt(3 * FloatExpBatch.SIZE + 2);
            float[] x = new float[length];
            double scale = Math.pow(2, random.nextInt(-30, 10));
            for (int i = 0; i < length; i++) {
                x[i] = random.nextInt(50) == 0 ? special(random) : (float) (random.nextGaussian() * scale);
            }
            Tensor t = Tensor.of(new int[] {length}, x);
            assertSameBits(previousExp(x), t.exp().dataRef(), "exp, length " + length);
            assertSameBits(previousSigmoid(x), t.sigmoid().dataRef(), "sigmoid, length " + length);
        }
    }

    private static float special(SplittableRandom random) {
        float[] specials = {
            Float.NaN,
            Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            0f,
            -0f,
            Float.MIN_VALUE,
            -Float.MIN_VALUE,
            Float.MAX_VALUE,
            -Float.MAX_VALUE,
            88.72284f,
            -103.97208f,
            1e-9f
        };
        return specials[random.nextInt(specials.length)];
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(
                    Float.floatToRawIntBits(expected[i]),
                    Float.floatToRawIntBits(actual[i]),
                    what + ": element " + i + " expected " + expected[i] + " got " + actual[i]);
        }
    }
}
