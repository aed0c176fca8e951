package student;

import org.backpropgrader.exercises.bcelogistic.BceLogisticBackward;
import org.backpropgrader.exercises.bcelogistic.BceLogisticForward;
import org.backpropgrader.reference.Tensor;

/**
 * Exercise bce-logistic. Fill in every method: each returns the gradient of the loss with respect to the tensor it is
 * named after, computed by hand with tensor ops, one notebook line per method. The forward values are the
 * components of {@code f} (for example {@code f.logits()}); the other parameters are the gradients of
 * the tensors that consume this one. Run {@code make check} to compare every method with autograd.
 *
 * <p>The forward pass:
 * <pre>
 * logits = X @ W + b
 * neg_logits = -logits
 * exp_neg_logits = neg_logits.exp()
 * probs = 1 / (1 + exp_neg_logits)
 * positive_probs = probs * y
 * negative_probs = (1 - probs) * (1 - y)
 * new_probs = positive_probs + negative_probs
 * log_probs = new_probs.log()
 * neg_log_probs = -log_probs
 * loss = neg_log_probs.mean(0)
 * </pre>
 */
public class BceLogisticSolution implements BceLogisticBackward {

    /** Returns dloss/dneg_log_probs, shape [10, 1]; {@code dloss} is ones shaped like the loss ([1]). */
    @Override
    public Tensor neg_log_probs(BceLogisticForward f, Tensor dloss) {
        throw new UnsupportedOperationException("TODO neg_log_probs");
    }

    /** Returns dloss/dlog_probs, shape [10, 1]. */
    @Override
    public Tensor log_probs(BceLogisticForward f, Tensor dneg_log_probs) {
        throw new UnsupportedOperationException("TODO log_probs");
    }

    /** Returns dloss/dnew_probs, shape [10, 1]. */
    @Override
    public Tensor new_probs(BceLogisticForward f, Tensor dlog_probs) {
        throw new UnsupportedOperationException("TODO new_probs");
    }

    /** Returns dloss/dpositive_probs, shape [10, 1]. */
    @Override
    public Tensor positive_probs(BceLogisticForward f, Tensor dnew_probs) {
        throw new UnsupportedOperationException("TODO positive_probs");
    }

    /** Returns dloss/dnegative_probs, shape [10, 1]. */
    @Override
    public Tensor negative_probs(BceLogisticForward f, Tensor dnew_probs) {
        throw new UnsupportedOperationException("TODO negative_probs");
    }

    /** Returns dloss/dprobs through both consumers, shape [10, 1]. */
    @Override
    public Tensor probs(BceLogisticForward f, Tensor dpositive_probs, Tensor dnegative_probs) {
        throw new UnsupportedOperationException("TODO probs");
    }

    /** Returns dloss/dy through both consumers, shape [10, 1]. */
    @Override
    public Tensor y(BceLogisticForward f, Tensor dpositive_probs, Tensor dnegative_probs) {
        throw new UnsupportedOperationException("TODO y");
    }

    /** Returns dloss/dexp_neg_logits, shape [10, 1]. */
    @Override
    public Tensor exp_neg_logits(BceLogisticForward f, Tensor dprobs) {
        throw new UnsupportedOperationException("TODO exp_neg_logits");
    }

    /** Returns dloss/dneg_logits, shape [10, 1]. */
    @Override
    public Tensor neg_logits(BceLogisticForward f, Tensor dexp_neg_logits) {
        throw new UnsupportedOperationException("TODO neg_logits");
    }

    /** Returns dloss/dlogits, shape [10, 1]. */
    @Override
    public Tensor logits(BceLogisticForward f, Tensor dneg_logits) {
        throw new UnsupportedOperationException("TODO logits");
    }

    /** Returns dloss/dX, shape [10, 10]. */
    @Override
    public Tensor X(BceLogisticForward f, Tensor dlogits) {
        throw new UnsupportedOperationException("TODO X");
    }

    /** Returns dloss/dW, shape [10, 1]. */
    @Override
    public Tensor W(BceLogisticForward f, Tensor dlogits) {
        throw new UnsupportedOperationException("TODO W");
    }

    /** Returns dloss/db, shape [1]. */
    @Override
    public Tensor b(BceLogisticForward f, Tensor dlogits) {
        throw new UnsupportedOperationException("TODO b");
    }
}
