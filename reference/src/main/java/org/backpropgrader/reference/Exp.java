package org.backpropgrader.reference;

/**
 * {@code a.exp()}, each element rounded once from {@link StrictMath#exp} (computed by {@link FdlibmExp}, the same
 * bits): fdlibm is specified to give the same bits on every JVM and CPU, which {@code Math.exp}'s intrinsics are
 * not.
 * Backward: {@code exp: self: grad * result}.
 */
final class Exp extends Function {
    private final Tensor result;

    private Exp(Tensor a, Tensor result) {
        super(a);
        this.result = result;
    }

    static Tensor apply(Tensor a) {
        float[] x = a.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) FdlibmExp.exp(x[i]);
        }
        return Tensor.fromOp(a.shapeRef(), out, new Exp(a, Tensor.constant(a.shapeRef(), out)));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {result.mul(grad)};
    }
}
