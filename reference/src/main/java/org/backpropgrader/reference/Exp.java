package org.backpropgrader.reference;

/**
 * {@code a.exp()}, each element rounded once from {@link StrictMath#exp} (computed by {@link FdlibmExp}, the same
 * bits, a batch at a time by {@link FloatExpBatch}): fdlibm is specified to give the same bits on every JVM and CPU,
 * which {@code Math.exp}'s intrinsics are not.
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
        FloatExpBatch batch = new FloatExpBatch();
        for (int start = 0; start < x.length; start += FloatExpBatch.SIZE) {
            int count = Math.min(FloatExpBatch.SIZE, x.length - start);
            for (int i = 0; i < count; i++) {
                batch.in[i] = x[start + i];
            }
            batch.exp(count);
            for (int i = 0; i < count; i++) {
                out[start + i] = (float) batch.out[i];
            }
        }
        return Tensor.fromOp(a.shapeRef(), out, new Exp(a, Tensor.constant(a.shapeRef(), out)));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {result.mul(grad)};
    }
}
