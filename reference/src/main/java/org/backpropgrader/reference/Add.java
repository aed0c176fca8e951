package org.backpropgrader.reference;

/** {@code a + b} for operands already expanded to one shape. Backward: {@code add.Tensor: self: grad, other: grad}. */
final class Add extends Function {
    private Add(Tensor a, Tensor b) {
        super(a, b);
    }

    static Tensor apply(Tensor a, Tensor b) {
        float[] x = a.dataRef();
        float[] y = b.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + y[i];
        }
        return Tensor.fromOp(a.shapeRef(), out, new Add(a, b));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad, grad};
    }
}
