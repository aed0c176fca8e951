package org.backpropgrader.reference;

/**
 * {@code a.max(dim, keepdim)}: values and indices. Ties go to the first index; a NaN wins over any number (as
 * PyTorch propagates NaN). PyTorch does not document which tied index its CPU kernel returns.
 * Backward: {@code one_hot(indices) * grad}, the notebook's formula; derivatives.yaml's
 * {@code value_selecting_reduction_backward} scatters {@code grad} into zeros, which gives the same values.
 */
final class MaxDim extends Function {
    private final int[] inputShape;
    private final int dim;
    private final boolean keepdim;
    private final int[] argmax;

    private MaxDim(Tensor a, int dim, boolean keepdim, int[] argmax) {
        super(a);
        this.inputShape = a.shapeRef();
        this.dim = dim;
        this.keepdim = keepdim;
        this.argmax = argmax;
    }

    static Tensor.MaxResult apply(Tensor a, int dim, boolean keepdim) {
        int[] shape = a.shapeRef();
        if (shape.length == 0) {
            Tensor values = Tensor.fromOp(shape, a.dataRef().clone(), new MaxDim(a, 0, keepdim, new int[1]));
            return new Tensor.MaxResult(values, Tensor.zeros());
        }
        int n = shape[dim];
        if (n == 0) {
            throw new IllegalArgumentException(
                    "max(): Expected reduction dim " + dim + " to have non-zero size, shape " + Shapes.format(shape));
        }
        int outer = 1;
        for (int d = 0; d < dim; d++) {
            outer *= shape[d];
        }
        int inner = Shapes.numel(shape) / (outer * n);
        float[] x = a.dataRef();
        float[] values = new float[outer * inner];
        float[] indices = new float[outer * inner];
        int[] argmax = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = 0;
                float bestValue = x[o * n * inner + i];
                for (int k = 1; k < n && !Float.isNaN(bestValue); k++) {
                    float v = x[(o * n + k) * inner + i];
                    if (v > bestValue || Float.isNaN(v)) {
                        best = k;
                        bestValue = v;
                    }
                }
                values[o * inner + i] = bestValue;
                indices[o * inner + i] = best;
                argmax[o * inner + i] = best;
            }
        }
        int[] outShape = SumDim.reducedShape(shape, dim, keepdim);
        Tensor valuesTensor = Tensor.fromOp(outShape, values, new MaxDim(a, dim, keepdim, argmax));
        return new Tensor.MaxResult(valuesTensor, Tensor.constant(outShape, indices));
    }

    /** 1 at each selected position of the input, 0 elsewhere. */
    private Tensor selectionMask() {
        float[] mask = new float[Shapes.numel(inputShape)];
        if (inputShape.length == 0) {
            mask[0] = 1f;
            return Tensor.constant(inputShape, mask);
        }
        int n = inputShape[dim];
        int inner = 1;
        for (int d = dim + 1; d < inputShape.length; d++) {
            inner *= inputShape[d];
        }
        for (int r = 0; r < argmax.length; r++) {
            int o = r / inner;
            int i = r % inner;
            mask[(o * n + argmax[r]) * inner + i] = 1f;
        }
        return Tensor.constant(inputShape, mask);
    }

    @Override
    Tensor[] backward(Tensor grad) {
        Tensor g = keepdim || inputShape.length == 0 ? grad : grad.reshape(SumDim.reducedShape(inputShape, dim, true));
        return new Tensor[] {selectionMask().mul(g)};
    }
}
