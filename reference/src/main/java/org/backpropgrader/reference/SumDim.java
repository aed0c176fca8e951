package org.backpropgrader.reference;

/**
 * {@code a.sum(dim, keepdim)}. Each output accumulates in double over the dimension in index order and is
 * rounded once (see {@link SumAll}). Backward: {@code sum.dim_IntList: self: sum_backward(grad, self.sizes(), dim,
 * keepdim)}: the gradient, with the summed dimension put back as a singleton, expanded to the input's shape.
 */
final class SumDim extends Function {
    private final int[] inputShape;
    private final int dim;
    private final boolean keepdim;

    private SumDim(Tensor a, int dim, boolean keepdim) {
        super(a);
        this.inputShape = a.shapeRef();
        this.dim = dim;
        this.keepdim = keepdim;
    }

    static Tensor apply(Tensor a, int dim, boolean keepdim) {
        int[] shape = a.shapeRef();
        if (shape.length == 0) {
            return Tensor.fromOp(shape, a.dataRef().clone(), new SumDim(a, dim, keepdim));
        }
        int outer = 1;
        for (int d = 0; d < dim; d++) {
            outer *= shape[d];
        }
        int n = shape[dim];
        int inner = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        float[] x = a.dataRef();
        float[] out = new float[outer * inner];
        double[] acc = new double[inner];
        for (int o = 0; o < outer; o++) {
            java.util.Arrays.fill(acc, 0);
            for (int k = 0; k < n; k++) {
                int base = (o * n + k) * inner;
                for (int i = 0; i < inner; i++) {
                    acc[i] += x[base + i];
                }
            }
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = (float) acc[i];
            }
        }
        return Tensor.fromOp(reducedShape(shape, dim, keepdim), out, new SumDim(a, dim, keepdim));
    }

    /** The shape after reducing {@code dim}: a singleton there with keepdim, else without that dimension. */
    static int[] reducedShape(int[] shape, int dim, boolean keepdim) {
        if (keepdim) {
            int[] s = shape.clone();
            s[dim] = 1;
            return s;
        }
        int[] s = new int[shape.length - 1];
        for (int d = 0, j = 0; d < shape.length; d++) {
            if (d != dim) {
                s[j++] = shape[d];
            }
        }
        return s;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        if (inputShape.length == 0) {
            return new Tensor[] {grad};
        }
        Tensor g = keepdim ? grad : grad.reshape(reducedShape(inputShape, dim, true));
        return new Tensor[] {g.expand(inputShape)};
    }
}
