package org.backpropgrader.reference;

/**
 * {@code F.softmax(a, dim)}: {@code exp(x - max) / sum(exp(x - max))} along {@code dim}, the exponentials in float32
 * (as {@link Exp} computes them), their sum in double rounded once, one float32 division each.
 * Backward: {@code _softmax_backward_data}: {@code result * (grad - (grad * result).sum(dim, keepdim=True))}.
 */
final class Softmax extends Function {
    private final Tensor result;
    private final int dim;

    private Softmax(Tensor a, Tensor result, int dim) {
        super(a);
        this.result = result;
        this.dim = dim;
    }

    static Tensor apply(Tensor a, int dim) {
        int[] shape = a.shapeRef();
        float[] x = a.dataRef();
        int n = shape.length == 0 ? 1 : shape[dim];
        int outer = 1;
        for (int d = 0; d < dim; d++) {
            outer *= shape[d];
        }
        int inner = n == 0 ? 0 : x.length / (outer * n);
        float[] out = new float[x.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    max = Math.max(max, x[(o * n + k) * inner + i]);
                }
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    int at = (o * n + k) * inner + i;
                    out[at] = (float) FdlibmExp.exp(x[at] - max);
                    sum += out[at];
                }
                float total = (float) sum;
                for (int k = 0; k < n; k++) {
                    out[(o * n + k) * inner + i] /= total;
                }
            }
        }
        return Tensor.fromOp(shape, out, new Softmax(a, Tensor.constant(shape, out), dim));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        if (result.dim() == 0) {
            return new Tensor[] {grad.mul(0)};
        }
        return new Tensor[] {result.mul(grad.sub(grad.mul(result).sum(dim, true)))};
    }
}
