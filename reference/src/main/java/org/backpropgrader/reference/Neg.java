package org.backpropgrader.reference;

/** {@code -a}. Backward, as derivatives.yaml: {@code neg: self: grad.neg()}. */
final class Neg extends Function {
    private Neg(Tensor a) {
        super(a);
    }

    static Tensor apply(Tensor a) {
        float[] x = a.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = -x[i];
        }
        return Tensor.fromOp(a.shapeRef(), out, new Neg(a));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.neg()};
    }
}
