package student;

import org.backpropgrader.exercises.l2linear.L2LinearBackward;
import org.backpropgrader.exercises.l2linear.L2LinearForward;
import org.backpropgrader.reference.Tensor;

/**
 * Exercise l2-linear. Fill in every method: each returns the gradient of the loss with respect to the tensor it is
 * named after, computed by hand with tensor ops, one notebook line per method. The forward values are the
 * components of {@code f} (for example {@code f.linear()}); the other parameters are the gradients of
 * the tensors that consume this one. Run {@code make check} to compare every method with autograd.
 *
 * <p>The forward pass:
 * <pre>
 * linear = X @ W + b
 * W_2 = W ** 2
 * reg = W_2.sum(0)
 * preds = linear + reg
 * pred = preds.mean(0)
 * </pre>
 */
public class L2LinearSolution implements L2LinearBackward {

    /** Returns dpred/dpreds, shape [100, 1]; {@code dpred} is ones shaped like the output ([1]). */
    @Override
    public Tensor preds(L2LinearForward f, Tensor dpred) {
        throw new UnsupportedOperationException("TODO preds");
    }

    /** Returns dpred/dlinear, shape [100, 1]. */
    @Override
    public Tensor linear(L2LinearForward f, Tensor dpreds) {
        throw new UnsupportedOperationException("TODO linear");
    }

    /** Returns dpred/dreg, shape [1]: {@code reg} is broadcast into every prediction. */
    @Override
    public Tensor reg(L2LinearForward f, Tensor dpreds) {
        throw new UnsupportedOperationException("TODO reg");
    }

    /** Returns dpred/dW_2, shape [3, 1]. */
    @Override
    public Tensor W_2(L2LinearForward f, Tensor dreg) {
        throw new UnsupportedOperationException("TODO W_2");
    }

    /** Returns dpred/dW through both consumers, shape [3, 1]. */
    @Override
    public Tensor W(L2LinearForward f, Tensor dlinear, Tensor dW_2) {
        throw new UnsupportedOperationException("TODO W");
    }

    /** Returns dpred/dX, shape [100, 3]. */
    @Override
    public Tensor X(L2LinearForward f, Tensor dlinear) {
        throw new UnsupportedOperationException("TODO X");
    }

    /** Returns dpred/db, shape [1]. */
    @Override
    public Tensor b(L2LinearForward f, Tensor dlinear) {
        throw new UnsupportedOperationException("TODO b");
    }
}
