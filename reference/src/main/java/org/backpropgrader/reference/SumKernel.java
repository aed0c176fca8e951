package org.backpropgrader.reference;

/**
 * The summation loops of {@link SumDim}: each output is {@code +0.0} plus the summed dimension's values in index
 * order, in double, rounded once to float32. Only how the loops walk memory differs between the two shapes of the
 * problem; no output's order of additions ever changes.
 *
 * <h2>Why two loops</h2>
 * Along the last dimension ({@code inner == 1}, e.g. a softmax's {@code h.sum(1, keepdim=True)}) each output is one
 * running sum over a contiguous row, so it is kept in a local variable, four rows at a time: the four chains of
 * dependent additions overlap, where the general loop would load and store an accumulator per value. Along an
 * earlier dimension (e.g. a bias gradient's {@code grad.sum(0)}) the outputs of one step are contiguous, so each
 * step adds a row to a row of accumulators, four steps per pass: {@code acc[i] = acc[i] + x0[i] + x1[i] + x2[i] +
 * x3[i]}, evaluated left to right, is the same four additions in the same order as four passes, with a quarter of
 * the accumulator loads and stores (as in {@link MatMulKernel}).
 */
final class SumKernel {
    private static final int ROWS = 4;
    private static final int TERMS = 4;

    private SumKernel() {}

    /** The sums over the middle index of {@code x} viewed as [outer, n, inner]: an [outer, inner] result. */
    static float[] sum(float[] x, int outer, int n, int inner) {
        return inner == 1 ? sumRows(x, outer, n) : sumAlongMiddle(x, outer, n, inner);
    }

    /** The sum of each row of {@code x} viewed as [rows, n]. */
    private static float[] sumRows(float[] x, int rows, int n) {
        float[] out = new float[rows];
        int r = 0;
        for (; r + ROWS <= rows; r += ROWS) {
            int x0 = r * n;
            int x1 = x0 + n;
            int x2 = x1 + n;
            int x3 = x2 + n;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int k = 0; k < n; k++) {
                s0 += x[x0 + k];
                s1 += x[x1 + k];
                s2 += x[x2 + k];
                s3 += x[x3 + k];
            }
            out[r] = (float) s0;
            out[r + 1] = (float) s1;
            out[r + 2] = (float) s2;
            out[r + 3] = (float) s3;
        }
        for (; r < rows; r++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                s += x[r * n + k];
            }
            out[r] = (float) s;
        }
        return out;
    }

    /** The sums over the middle index of {@code x} viewed as [outer, n, inner], {@code inner > 1}. */
    private static float[] sumAlongMiddle(float[] x, int outer, int n, int inner) {
        float[] out = new float[outer * inner];
        double[] acc = new double[inner];
        for (int o = 0; o < outer; o++) {
            java.util.Arrays.fill(acc, 0);
            int base = o * n * inner;
            int k = 0;
            for (; k + TERMS <= n; k += TERMS) {
                int x0 = base + k * inner;
                int x1 = x0 + inner;
                int x2 = x1 + inner;
                int x3 = x2 + inner;
                for (int i = 0; i < inner; i++) {
                    acc[i] = acc[i] + x[x0 + i] + x[x1 + i] + x[x2 + i] + x[x3 + i];
                }
            }
            for (; k < n; k++) {
                int x0 = base + k * inner;
                for (int i = 0; i < inner; i++) {
                    acc[i] += x[x0 + i];
                }
            }
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = (float) acc[i];
            }
        }
        return out;
    }
}
