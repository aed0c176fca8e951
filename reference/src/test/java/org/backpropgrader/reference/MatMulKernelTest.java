package org.backpropgrader.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The blocked kernel against the loop that defines Note [Matmul summation order] in {@link MatMul}. */
class MatMulKernelTest {

    /** The definition: each c[i][j] summed over p = 0..k-1 in order, starting from +0, in float32. */
    static float[] naive(float[] a, float[] b, int m, int k, int n) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    acc += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = acc;
            }
        }
        return c;
    }

    @Test
    void blockedKernelIsBitIdenticalToNaiveLoopOnRandomSizes() {
        SplittableRandom random = new SplittableRandom(20240611);
        for (int trial = 0; trial < 400; trial++) {
            int m = 1 + random.nextInt(70);
            int k = 1 + random.nextInt(70);
            int n = 1 + random.nextInt(70);
            float[] a = randomValues(random, m * k, false);
            float[] b = randomValues(random, k * n, false);
            assertBitIdentical(a, b, m, k, n);
        }
    }

    @Test
    void blockedKernelIsBitIdenticalOnEverySmallSize() {
        SplittableRandom random = new SplittableRandom(7);
        for (int m = 1; m <= 9; m++) {
            for (int k = 0; k <= 9; k++) {
                for (int n = 1; n <= 9; n++) {
                    assertBitIdentical(randomValues(random, m * k, false), randomValues(random, k * n, false), m, k, n);
                }
            }
        }
    }

    @Test
    void blockedKernelIsBitIdenticalWithNanInfinityAndSignedZeros() {
        SplittableRandom random = new SplittableRandom(99);
        for (int trial = 0; trial < 200; trial++) {
            int m = 1 + random.nextInt(70);
            int k = 1 + random.nextInt(70);
            int n = 1 + random.nextInt(70);
            assertBitIdentical(randomValues(random, m * k, true), randomValues(random, k * n, true), m, k, n);
        }
    }

    @Test
    void sumStartsFromPositiveZero() {
        // (-0) * 1 = -0, and +0 + -0 = +0: a sum seeded with the first product would keep -0.
        float[] c = MatMulKernel.multiply(new float[] {-0f}, new float[] {1f}, 1, 1, 1);
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(c[0]));
    }

    @Test
    void emptyInnerDimensionGivesPositiveZeros() {
        float[] c = MatMulKernel.multiply(new float[0], new float[0], 3, 0, 2);
        for (float v : c) {
            assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(v));
        }
    }

    private static void assertBitIdentical(float[] a, float[] b, int m, int k, int n) {
        float[] expected = naive(a, b, m, k, n);
        float[] actual = MatMulKernel.multiply(a, b, m, k, n);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            int e = Float.floatToRawIntBits(expected[i]);
            int g = Float.floatToRawIntBits(actual[i]);
            // Any NaN is the same NaN for this purpose: Java does not pin NaN payloads through arithmetic.
            boolean same = e == g || (Float.isNaN(expected[i]) && Float.isNaN(actual[i]));
            if (!same) {
                throw new AssertionError(m + "x" + k + " @ " + k + "x" + n + ": c[" + i / n + "][" + i % n
                        + "] expected " + expected[i] + " got " + actual[i]);
            }
        }
    }

    private static float[] randomValues(SplittableRandom random, int count, boolean special) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            if (special && random.nextInt(10) == 0) {
                float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f,
                    Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE};
                v[i] = specials[random.nextInt(specials.length)];
            } else {
                // Wide exponents so that rounding, absorption and cancellation all occur.
                v[i] = (float) (random.nextGaussian() * Math.pow(2, random.nextInt(-20, 21)));
            }
        }
        return v;
    }
}
