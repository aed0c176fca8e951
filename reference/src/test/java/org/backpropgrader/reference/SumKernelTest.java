package org.backpropgrader.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SumKernel} against {@link SumDim}'s loop before it (copied below): the same bits on every shape, so no
 * reduction's result moves.
 */
class SumKernelTest {

    /** {@code SumDim.apply}'s loop as it was: one accumulator per output, one pass per summed index. */
    static float[] previousSum(float[] x, int outer, int n, int inner) {
        float[] out = new float[outer * inner];
        double[] acc = new double[inner];
        for (int o = 0; o < outer; o++) {
            java.util.Arrays.fill(acc, 0);
            for (int k = 0; k < n; k++) {
                int base = (o * n + k) * inner;
                for (int i = 0; i < inner; i++) {
                    acc[i] += x[base + i];
                }
            }
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = (float) acc[i];
            }
        }
        return out;
    }

    @Test
    void sumsGiveTheBitsOfThePreviousLoopOnRandomShapes() {
        SplittableRandom random = new SplittableRandom(100);
        for (int trial = 0; trial < 3000; trial++) {
            // inner == 1 (a row sum) a third of the time; every remainder of the four-row and four-step blocking.
            int outer = random.nextInt(11);
            int n = random.nextInt(trial % 10 == 0 ? 300 : 11);
            int inner = trial % 3 == 0 ? 1 : random.nextInt(trial % 10 == 1 ? 300 : 11);
            float[] x = values(random, outer * n * inner);
            assertSameBits(previousSum(x, outer, n, inner), SumKernel.sum(x, outer, n, inner), outer, n, inner);
        }
    }

    @Test
    void sumsGiveTheBitsOfThePreviousLoopOnTheMlpShapes() {
        // mlp-softmax-max's h3.sum(1, keepdim=True) and its bias gradients' sum(0).
        int[][] shapes = {{100, 100, 1}, {1, 100, 300}, {1, 100, 200}, {1, 100, 100}};
        SplittableRandom random = new SplittableRandom(111111);
        for (int[] s : shapes) {
            float[] x = values(random, s[0] * s[1] * s[2]);
            assertSameBits(previousSum(x, s[0], s[1], s[2]), SumKernel.sum(x, s[0], s[1], s[2]), s[0], s[1], s[2]);
        }
    }

    private static float[] values(SplittableRandom random, int count) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            if (random.nextInt(200) == 0) {
                float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, Float.MAX_VALUE};
                v[i] = specials[random.nextInt(specials.length)];
            } else if (random.nextInt(10) == 0) {
                v[i] = -0f;
            } else {
                // Wide exponents, so that the double sums round when they are narrowed and absorb small terms.
                v[i] = (float) (random.nextGaussian() * Math.pow(2, random.nextInt(-40, 41)));
            }
        }
        return v;
    }

    private static void assertSameBits(float[] expected, float[] actual, int outer, int n, int inner) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            boolean same = Float.floatToRawIntBits(expected[i]) == Float.floatToRawIntBits(actual[i])
                    || (Float.isNaN(expected[i]) && Float.isNaN(actual[i]));
            if (!same) {
                throw new AssertionError("[" + outer + ", " + n + ", " + inner + "]: output " + i + " expected "
                        + expected[i] + " got " + actual[i]);
            }
        }
    }
}
