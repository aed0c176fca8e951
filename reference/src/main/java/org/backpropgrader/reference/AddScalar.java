package org.backpropgrader.reference;

/** {@code a + s} (and {@code a - s} as {@code a + (-s)}). Backward: {@code add.Scalar: self: grad}. */
final class AddScalar extends Function {
    private AddScalar(Tensor a) {
        super(a);
    }

    static Tensor apply(Tensor a, float s) {
        float[] x = a.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + s;
        }
        return Tensor.fromOp(a.shapeRef(), out, new AddScalar(a));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad};
    }
}
