package org.backpropgrader.reference;

/**
 * {@code torch.relu(a)}. Backward: {@code (result > 0) * grad}, the notebook's mask; derivatives.yaml's
 * {@code threshold_backward(grad, result, 0)} gives the same values (up to the sign of zeros).
 */
final class Relu extends Function {
    private final Tensor result;

    private Relu(Tensor a, Tensor result) {
        super(a);
        this.result = result;
    }

    static Tensor apply(Tensor a) {
        float[] x = a.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            // NaN stays NaN, as in PyTorch; -0.0 becomes +0.0 like any non-positive input.
            out[i] = v > 0f || Float.isNaN(v) ? v : 0f;
        }
        return Tensor.fromOp(a.shapeRef(), out, new Relu(a, Tensor.constant(a.shapeRef(), out)));
    }

    /**
     * {@code result.gt(0).mul(grad)} in one pass: the same mask times the same gradient, one float32 product each, so
     * the same bits (a 0 in the mask still gives {@code 0 * grad}: -0 for a negative gradient, NaN for an infinite
     * one), without allocating and filling the mask.
     */
    @Override
    Tensor[] backward(Tensor grad) {
        float[] r = result.dataRef();
        float[] g = grad.dataRef();
        float[] out = new float[r.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (r[i] > 0f ? 1f : 0f) * g[i];
        }
        return new Tensor[] {Tensor.constant(result.shapeRef(), out)};
    }
}
