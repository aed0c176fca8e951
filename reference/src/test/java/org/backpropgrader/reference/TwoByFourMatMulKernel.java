package org.backpropgrader.reference;

import java.util.Arrays;

/**
 * The engine's matrix product kernel as it was at commit 87ec21a (two rows by four terms, rows copied into fresh
 * arrays, transposed operands gathered 16 columns at a time), kept verbatim so that {@link MatMulKernelTest} pins the
 * current kernel's three entry points (scratch rows, four-row gathers, three-by-three blocks, transposed products)
 * against it, not only against the naive loop that defines Note [Matmul summation order].
 */
final class TwoByFourMatMulKernel {
    private static final int TERMS = 4;
    /** Columns of {@code b} gathered per sweep when transposing it, so the rows written stay in the L1 cache. */
    private static final int TILE = 16;

    private TwoByFourMatMulKernel() {}

    /** {@code c = a @ b} for row-major {@code a} (m×k) and {@code b} (k×n). */
    static float[] multiply(float[] a, float[] b, int m, int k, int n) {
        return multiply(a, k, 1, rows(b, k, n), m, k, n);
    }

    /**
     * {@code c = a @ bᵀ} for row-major {@code a} (m×k) and {@code b} (n×k): the same bits as {@code multiply} on
     * a materialised transpose of {@code b} (the operands' values are the same, only where they are read from
     * differs), without allocating that transpose. For {@code grad @ W.T} in autograd.
     */
    static float[] multiplyTransposedRight(float[] a, float[] b, int m, int k, int n) {
        return multiply(a, k, 1, rowsOfTranspose(b, k, n), m, k, n);
    }

    /** {@code c = aᵀ @ b} for row-major {@code a} (k×m) and {@code b} (k×n); as above, for {@code X.T @ grad}. */
    static float[] multiplyTransposedLeft(float[] a, float[] b, int m, int k, int n) {
        return multiply(a, 1, m, rows(b, k, n), m, k, n);
    }

    /** The rows of row-major {@code b} (k×n), each its own array (see "Why rows are copied"). */
    private static float[][] rows(float[] b, int k, int n) {
        float[][] rows = new float[k][];
        for (int p = 0; p < k; p++) {
            rows[p] = Arrays.copyOfRange(b, p * n, p * n + n);
        }
        return rows;
    }

    /** The rows of the transpose of row-major {@code b} (n×k): {@code rows[p][j] = b[j][p]}. */
    private static float[][] rowsOfTranspose(float[] b, int k, int n) {
        float[][] rows = new float[k][n];
        for (int j0 = 0; j0 < n; j0 += TILE) {
            int j1 = Math.min(n, j0 + TILE);
            for (int p = 0; p < k; p++) {
                float[] row = rows[p];
                for (int j = j0; j < j1; j++) {
                    row[j] = b[j * k + p];
                }
            }
        }
        return rows;
    }

    /**
     * {@code c = a @ b} where {@code a[i][p]} is {@code a[i * aRow + p * aCol]} ({@code aRow = k, aCol = 1} for a
     * row-major m×k {@code a}, {@code aRow = 1, aCol = m} for the transpose of a row-major k×m one) and {@code b}
     * is given as its k rows of n.
     */
    private static float[] multiply(float[] a, int aRow, int aCol, float[][] bRows, int m, int k, int n) {
        float[] c = new float[m * n];
        float[] c0 = new float[n];
        float[] c1 = new float[n];
        int i = 0;
        for (; i + 2 <= m; i += 2) {
            Arrays.fill(c0, 0f);
            Arrays.fill(c1, 0f);
            int a0 = i * aRow;
            int a1 = a0 + aRow;
            int p = 0;
            for (; p + TERMS <= k; p += TERMS) {
                int q0 = p * aCol;
                int q1 = q0 + aCol;
                int q2 = q1 + aCol;
                int q3 = q2 + aCol;
                float s00 = a[a0 + q0];
                float s01 = a[a0 + q1];
                float s02 = a[a0 + q2];
                float s03 = a[a0 + q3];
                float s10 = a[a1 + q0];
                float s11 = a[a1 + q1];
                float s12 = a[a1 + q2];
                float s13 = a[a1 + q3];
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
                float s0 = a[a0 + p * aCol];
                float s1 = a[a1 + p * aCol];
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
            accumulateRow(a, i * aRow, aCol, bRows, k, n, c0);
            System.arraycopy(c0, 0, c, i * n, n);
        }
        return c;
    }

    /** One row of {@code c} (the last of an odd count) into {@code acc}: that row of {@code a} times {@code b}. */
    private static void accumulateRow(float[] a, int a0, int aCol, float[][] bRows, int k, int n, float[] acc) {
        Arrays.fill(acc, 0f);
        int p = 0;
        for (; p + TERMS <= k; p += TERMS) {
            int q0 = a0 + p * aCol;
            float s0 = a[q0];
            float s1 = a[q0 + aCol];
            float s2 = a[q0 + 2 * aCol];
            float s3 = a[q0 + 3 * aCol];
            float[] r0 = bRows[p];
            float[] r1 = bRows[p + 1];
            float[] r2 = bRows[p + 2];
            float[] r3 = bRows[p + 3];
            for (int j = 0; j < n; j++) {
                acc[j] = acc[j] + s0 * r0[j] + s1 * r1[j] + s2 * r2[j] + s3 * r3[j];
            }
        }
        for (; p < k; p++) {
            float s0 = a[a0 + p * aCol];
            float[] r0 = bRows[p];
            for (int j = 0; j < n; j++) {
                acc[j] += s0 * r0[j];
            }
        }
    }
}
