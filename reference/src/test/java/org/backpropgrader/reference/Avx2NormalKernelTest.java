package org.backpropgrader.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Lane 0 of the first block of {@code randn(10,10)} with seed 111111: the table in spec §6. */
class Avx2NormalKernelTest {
    private static final float D0 = f(0x3F0F5E09); // first uniform of seed 111111
    private static final float D8 = f(0x3BF63200); // ninth uniform
    private static final float U1 = f(0x3EE143EE); // 1 - D0

    @Test
    void radiusUniformIsOneMinusTheLowerIndexUniform() {
        assertBits(0x3EE143EE, 1.0f - D0);
    }

    @Test
    void logFoldsTheSignificandAboveSqrtHalfWithoutDoubling() {
        assertBits(0xBDF5E090, Avx2NormalKernel.logReducedArgument(U1)); // m - 1 = -0.12005723
    }

    @Test
    void logExponentStaysAtMinusOneWhenSignificandIsAboveSqrtHalf() {
        assertEquals(-1.0f, Avx2NormalKernel.logExponent(U1)); // k = -2, e = k + 1
    }

    @Test
    void logPolynomialUsesOneFmaPerCoefficient() {
        assertBits(0x3EBBACB4, Avx2NormalKernel.logPolynomial(f(0xBDF5E090)));
    }

    @Test
    void logOfWorkedExampleMatchesTorch() {
        assertBits(0xBF52300B, Avx2NormalKernel.log(U1)); // -0.8210455775 (true ln: -0.8210455829)
    }

    @Test
    void radiusIsSqrtOfMinusTwoLog() {
        assertBits(0x3FA40643, Avx2NormalKernel.radius(U1));
    }

    @Test
    void angleIsOneFloatMultiplyByTwoPi() {
        assertBits(0x3D415C82, Avx2NormalKernel.TWO_PI_F * D8);
    }

    @Test
    void sincosOfSmallAngleUsesSinePolynomialForSine() {
        Avx2NormalKernel.SinCos sc = Avx2NormalKernel.sincos(f(0x3D415C82));
        assertBits(0x3D414A20, sc.sin());
        assertBits(0x3F7FB6FD, sc.cos());
    }

    @Test
    void blockTransformWritesCosineLowAndSineHigh() {
        float[] d = new float[16];
        d[0] = D0;
        d[8] = D8;
        Avx2NormalKernel.transformBlock(d, 0);
        assertBits(0x3FA3D77B, d[0]);
        assertBits(0x3D77B06E, d[8]);
    }

    @Test
    void zeroUniformAsRadiusGivesPositiveZeros() {
        // u1 = 1, LOG = 0, radius = sqrt(-0.0) = -0.0; the final fma(n, 1, 0) turns -0 into +0 (§5.4).
        assertBits(0x00000000, Avx2NormalKernel.log(1.0f));
        float[] d = new float[16];
        d[8] = 0.3f;
        Avx2NormalKernel.transformBlock(d, 0);
        assertBits(0x00000000, d[0]);
        assertBits(0x00000000, d[8]);
    }

    @Test
    void zeroUniformAsAngleGivesPositiveZeroSine() {
        float[] d = new float[16];
        d[0] = 0.5f;
        Avx2NormalKernel.transformBlock(d, 0);
        assertBits(0x00000000, d[8]);
        assertBits(Float.floatToRawIntBits(Avx2NormalKernel.radius(0.5f)), d[0]); // cos(0) = 1
    }

    private static float f(int bits) {
        return Float.intBitsToFloat(bits);
    }

    private static void assertBits(int expected, float actual) {
        assertEquals(
                String.format("0x%08X", expected),
                String.format("0x%08X", Float.floatToRawIntBits(actual)),
                () -> "value " + actual);
    }
}
