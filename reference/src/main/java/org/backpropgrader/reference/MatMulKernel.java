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
 * and three rows of {@code c} are accumulated in three row buffers indexed by {@code j} alone; these arrays are
 * {@link MatMulScratch}'s, reused from product to product.
 *
 * <h2>Why three rows by three terms per pass</h2>
 * One pass over {@code j} adds three consecutive terms to each element of three rows, {@code c[j] = c[j] + s0 *
 * b0[j] + s1 * b1[j] + s2 * b2[j]}, which Java evaluates left to right, rounding each product and each sum to
 * float32: exactly the three steps {@code p, p+1, p+2} of the element's sum in their order. Each buffer element is
 * then loaded and stored once per three terms instead of once per term, and each loaded {@code b[p][j]} feeds three
 * rows. Under C1 (the grader's child JVM) nothing is vectorised and these saved loads and stores are what counts:
 * two rows by four terms took 9.5 ms on the nine products of {@code mlp-softmax-max} against 17.7 ms for four rows
 * one term at a time (AMD EPYC, AVX-512, thread CPU time); three by three is as fast. C2 vectorises a pass only
 * while its loop body is small: blocks of eight or nine products (two by four, four by two, three by three) are
 * vectorised, blocks of twelve (three by four, four by three, two by six) are not and run four to five times
 * slower. Of the vectorised blocks three by three makes the fewest passes over {@code j}, and each pass costs, besides
 * its vector iterations, some 16 scalar ones (see {@link #product}): E4's pass takes 7% less CPU than with two by
 * four under C2, the same under C1.
 */
final class MatMulKernel {
    /** Rows of {@code c}, and terms of their sums, per pass over {@code j}. */
    private static final int BLOCK = 3;
    /** Terms per pass over {@code j} for a row left over from the blocks of three. */
    private static final int TERMS = 4;
    /** Fewer columns than one of C2's vectors holds: see {@link #product}. */
    private static final int FEW_COLUMNS = 16;

    private MatMulKernel() {}

    /** {@code c = a @ b} for row-major {@code a} (m×k) and {@code b} (k×n). */
    static float[] multiply(float[] a, float[] b, int m, int k, int n) {
        return product(a, k, 1, b, n, 1, m, k, n);
    }

    /**
     * {@code c = a @ bᵀ} for row-major {@code a} (m×k) and {@code b} (n×k): the same bits as {@code multiply} on
     * a materialised transpose of {@code b} (the operands' values are the same, only where they are read from
     * differs), without allocating that transpose. For {@code grad @ W.T} in autograd.
     */
    static float[] multiplyTransposedRight(float[] a, float[] b, int m, int k, int n) {
        return product(a, k, 1, b, 1, k, m, k, n);
    }

    /** {@code c = aᵀ @ b} for row-major {@code a} (k×m) and {@code b} (k×n); as above, for {@code X.T @ grad}. */
    static float[] multiplyTransposedLeft(float[] a, float[] b, int m, int k, int n) {
        return product(a, 1, m, b, n, 1, m, k, n);
    }

    /**
     * {@code c = A @ B} (m×k times k×n) for {@code A[i][p] = a[i * aRow + p * aCol]} and {@code B[p][j] = b[p * bRow
     * + j * bCol]}.
     *
     * <h2>Why it may compute the transpose</h2>
     * When {@code c} has more rows than columns it may compute {@code cᵀ = Bᵀ @ Aᵀ} and transpose that. Each element
     * is the same products ({@code x * y} and {@code y * x} are the same float32) summed over {@code p} in the same
     * order, so the same bits. The kernel makes one pass over {@code j} per three rows and three terms, and each pass
     * costs, besides its vector iterations, some 16 scalar ones on average (C2's pre-loop, which aligns the vectors,
     * and its post-loop, which finishes the row; together about 18 ns): with the shorter side as rows there are fewer
     * passes. That saves {@code (m - n) * k / 9} passes (2 ns per unit of {@code (m - n) * k}) at the price of
     * transposing {@code m * n} floats (0.7 ns each), worth it when {@code 3 * (m - n) * k > m * n}; with fewer than
     * {@link #FEW_COLUMNS} columns always, since such a pass is scalar from end to end. {@code mlp-softmax-max}'s {@code dW3 = h2.T @ dh3} (300×100) and {@code dX = dh1 @ W1.T}
     * (100×10) are its cases: 6% off the whole pass, and 49 to 25 us for {@code dX}.
     */
    private static float[] product(float[] a, int aRow, int aCol, float[] b, int bRow, int bCol, int m, int k, int n) {
        if (m > n && (n < FEW_COLUMNS || 3L * (m - n) * k > (long) m * n)) {
            return transpose(product(b, bCol, bRow, a, aCol, aRow, n, k, m), n, m);
        }
        float[][] scratch = MatMulScratch.ofThisThread().arrays(k + BLOCK, n);
        return multiply(a, aRow, aCol, rows(b, bRow, bCol, k, n, scratch), m, k, n);
    }

    /**
     * The rows of {@code B} ({@code B[p][j] = b[p * bRow + j * bCol]}, k×n) in {@code rows[0..k)}, each its own array
     * (see "Why rows are copied"): copied when they lie contiguous in {@code b}, else gathered four rows per sweep
     * over {@code j}, so that each step reads four neighbouring floats of {@code b} (one cache line, for a transpose)
     * and writes one float to each of four rows (measured: 0.3 ns a float, against 0.55 to 0.7 for one row per
     * sweep in tiles of 16 columns; under C1 0.57 against 0.8).
     */
    private static float[][] rows(float[] b, int bRow, int bCol, int k, int n, float[][] rows) {
        if (bCol == 1) {
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, p * bRow, rows[p], 0, n);
            }
            return rows;
        }
        int p = 0;
        for (; p + 4 <= k; p += 4) {
            float[] r0 = rows[p];
            float[] r1 = rows[p + 1];
            float[] r2 = rows[p + 2];
            float[] r3 = rows[p + 3];
            int at = p * bRow;
            for (int j = 0; j < n; j++, at += bCol) {
                r0[j] = b[at];
                r1[j] = b[at + bRow];
                r2[j] = b[at + 2 * bRow];
                r3[j] = b[at + 3 * bRow];
            }
        }
        for (; p < k; p++) {
            float[] r0 = rows[p];
            int at = p * bRow;
            for (int j = 0; j < n; j++, at += bCol) {
                r0[j] = b[at];
            }
        }
        return rows;
    }

    /**
     * The transpose of row-major {@code x} (rows×cols), four rows of {@code x} per sweep over its columns: each step
     * writes four neighbouring floats of the transpose (as {@link #rows} gathers).
     */
    private static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int x0 = i * cols;
            for (int j = 0, at = i; j < cols; j++, at += rows) {
                t[at] = x[x0 + j];
                t[at + 1] = x[x0 + cols + j];
                t[at + 2] = x[x0 + 2 * cols + j];
                t[at + 3] = x[x0 + 3 * cols + j];
            }
        }
        for (; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }

    /**
     * {@code c = a @ b} where {@code a[i][p]} is {@code a[i * aRow + p * aCol]} ({@code aRow = k, aCol = 1} for a
     * row-major m×k {@code a}, {@code aRow = 1, aCol = m} for the transpose of a row-major k×m one) and {@code b}
     * is given as its k rows of n in {@code bRows[0..k)}; {@code bRows[k .. k + BLOCK)} are scratch.
     */
    private static float[] multiply(float[] a, int aRow, int aCol, float[][] bRows, int m, int k, int n) {
        float[] c = new float[m * n];
        float[] c0 = bRows[k];
        float[] c1 = bRows[k + 1];
        float[] c2 = bRows[k + 2];
        int i = 0;
        for (; i + BLOCK <= m; i += BLOCK) {
            Arrays.fill(c0, 0, n, 0f);
            Arrays.fill(c1, 0, n, 0f);
            Arrays.fill(c2, 0, n, 0f);
            int a0 = i * aRow;
            int a1 = a0 + aRow;
            int a2 = a1 + aRow;
            int p = 0;
            for (; p + BLOCK <= k; p += BLOCK) {
                int q0 = p * aCol;
                int q1 = q0 + aCol;
                int q2 = q1 + aCol;
                float s00 = a[a0 + q0];
                float s01 = a[a0 + q1];
                float s02 = a[a0 + q2];
                float s10 = a[a1 + q0];
                float s11 = a[a1 + q1];
                float s12 = a[a1 + q2];
                float s20 = a[a2 + q0];
                float s21 = a[a2 + q1];
                float s22 = a[a2 + q2];
                float[] r0 = bRows[p];
                float[] r1 = bRows[p + 1];
                float[] r2 = bRows[p + 2];
                for (int j = 0; j < n; j++) {
                    float b0 = r0[j];
                    float b1 = r1[j];
                    float b2 = r2[j];
                    c0[j] = c0[j] + s00 * b0 + s01 * b1 + s02 * b2;
                    c1[j] = c1[j] + s10 * b0 + s11 * b1 + s12 * b2;
                    c2[j] = c2[j] + s20 * b0 + s21 * b1 + s22 * b2;
                }
            }
            for (; p < k; p++) {
                float s0 = a[a0 + p * aCol];
                float s1 = a[a1 + p * aCol];
                float s2 = a[a2 + p * aCol];
                float[] r0 = bRows[p];
                for (int j = 0; j < n; j++) {
                    float b0 = r0[j];
                    c0[j] += s0 * b0;
                    c1[j] += s1 * b0;
                    c2[j] += s2 * b0;
                }
            }
            System.arraycopy(c0, 0, c, i * n, n);
            System.arraycopy(c1, 0, c, (i + 1) * n, n);
            System.arraycopy(c2, 0, c, (i + 2) * n, n);
        }
        for (; i < m; i++) {
            accumulateRow(a, i * aRow, aCol, bRows, k, n, c0);
            System.arraycopy(c0, 0, c, i * n, n);
        }
        return c;
    }

    /** One row of {@code c} (left over from the blocks) into {@code acc}: that row of {@code a} times {@code b}. */
    private static void accumulateRow(float[] a, int a0, int aCol, float[][] bRows, int k, int n, float[] acc) {
        Arrays.fill(acc, 0, n, 0f);
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
