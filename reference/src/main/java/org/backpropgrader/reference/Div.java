package org.backpropgrader.reference;

/**
 * {@code a / b} for operands of one shape.
 * Backward: {@code div.Tensor: self: grad / other, other: -grad * ((self / other) / other)}.
 */
final class Div extends Function {
    private final Tensor a;
    private final Tensor b;

    private Div(Tensor a, Tensor b) {
        super(a, b);
        this.a = a;
        this.b = b;
    }

    static Tensor apply(Tensor a, Tensor b) {
        float[] x = a.dataRef();
        float[] y = b.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] / y[i];
        }
        return Tensor.fromOp(a.shapeRef(), out, new Div(a, b));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.div(b), grad.neg().mul(a.div(b).div(b))};
    }
}
