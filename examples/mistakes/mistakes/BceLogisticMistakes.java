package mistakes;

import org.backpropgrader.exercises.bcelogistic.BceLogisticBackward;
import org.backpropgrader.exercises.bcelogistic.BceLogisticForward;
import org.backpropgrader.reference.Tensor;

/** Classic mistakes, one or two per exercise; see the comments marked "mistake". */
public class BceLogisticMistakes implements BceLogisticBackward {
    @Override
    public Tensor neg_log_probs(BceLogisticForward f, Tensor dloss) {
        // dneg_log_probs = torch.ones_like(neg_log_probs) * (1.0 / neg_log_probs.shape[0])
        return Tensor.onesLike(f.neg_log_probs()).mul(1.0 / f.neg_log_probs().size(0)).mul(dloss);
    }

    @Override
    public Tensor log_probs(BceLogisticForward f, Tensor dneg_log_probs) {
        // dlog_probs = -torch.ones_like(log_probs) * dneg_log_probs
        return Tensor.onesLike(f.log_probs()).neg().mul(dneg_log_probs);
    }

    @Override
    public Tensor new_probs(BceLogisticForward f, Tensor dlog_probs) {
        // dnew_probs = (1.0 / new_probs) * dlog_probs
        return f.new_probs().rdiv(1.0).mul(dlog_probs);
    }

    @Override
    public Tensor positive_probs(BceLogisticForward f, Tensor dnew_probs) {
        // dpositive_probs = torch.ones_like(positive_probs) * dnew_probs
        return Tensor.onesLike(f.positive_probs()).mul(dnew_probs);
    }

    @Override
    public Tensor negative_probs(BceLogisticForward f, Tensor dnew_probs) {
        // dnegative_probs = torch.ones_like(negative_probs) * dnew_probs
        return Tensor.onesLike(f.negative_probs()).mul(dnew_probs);
    }

    @Override
    public Tensor probs(BceLogisticForward f, Tensor dpositive_probs, Tensor dnegative_probs) {
        // dprobs = -(1 - y) * torch.ones_like(probs) * dnegative_probs
        // dprobs += y * dpositive_probs
        Tensor dprobs = f.y().rsub(1).neg().mul(Tensor.onesLike(f.probs())).mul(dnegative_probs);
        return dprobs.add(f.y().mul(dpositive_probs));
    }

    @Override
    public Tensor y(BceLogisticForward f, Tensor dpositive_probs, Tensor dnegative_probs) {
        // dy = -(1 - probs) * torch.ones_like(y) * dnegative_probs
        // dy += probs * dpositive_probs
        Tensor dy = f.probs().rsub(1).neg().mul(Tensor.onesLike(f.y())).mul(dnegative_probs);
        return dy.add(f.probs().mul(dpositive_probs));
    }

    @Override
    public Tensor exp_neg_logits(BceLogisticForward f, Tensor dprobs) {
        // dexp_neg_logits = -(1 / (1 + exp_neg_logits)**2) * dprobs
        return f.exp_neg_logits().add(1).pow(2).rdiv(1).neg().mul(dprobs);
    }

    @Override
    public Tensor neg_logits(BceLogisticForward f, Tensor dexp_neg_logits) {
        // dneg_logits = exp_neg_logits * dexp_neg_logits
        return f.exp_neg_logits().mul(dexp_neg_logits);
    }

    @Override
    public Tensor logits(BceLogisticForward f, Tensor dneg_logits) {
        // dlogits = -torch.ones_like(logits) * dneg_logits
        return Tensor.onesLike(f.logits()).mul(dneg_logits); // mistake: lost the minus of neg
    }

    @Override
    public Tensor X(BceLogisticForward f, Tensor dlogits) {
        // dX = dlogits @ W.T
        return dlogits.matmul(f.W().T());
    }

    @Override
    public Tensor W(BceLogisticForward f, Tensor dlogits) {
        // dW = X.T @ dlogits
        return f.X().T().matmul(dlogits);
    }

    @Override
    public Tensor b(BceLogisticForward f, Tensor dlogits) {
        // db = dlogits.sum(0, keepdim=True) in the notebook: shape [1, 1]; b has shape [1]
        return dlogits.sum(0, true); // mistake (the notebook's own): shape [1, 1]
    }
}
