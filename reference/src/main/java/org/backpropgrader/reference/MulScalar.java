package org.backpropgrader.reference;

/** {@code a * s}. Backward: {@code mul.Scalar: self: grad * other}. */
final class MulScalar extends Function {
    private final float s;

    private MulScalar(Tensor a, float s) {
        super(a);
        this.s = s;
    }

    static Tensor apply(Tensor a, float s) {
        float[] x = a.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * s;
        }
        return Tensor.fromOp(a.shapeRef(), out, new MulScalar(a, s));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.mul(s)};
    }
}
