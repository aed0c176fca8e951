package org.backpropgrader.reference;

/**
 * {@code a.sum(dim, keepdim)}. Each output accumulates in double over the dimension in index order and is
 * rounded once (see {@link SumAll}); {@link SumKernel} runs the loops. Backward: {@code sum.dim_IntList: self:
 * sum_backward(grad, self.sizes(), dim, keepdim)}: the gradient, with the summed dimension put back as a singleton,
 * expanded to the input's shape.
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
        float[] out = SumKernel.sum(a.dataRef(), outer, n, inner);
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
