package org.backpropgrader.reference;

/**
 * {@code torch.sigmoid(a)} = 1 / (1 + exp(-a)), evaluated in double with {@link StrictMath#exp} (via {@link FdlibmExp},
 * a batch at a time by {@link FloatExpBatch}) and rounded once. Backward: {@code result * (1 - result) * grad}, the
 * textbook order; derivatives.yaml's {@code sigmoid_backward(grad, result)} multiplies {@code grad * (1 - result)}
 * first.
 */
final class Sigmoid extends Function {
    private final Tensor result;

    private Sigmoid(Tensor a, Tensor result) {
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
                batch.in[i] = -(double) x[start + i];
            }
            batch.exp(count);
            // Two loops: C2 vectorises the division, but not the narrowing to float32 (see FloatExpBatch).
            double[] e = batch.out;
            for (int i = 0; i < count; i++) {
                e[i] = 1.0 / (1.0 + e[i]);
            }
            for (int i = 0; i < count; i++) {
                out[start + i] = (float) e[i];
            }
        }
        return Tensor.fromOp(a.shapeRef(), out, new Sigmoid(a, Tensor.constant(a.shapeRef(), out)));
    }

    /**
     * {@code result.mul(result.rsub(1)).mul(grad)} in one pass: per element the same three float32 operations in the
     * same order, {@code (r * (1 - r)) * g}, so the same bits, without allocating the two intermediate tensors.
     */
    @Override
    Tensor[] backward(Tensor grad) {
        float[] r = result.dataRef();
        float[] g = grad.dataRef();
        float[] out = new float[r.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = r[i] * (1f - r[i]) * g[i];
        }
        return new Tensor[] {Tensor.constant(result.shapeRef(), out)};
    }
}
