package org.backpropgrader.reference;

/**
 * {@code torch.relu(a)}. Backward: {@code (result > 0) * grad}, the notebook's mask; derivatives.yaml's
 * {@code threshold_backward(grad, result, 0)} gives the same values (up to the sign of zeros).
 */
final class Relu extends Function {
    private final Tensor result;

    private Relu(Tensor a, Tensor result) {
        super(a);
        this.result = result;
    }

    /**
     * Keeps {@code x} where it is positive or NaN (NaN stays NaN, as in PyTorch), else +0.0 (-0.0 included). The
     * choice is made on the bits, without a branch: on inputs of random sign a branch is mispredicted half the time,
     * which made this loop and the backward's three times slower than with masks.
     */
    static Tensor apply(Tensor a) {
        float[] x = a.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int bits = Float.floatToRawIntBits(x[i]);
            int positive = ~(bits >> 31);
            int nan = (0x7f800000 - (bits & 0x7fffffff)) >> 31;
            out[i] = Float.intBitsToFloat(bits & (positive | nan));
        }
        return Tensor.fromOp(a.shapeRef(), out, new Relu(a, Tensor.constant(a.shapeRef(), out)));
    }

    /**
     * {@code result.gt(0).mul(grad)} in one pass: the same mask times the same gradient, one float32 product each, so
     * the same bits (a 0 in the mask still gives {@code 0 * grad}: -0 for a negative gradient, NaN for an infinite
     * one), without allocating and filling the mask. The mask is made from the bits, without a branch (see
     * {@link #apply}): {@code r > 0} exactly when its bits, as an int, lie in {@code [1, 0x7f800000]} (+0 excluded, +inf
     * included, NaNs and negatives outside).
     */
    @Override
    Tensor[] backward(Tensor grad) {
        float[] r = result.dataRef();
        float[] g = grad.dataRef();
        float[] out = new float[r.length];
        for (int i = 0; i < out.length; i++) {
            int bits = Float.floatToRawIntBits(r[i]);
            int greaterThanZero = (-bits >> 31) & ((bits - 0x7f800001) >> 31);
            out[i] = Float.intBitsToFloat(greaterThanZero & 0x3f800000) * g[i];
        }
        return new Tensor[] {Tensor.constant(result.shapeRef(), out)};
    }
}
