package org.backpropgrader.reference;

/**
 * {@code torch.sqrt(a)}, correctly rounded (IEEE sqrt: the same bits everywhere).
 * Backward: {@code sqrt: self: grad / (2 * result)}.
 */
final class Sqrt extends Function {
    private final Tensor result;

    private Sqrt(Tensor a, Tensor result) {
        super(a);
        this.result = result;
    }

    static Tensor apply(Tensor a) {
        float[] x = a.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) Math.sqrt(x[i]);
        }
        return Tensor.fromOp(a.shapeRef(), out, new Sqrt(a, Tensor.constant(a.shapeRef(), out)));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.div(result.mul(2))};
    }
}
