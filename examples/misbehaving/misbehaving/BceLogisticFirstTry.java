package misbehaving;

import org.backpropgrader.exercises.bcelogistic.BceLogisticBackward;
import org.backpropgrader.exercises.bcelogistic.BceLogisticForward;
import org.backpropgrader.reference.Tensor;

/** One of two classes implementing the same exercise: the grader cannot tell which one is meant. */
public class BceLogisticFirstTry implements BceLogisticBackward {
    @Override
    public Tensor neg_log_probs(BceLogisticForward f, Tensor dloss) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public Tensor log_probs(BceLogisticForward f, Tensor dneg_log_probs) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public Tensor new_probs(BceLogisticForward f, Tensor dlog_probs) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public Tensor positive_probs(BceLogisticForward f, Tensor dnew_probs) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public Tensor negative_probs(BceLogisticForward f, Tensor dnew_probs) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public Tensor probs(BceLogisticForward f, Tensor dpositive_probs, Tensor dnegative_probs) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public Tensor y(BceLogisticForward f, Tensor dpositive_probs, Tensor dnegative_probs) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public Tensor exp_neg_logits(BceLogisticForward f, Tensor dprobs) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public Tensor neg_logits(BceLogisticForward f, Tensor dexp_neg_logits) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public Tensor logits(BceLogisticForward f, Tensor dneg_logits) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public Tensor X(BceLogisticForward f, Tensor dlogits) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public Tensor W(BceLogisticForward f, Tensor dlogits) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public Tensor b(BceLogisticForward f, Tensor dlogits) {
        throw new UnsupportedOperationException("TODO");
    }
}
