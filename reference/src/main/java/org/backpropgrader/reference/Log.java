package org.backpropgrader.reference;

/**
 * {@code a.log()}, rounded once from {@link StrictMath#log} (same bits on every JVM).
 * Backward: {@code (1 / self) * grad}, the notebook's order; derivatives.yaml has {@code grad.div(self)},
 * which can differ from ours in the last bit (Note [Bit-exact float32] in {@link Autograd}).
 */
final class Log extends Function {
    private final Tensor self;

    private Log(Tensor a) {
        super(a);
        this.self = a;
    }

    static Tensor apply(Tensor a) {
        float[] x = a.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) StrictMath.log(x[i]);
        }
        return Tensor.fromOp(a.shapeRef(), out, new Log(a));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {self.rdiv(1).mul(grad)};
    }
}
