package org.backpropgrader.reference;

/** {@code a - b} for operands of one shape. Backward: {@code sub.Tensor: self: grad, other: -grad}. */
final class Sub extends Function {
    private Sub(Tensor a, Tensor b) {
        super(a, b);
    }

    static Tensor apply(Tensor a, Tensor b) {
        float[] x = a.dataRef();
        float[] y = b.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] - y[i];
        }
        return Tensor.fromOp(a.shapeRef(), out, new Sub(a, b));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad, grad.neg()};
    }
}
