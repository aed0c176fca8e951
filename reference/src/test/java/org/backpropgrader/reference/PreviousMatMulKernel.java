package org.backpropgrader.reference;

import java.util.Arrays;

/**
 * The engine's matrix product kernel as it was before it was unrolled over {@code p} (commit e95f4fd), kept
 * verbatim so that {@link MatMulKernelTest} pins the new kernel's bits against the old one, not only against the
 * naive loop that defines Note [Matmul summation order].
 *
 * <h2>Why rows are copied</h2>
 * HotSpot's C2 (JDK 17) vectorises {@code acc[j] += s * row[j]} only when both arrays are indexed by the same
 * expression: with {@code c[ci + j] += s * b[bp + j]} it cannot rule out that {@code c} and {@code b} overlap
 * and falls back to scalar code, five times slower. So each row of {@code b} is copied once into its own array
 * and four rows of {@code c} are accumulated in four row buffers indexed by {@code j} alone; each loaded
 * {@code b[p][j]} then feeds four rows. Every {@code c[i][j]} still receives {@code a[i][p] * b[p][j]} for
 * {@code p = 0, 1, …, k-1} in that order, starting from {@code +0}: the blocking changes which elements are
 * computed together, never the order of one element's sum.
 */
final class PreviousMatMulKernel {
    private PreviousMatMulKernel() {}

    /** {@code c = a @ b} for row-major {@code a} (m×k) and {@code b} (k×n). */
    static float[] multiply(float[] a, float[] b, int m, int k, int n) {
        float[] c = new float[m * n];
        float[][] bRows = new float[k][];
        for (int p = 0; p < k; p++) {
            bRows[p] = Arrays.copyOfRange(b, p * n, p * n + n);
        }
        float[] c0 = new float[n];
        float[] c1 = new float[n];
        float[] c2 = new float[n];
        float[] c3 = new float[n];
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            Arrays.fill(c0, 0f);
            Arrays.fill(c1, 0f);
            Arrays.fill(c2, 0f);
            Arrays.fill(c3, 0f);
            int a0 = i * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int a3 = a2 + k;
            for (int p = 0; p < k; p++) {
                float s0 = a[a0 + p];
                float s1 = a[a1 + p];
                float s2 = a[a2 + p];
                float s3 = a[a3 + p];
                float[] row = bRows[p];
                for (int j = 0; j < n; j++) {
                    float bpj = row[j];
                    c0[j] += s0 * bpj;
                    c1[j] += s1 * bpj;
                    c2[j] += s2 * bpj;
                    c3[j] += s3 * bpj;
                }
            }
            System.arraycopy(c0, 0, c, i * n, n);
            System.arraycopy(c1, 0, c, (i + 1) * n, n);
            System.arraycopy(c2, 0, c, (i + 2) * n, n);
            System.arraycopy(c3, 0, c, (i + 3) * n, n);
        }
        for (; i < m; i++) {
            Arrays.fill(c0, 0f);
            int a0 = i * k;
            for (int p = 0; p < k; p++) {
                float s0 = a[a0 + p];
                float[] row = bRows[p];
                for (int j = 0; j < n; j++) {
                    c0[j] += s0 * row[j];
                }
            }
            System.arraycopy(c0, 0, c, i * n, n);
        }
        return c;
    }
}
