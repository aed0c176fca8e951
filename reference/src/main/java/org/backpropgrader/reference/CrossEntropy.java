package org.backpropgrader.reference;

/**
 * {@code F.cross_entropy(logits, target)} with the default mean reduction: for logits [N, C] and int64 classes
 * [N], {@code mean_i(logsumexp(logits[i]) - logits[i, target[i]])}, computed in double and rounded once.
 * Backward: PyTorch runs {@code nll_loss} then {@code log_softmax} backward; ours is the fused textbook form
 * {@code (softmax(logits, 1) - one_hot(target)) / N * grad}, written with the public ops so that a student's
 * {@code logits.softmax(1).sub(Tensor.oneHot(Yb, C)).div(n).mul(dloss)} is exact. The two differ by roundings only.
 */
final class CrossEntropy extends Function {
    private final Tensor logits;
    private final Tensor target;

    private CrossEntropy(Tensor logits, Tensor target) {
        super(logits);
        this.logits = logits;
        this.target = target;
    }

    static Tensor apply(Tensor logits, Tensor target) {
        int[] shape = logits.shapeRef();
        float[] x = logits.dataRef();
        long[] t = target.longsRef("cross_entropy: target");
        if (shape.length != 2) {
            throw new IllegalArgumentException(
                    "cross_entropy: expected logits of shape [N, C], got " + Shapes.format(shape));
        }
        int n = shape[0];
        int c = shape[1];
        if (target.dim() != 1 || target.size(0) != n) {
            throw new ShapeMismatchException(
                    "cross_entropy",
                    target.shapeRef(),
                    new int[] {n},
                    "Expected target of shape [" + n + "] to match the batch of logits " + Shapes.format(shape));
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            long k = t[i];
            if (k < 0 || k >= c) {
                throw new IndexOutOfBoundsException(
                        "cross_entropy: Target " + k + " is out of bounds (classes 0.." + (c - 1) + ") at index " + i);
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, x[i * c + j]);
            }
            double sum = 0;
            for (int j = 0; j < c; j++) {
                sum += StrictMath.exp(x[i * c + j] - max);
            }
            total += max + StrictMath.log(sum) - x[i * c + (int) k];
        }
        return Tensor.fromOp(new int[0], new float[] {(float) (total / n)}, new CrossEntropy(logits, target));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        int n = logits.size(0);
        Tensor oneHot = Tensor.oneHot(target, logits.size(1));
        return new Tensor[] {logits.softmax(1).sub(oneHot).div(n).mul(grad)};
    }
}
