package org.backpropgrader.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The blocked kernel against the loop that defines Note [Matmul summation order] in {@link MatMul}, and against
 * {@link PreviousMatMulKernel}, the kernel it replaced: same bits on every shape and input, so no EXACT verdict and
 * no golden value can move.
 */
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
    void blockedKernelIsBitIdenticalToPreviousKernelOnEveryBlockingRemainder() {
        // Rows come in threes (a leftover row takes p in fours) and p in threes: m and k cover every remainder of
        // both (and 1-row, k=1), n covers 1-col and widths around the vector lengths (8 and 16 floats) and their
        // unrolled multiples.
        SplittableRandom random = new SplittableRandom(11);
        int[] ms = {1, 2, 3, 4, 5, 7, 8, 9, 17};
        int[] ks = {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 64, 67};
        int[] ns = {1, 2, 7, 8, 15, 16, 17, 31, 33, 63, 65, 100, 129};
        for (int m : ms) {
            for (int k : ks) {
                for (int n : ns) {
                    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                    assertSameAsPrevious(randomValues(random, m * k, kind), randomValues(random, k * n, kind), m, k, n);
                }
            }
        }
    }

    @Test
    void blockedKernelIsBitIdenticalToPreviousKernelWithSubnormalsNanAndInfinity() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int trial = 0; trial < 300; trial++) {
            int m = 1 + random.nextInt(40);
            int k = 1 + random.nextInt(40);
            int n = 1 + random.nextInt(80);
            Kind kind = trial % 2 == 0 ? Kind.SUBNORMAL : Kind.SPECIAL;
            assertSameAsPrevious(randomValues(random, m * k, kind), randomValues(random, k * n, kind), m, k, n);
        }
    }

    @Test
    void blockedKernelIsBitIdenticalToPreviousKernelOnTheMlpShapes() {
        // mlp-softmax-max's nine products (forward, then dA = dC @ B.T and dB = A.T @ dC per layer), with gradients
        // as tiny as the real ones so that products and partial sums underflow into subnormals.
        int[][] shapes = {
            {100, 10, 200},
            {100, 200, 300},
            {100, 300, 100},
            {100, 100, 300},
            {300, 100, 100},
            {100, 300, 200},
            {200, 100, 300},
            {100, 200, 10},
            {10, 100, 200}
        };
        SplittableRandom random = new SplittableRandom(111111);
        for (int[] s : shapes) {
            assertSameAsPrevious(
                    randomValues(random, s[0] * s[1], Kind.SUBNORMAL),
                    randomValues(random, s[1] * s[2], Kind.GAUSSIAN),
                    s[0],
                    s[1],
                    s[2]);
        }
    }

    @Test
    void transposedOperandsReadInPlaceGiveTheBitsOfMaterialisedTransposes() {
        // Autograd's grad @ W.T and X.T @ grad: the kernel reads the transposed operand where it lies.
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 400; trial++) {
            int m = 1 + random.nextInt(trial < 200 ? 9 : 70);
            int k = 1 + random.nextInt(trial < 200 ? 9 : 70);
            int n = 1 + random.nextInt(trial < 200 ? 9 : 70);
            Kind kind = Kind.values()[trial % Kind.values().length];
            float[] a = randomValues(random, m * k, kind);
            float[] b = randomValues(random, k * n, kind);
            float[] bT = transpose(b, k, n);
            float[] aT = transpose(a, m, k);
            String shape = m + "x" + k + " @ " + k + "x" + n;
            assertSameBits(
                    MatMulKernel.multiply(a, b, m, k, n),
                    MatMulKernel.multiplyTransposedRight(a, bT, m, k, n),
                    "a @ (bT).T, " + shape);
            assertSameBits(
                    MatMulKernel.multiply(a, b, m, k, n),
                    MatMulKernel.multiplyTransposedLeft(aT, b, m, k, n),
                    "(aT).T @ b, " + shape);
        }
    }

    @Test
    void everyEntryPointGivesTheBitsOfTheTwoByFourKernel() {
        // The three entry points against the kernel at 87ec21a, on shapes that take every path of the current one:
        // remainders of the blocks of three, few columns, more rows than columns (computed transposed) and not. a is
        // m×k for a @ b and a @ bT and k×m for aT @ b; b is k×n, and n×k for a @ bT.
        SplittableRandom random = new SplittableRandom(87);
        for (int trial = 0; trial < 600; trial++) {
            int m = 1 + random.nextInt(trial % 4 == 0 ? 130 : 20);
            int k = 1 + random.nextInt(trial % 3 == 0 ? 130 : 20);
            int n = 1 + random.nextInt(trial % 5 == 0 ? 130 : 20);
            Kind kind = Kind.values()[trial % Kind.values().length];
            float[] a = randomValues(random, m * k, kind);
            float[] b = randomValues(random, k * n, kind);
            String shape = m + "x" + k + " @ " + k + "x" + n;
            assertSameBits(TwoByFourMatMulKernel.multiply(a, b, m, k, n), MatMulKernel.multiply(a, b, m, k, n), shape);
            assertSameBits(
                    TwoByFourMatMulKernel.multiplyTransposedRight(a, b, m, k, n),
                    MatMulKernel.multiplyTransposedRight(a, b, m, k, n),
                    "a @ bT, " + shape);
            assertSameBits(
                    TwoByFourMatMulKernel.multiplyTransposedLeft(a, b, m, k, n),
                    MatMulKernel.multiplyTransposedLeft(a, b, m, k, n),
                    "aT @ b, " + shape);
        }
    }

    @Test
    void scratchRowsReusedAcrossProductsOfChangingSizesGiveTheSameBits() {
        // MatMulScratch hands the kernel arrays that earlier products wrote, longer than the rows it needs and full
        // of their values, and replaces them every REPLACE_EVERY products: sizes that grow, shrink and alternate.
        SplittableRandom random = new SplittableRandom(64);
        for (int trial = 0; trial < 3 * MatMulScratch.REPLACE_EVERY; trial++) {
            int m = 1 + random.nextInt(trial % 7 == 0 ? 120 : 12);
            int k = 1 + random.nextInt(trial % 5 == 0 ? 120 : 12);
            int n = 1 + random.nextInt(trial % 3 == 0 ? 320 : 12);
            assertSameAsPrevious(
                    randomValues(random, m * k, Kind.SPECIAL), randomValues(random, k * n, Kind.SPECIAL), m, k, n);
        }
    }

    @Test
    void scratchRowLengthsMakeWholeCacheLines() {
        for (int n = 0; n < 1000; n++) {
            int length = MatMulScratch.paddedLength(n);
            assertEquals(0, (16 + 4 * length) % 64, "n = " + n);
            assertEquals(true, length >= n && length < n + 16, "n = " + n);
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
        assertSame(naive(a, b, m, k, n), a, b, m, k, n);
    }

    private static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            boolean same = Float.floatToRawIntBits(expected[i]) == Float.floatToRawIntBits(actual[i])
                    || (Float.isNaN(expected[i]) && Float.isNaN(actual[i]));
            if (!same) {
                throw new AssertionError(what + ": element " + i + " expected " + expected[i] + " got " + actual[i]);
            }
        }
    }

    private static void assertSameAsPrevious(float[] a, float[] b, int m, int k, int n) {
        assertSame(PreviousMatMulKernel.multiply(a, b, m, k, n), a, b, m, k, n);
    }

    private static void assertSame(float[] expected, float[] a, float[] b, int m, int k, int n) {
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

    /** What random inputs hold besides wide-exponent Gaussians. */
    private enum Kind {
        GAUSSIAN,
        /** NaN, infinities, signed zeros, extremes, one in ten. */
        SPECIAL,
        /** One in three of magnitude 2^-150 to 2^-100 (most subnormal): products and sums underflow. */
        SUBNORMAL
    }

    private static float[] randomValues(SplittableRandom random, int count, boolean special) {
        return randomValues(random, count, special ? Kind.SPECIAL : Kind.GAUSSIAN);
    }

    private static float[] randomValues(SplittableRandom random, int count, Kind kind) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            if (kind == Kind.SUBNORMAL && random.nextInt(3) == 0) {
                v[i] = (float) (random.nextGaussian() * Math.pow(2, random.nextInt(-150, -99)));
            } else if (kind == Kind.SPECIAL && random.nextInt(10) == 0) {
                float[] specials = {
                    Float.NaN,
                    Float.POSITIVE_INFINITY,
                    Float.NEGATIVE_INFINITY,
                    -0f,
                    0f,
                    Float.MAX_VALUE,
                    -Float.MAX_VALUE,
                    Float.MIN_VALUE
                };
                v[i] = specials[random.nextInt(specials.length)];
            } else {
                // Wide exponents so that rounding, absorption and cancellation all occur.
                v[i] = (float) (random.nextGaussian() * Math.pow(2, random.nextInt(-20, 21)));
            }
        }
        return v;
    }
}
