package org.backpropgrader.reference;

/** The float32 matrix product loop; its summation order is fixed by Note [Matmul summation order] in {@link MatMul}. */
final class MatMulKernel {
    private MatMulKernel() {}

    /** {@code c = a @ b} for row-major {@code a} (m×k) and {@code b} (k×n). */
    static float[] multiply(float[] a, float[] b, int m, int k, int n) {
        float[] c = new float[m * n];
        // i-p-j order: the inner loop streams a row of b into a row of c, which the JIT vectorises.
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
