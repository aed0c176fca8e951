package org.backpropgrader.reference;

/**
 * {@code torch.tanh(a)}, rounded once from {@link StrictMath#tanh}.
 * Backward: {@code (1 - result ** 2) * grad}; derivatives.yaml: {@code tanh_backward(grad, result)}.
 */
final class Tanh extends Function {
    private final Tensor result;

    private Tanh(Tensor a, Tensor result) {
        super(a);
        this.result = result;
    }

    static Tensor apply(Tensor a) {
        float[] x = a.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) StrictMath.tanh(x[i]);
        }
        return Tensor.fromOp(a.shapeRef(), out, new Tanh(a, Tensor.constant(a.shapeRef(), out)));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {result.pow(2).rsub(1).mul(grad)};
    }
}
