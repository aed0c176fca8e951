package org.backpropgrader.reference;

import java.util.Arrays;

/**
 * The float32 matrix product loop; its summation order is fixed by Note [Matmul summation order] in
 * {@link MatMul}.
 *
 * <h2>Why rows are copied</h2>
 * HotSpot's C2 (JDK 17) vectorises {@code acc[j] += s * row[j]} only when both arrays are indexed by the same
 * expression: with {@code c[ci + j] += s * b[bp + j]} it cannot rule out that {@code c} and {@code b} overlap
 * and falls back to scalar code, five times slower. So each row of {@code b} is copied once into its own array
 * and two rows of {@code c} are accumulated in two row buffers indexed by {@code j} alone.
 *
 * <h2>Why four terms per pass over a row</h2>
 * One pass over {@code j} adds four consecutive terms to each element, {@code c[j] = c[j] + s0 * b0[j] + s1 *
 * b1[j] + s2 * b2[j] + s3 * b3[j]}, which Java evaluates left to right, rounding each product and each sum to
 * float32: exactly the four steps {@code p, p+1, p+2, p+3} of the element's sum in their order. Each buffer element
 * is then loaded and stored once per four terms instead of once per term, and each loaded {@code b[p][j]} feeds two
 * rows. Measured on the nine products of {@code mlp-softmax-max} (AMD EPYC, AVX-512, thread CPU time): 1.6 ms under
 * C2 against 2.8 ms for four rows one term at a time; 9.5 ms against 17.7 ms in a C1-only JVM (the grader's child),
 * where nothing is vectorised and the saved loads and stores are what counts. Larger blocks (four rows by four
 * terms, eight by two) are faster still under C1 but C2 then stops vectorising them (four times slower); two by
 * four is the largest block that is fast under both.
 */
final class MatMulKernel {
    private static final int TERMS = 4;

    private MatMulKernel() {}

    /** {@code c = a @ b} for row-major {@code a} (m×k) and {@code b} (k×n). */
    static float[] multiply(float[] a, float[] b, int m, int k, int n) {
        float[] c = new float[m * n];
        float[][] bRows = new float[k][];
        for (int p = 0; p < k; p++) {
            bRows[p] = Arrays.copyOfRange(b, p * n, p * n + n);
        }
        float[] c0 = new float[n];
        float[] c1 = new float[n];
        int i = 0;
        for (; i + 2 <= m; i += 2) {
            Arrays.fill(c0, 0f);
            Arrays.fill(c1, 0f);
            int a0 = i * k;
            int a1 = a0 + k;
            int p = 0;
            for (; p + TERMS <= k; p += TERMS) {
                float s00 = a[a0 + p];
                float s01 = a[a0 + p + 1];
                float s02 = a[a0 + p + 2];
                float s03 = a[a0 + p + 3];
                float s10 = a[a1 + p];
                float s11 = a[a1 + p + 1];
                float s12 = a[a1 + p + 2];
                float s13 = a[a1 + p + 3];
                float[] r0 = bRows[p];
                float[] r1 = bRows[p + 1];
                float[] r2 = bRows[p + 2];
                float[] r3 = bRows[p + 3];
                for (int j = 0; j < n; j++) {
                    float b0 = r0[j];
                    float b1 = r1[j];
                    float b2 = r2[j];
                    float b3 = r3[j];
                    c0[j] = c0[j] + s00 * b0 + s01 * b1 + s02 * b2 + s03 * b3;
                    c1[j] = c1[j] + s10 * b0 + s11 * b1 + s12 * b2 + s13 * b3;
                }
            }
            for (; p < k; p++) {
                float s0 = a[a0 + p];
                float s1 = a[a1 + p];
                float[] r0 = bRows[p];
                for (int j = 0; j < n; j++) {
                    float b0 = r0[j];
                    c0[j] += s0 * b0;
                    c1[j] += s1 * b0;
                }
            }
            System.arraycopy(c0, 0, c, i * n, n);
            System.arraycopy(c1, 0, c, (i + 1) * n, n);
        }
        if (i < m) {
            accumulateRow(a, i * k, bRows, k, n, c0);
            System.arraycopy(c0, 0, c, i * n, n);
        }
        return c;
    }

    /** One row of {@code c} (the last of an odd count) into {@code acc}: row {@code a[a0 ..]} times {@code b}. */
    private static void accumulateRow(float[] a, int a0, float[][] bRows, int k, int n, float[] acc) {
        Arrays.fill(acc, 0f);
        int p = 0;
        for (; p + TERMS <= k; p += TERMS) {
            float s0 = a[a0 + p];
            float s1 = a[a0 + p + 1];
            float s2 = a[a0 + p + 2];
            float s3 = a[a0 + p + 3];
            float[] r0 = bRows[p];
            float[] r1 = bRows[p + 1];
            float[] r2 = bRows[p + 2];
            float[] r3 = bRows[p + 3];
            for (int j = 0; j < n; j++) {
                acc[j] = acc[j] + s0 * r0[j] + s1 * r1[j] + s2 * r2[j] + s3 * r3[j];
            }
        }
        for (; p < k; p++) {
            float s0 = a[a0 + p];
            float[] r0 = bRows[p];
            for (int j = 0; j < n; j++) {
                acc[j] += s0 * r0[j];
            }
        }
    }
}
