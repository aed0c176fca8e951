package org.backpropgrader.bench;

/**
 * The nine matrix products of one {@code mlp-softmax-max} forward and backward pass ({@code m×k @ k×n}): three
 * forward ({@code X@W1}, {@code h1@W2}, {@code h2@W3}) and, per layer, {@code dA = dC @ B.T} and
 * {@code dB = A.T @ dC}. Together 55.2 million floating-point operations (2·m·k·n each).
 */
final class MatMulShapes {
    static final int[][] MLP = {
        {100, 10, 200},
        {100, 200, 300},
        {100, 300, 100},
        {100, 100, 300},
        {300, 100, 100},
        {100, 300, 200},
        {200, 100, 300},
        {100, 200, 10},
        {10, 100, 200},
    };

    static final double MLP_FLOP = flop(MLP);

    private MatMulShapes() {}

    static double flop(int[][] shapes) {
        double f = 0;
        for (int[] s : shapes) {
            f += 2.0 * s[0] * s[1] * s[2];
        }
        return f;
    }

    /** The textbook triple loop: each {@code c[i][j]} a dot product over {@code p}, walking a column of b. */
    static float[] textbook(float[] a, float[] b, int m, int k, int n) {
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

    /** The engine's kernel before it was blocked: i-p-j, one row of c at a time. Same bits as {@link #textbook}. */
    static float[] previousKernel(float[] a, float[] b, int m, int k, int n) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
        return c;
    }
}
