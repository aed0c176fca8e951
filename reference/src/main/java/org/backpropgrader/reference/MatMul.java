package org.backpropgrader.reference;

/**
 * {@code a @ b} for 2-D tensors. Backward: {@code mm: self: grad.mm(mat2.t()), mat2: self.t().mm(grad)} —
 * exactly the notebook's {@code dX = dmatmul @ W.T} and {@code dW = X.T @ dmatmul}, so those are bit-identical
 * (the transposes are read in place, not materialised: see {@link #backward}).
 *
 * <h2>Note [Matmul summation order]</h2>
 * Every output element {@code c[i][j]} is accumulated in float32 over {@code p = 0, 1, …, k-1} in that order,
 * starting from {@code +0}: {@code c = +0; c = c + a[i][0] * b[0][j]; c = c + a[i][1] * b[1][j]; …}, each
 * product and each sum rounded to float32 (Java never fuses them into an FMA). The kernel may block and unroll
 * over {@code i} and {@code j}, and walk {@code p} in consecutive chunks, but never reorders {@code p} for one
 * element: results are the same bits on every JVM, whatever the blocking, and do not depend on threads. PyTorch's BLAS sums in another
 * order, which is why forward values are compared with PyTorch's up to a tolerance.
 */
final class MatMul extends Function {
    private final Tensor a;
    private final Tensor b;

    private MatMul(Tensor a, Tensor b) {
        super(a, b);
        this.a = a;
        this.b = b;
    }

    static Tensor apply(Tensor a, Tensor b) {
        int[] sa = a.shapeRef();
        int[] sb = b.shapeRef();
        if (sa.length != 2 || sb.length != 2) {
            throw new ShapeMismatchException(
                    "matmul", sa, sb, "both arguments must be 2-D, got " + sa.length + "-D and " + sb.length + "-D");
        }
        if (sa[1] != sb[0]) {
            throw new ShapeMismatchException(
                    "matmul",
                    sa,
                    sb,
                    "mat1 and mat2 shapes cannot be multiplied (" + sa[0] + "x" + sa[1] + " and " + sb[0] + "x" + sb[1]
                            + ")");
        }
        float[] c = MatMulKernel.multiply(a.dataRef(), b.dataRef(), sa[0], sa[1], sb[1]);
        return Tensor.fromOp(new int[] {sa[0], sb[1]}, c, new MatMul(a, b));
    }

    /**
     * {@code grad.matmul(b.T())} and {@code a.T().matmul(grad)}, the public ops' formulas, computed by the kernel
     * reading the transposed operand in place: the same products summed in the same order, so the same bits as
     * those two lines (pinned by {@code MatMulKernelTest}), without allocating and copying the two transposes.
     */
    @Override
    Tensor[] backward(Tensor grad) {
        int m = a.shapeRef()[0];
        int k = a.shapeRef()[1];
        int n = b.shapeRef()[1];
        float[] da = MatMulKernel.multiplyTransposedRight(grad.dataRef(), b.dataRef(), m, n, k);
        float[] db = MatMulKernel.multiplyTransposedLeft(a.dataRef(), grad.dataRef(), k, m, n);
        return new Tensor[] {Tensor.constant(new int[] {m, k}, da), Tensor.constant(new int[] {k, n}, db)};
    }
}
