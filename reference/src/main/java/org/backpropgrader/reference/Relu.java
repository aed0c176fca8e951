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

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {result.gt(0).mul(grad)};
    }
}
