package org.backpropgrader.reference;

/**
 * {@code a.var(dim, keepdim, correction)}: {@code sum((x - mean)**2) / (n - correction)} along {@code dim}
 * ({@code correction} 1 is Bessel's, PyTorch's {@code unbiased=True}). Two passes in double, rounded once.
 * Backward: {@code var_backward}: {@code (2 / (n - correction)) * grad * (self - self.mean(dim, true))}.
 */
final class Var extends Function {
    private final Tensor self;
    private final int dim;
    private final boolean keepdim;
    private final int correction;

    private Var(Tensor a, int dim, boolean keepdim, int correction) {
        super(a);
        this.self = a;
        this.dim = dim;
        this.keepdim = keepdim;
        this.correction = correction;
    }

    static Tensor apply(Tensor a, int dim, boolean keepdim, int correction) {
        int[] shape = a.shapeRef();
        float[] x = a.dataRef();
        int n = shape.length == 0 ? 1 : shape[dim];
        int outer = 1;
        for (int d = 0; d < dim; d++) {
            outer *= shape[d];
        }
        int inner = n == 0 ? 0 : x.length / (outer * n);
        float[] out = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += x[(o * n + k) * inner + i];
                }
                double mean = sum / n;
                double squares = 0;
                for (int k = 0; k < n; k++) {
                    double d = x[(o * n + k) * inner + i] - mean;
                    squares += d * d;
                }
                out[o * inner + i] = (float) (squares / (n - correction));
            }
        }
        int[] outShape = shape.length == 0 ? shape : SumDim.reducedShape(shape, dim, keepdim);
        return Tensor.fromOp(outShape, out, new Var(a, dim, keepdim, correction));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        int[] shape = self.shapeRef();
        if (shape.length == 0) {
            return new Tensor[] {grad.mul(0)};
        }
        int n = shape[dim];
        Tensor g = keepdim ? grad : grad.reshape(SumDim.reducedShape(shape, dim, true));
        return new Tensor[] {g.mul(2.0 / (n - correction)).mul(self.sub(self.mean(dim, true)))};
    }
}
