package org.backpropgrader.reference;

/**
 * {@code a ** p} for a scalar exponent. Like PyTorch's CPU kernel, the common exponents are computed with
 * float32 arithmetic ({@code x * x} for 2, {@code 1 / x} for -1, {@code 1 / sqrt(x)} for -0.5, {@code 1 / (x * x)} for -2, ...), others with
 * {@link StrictMath#pow} rounded once.
 * Backward: {@code pow.Tensor_Scalar: self: pow_backward(grad, self, exponent)}, that is
 * {@code exponent * self ** (exponent - 1) * grad}, zero for exponent 0.
 */
final class Pow extends Function {
    private final Tensor self;
    private final float exponent;

    private Pow(Tensor a, float exponent) {
        super(a);
        this.self = a;
        this.exponent = exponent;
    }

    static Tensor apply(Tensor a, float p) {
        float[] x = a.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = pow(x[i], p);
        }
        return Tensor.fromOp(a.shapeRef(), out, new Pow(a, p));
    }

    private static float pow(float x, float p) {
        if (p == 1f) {
            return x;
        } else if (p == 2f) {
            return x * x;
        } else if (p == 3f) {
            return x * x * x;
        } else if (p == 0.5f) {
            return (float) Math.sqrt(x); // IEEE sqrt is correctly rounded: same bits everywhere
        } else if (p == -0.5f) {
            return 1f / (float) Math.sqrt(x); // PyTorch computes x ** -0.5 as 1 / sqrt(x): two correct roundings
        } else if (p == -1f) {
            return 1f / x;
        } else if (p == -2f) {
            return 1f / (x * x);
        } else if (p == 0f) {
            return 1f;
        }
        return (float) StrictMath.pow(x, p);
    }

    @Override
    Tensor[] backward(Tensor grad) {
        if (exponent == 0f) {
            return new Tensor[] {Tensor.zerosLike(self)};
        }
        return new Tensor[] {self.pow(exponent - 1f).mul(exponent).mul(grad)};
    }
}
