package org.backpropgrader.reference;

/** {@code s - a}. Backward: {@code rsub.Scalar: self: -grad}. */
final class RsubScalar extends Function {
    private RsubScalar(Tensor a) {
        super(a);
    }

    static Tensor apply(Tensor a, float s) {
        float[] x = a.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = s - x[i];
        }
        return Tensor.fromOp(a.shapeRef(), out, new RsubScalar(a));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.neg()};
    }
}
