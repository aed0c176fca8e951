package org.backpropgrader.reference;

/**
 * {@code s / a}. Backward: {@code -(s / a ** 2) * grad}, the notebook's
 * {@code -(1 / (1 + exp_neg_logits)**2) * dprobs}; PyTorch computes {@code 1 / a} as {@code reciprocal} with
 * {@code -grad * (result * result)}, which may differ in the last bit.
 */
final class RdivScalar extends Function {
    private final Tensor self;
    private final float s;

    private RdivScalar(Tensor a, float s) {
        super(a);
        this.self = a;
        this.s = s;
    }

    static Tensor apply(Tensor a, float s) {
        float[] x = a.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = s / x[i];
        }
        return Tensor.fromOp(a.shapeRef(), out, new RdivScalar(a, s));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {self.pow(2).rdiv(s).neg().mul(grad)};
    }
}
