package org.backpropgrader.reference;

/** {@code a / s}, a true float32 division (not a multiply by 1/s). Backward: {@code div.Scalar: self: grad / other}. */
final class DivScalar extends Function {
    private final float s;

    private DivScalar(Tensor a, float s) {
        super(a);
        this.s = s;
    }

    static Tensor apply(Tensor a, float s) {
        float[] x = a.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] / s;
        }
        return Tensor.fromOp(a.shapeRef(), out, new DivScalar(a, s));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.div(s)};
    }
}
