package org.backpropgrader.exercises.bcelogistic;

import org.backpropgrader.reference.Tensor;

/**
 * {@code bce-logistic}: {@code logits = X @ W + b; neg_logits = -logits; exp_neg_logits = neg_logits.exp();
 * probs = 1 / (1 + exp_neg_logits); positive_probs = probs * y; negative_probs = (1 - probs) * (1 - y);
 * new_probs = positive_probs + negative_probs; log_probs = new_probs.log(); neg_log_probs = -log_probs;
 * loss = neg_log_probs.mean(0)}. Each method returns the gradient of {@code loss} with respect to the tensor it
 * is named after, shaped like that tensor. {@code probs} and {@code y} feed two consumers, so they receive both
 * upstream gradients.
 */
public interface BceLogisticBackward {
    /** dloss/dneg_log_probs, shape [10, 1]; {@code dloss} is ones shaped like the loss ([1]). */
    Tensor neg_log_probs(BceLogisticForward f, Tensor dloss);

    /** dloss/dlog_probs, shape [10, 1]. */
    Tensor log_probs(BceLogisticForward f, Tensor dneg_log_probs);

    /** dloss/dnew_probs, shape [10, 1]. */
    Tensor new_probs(BceLogisticForward f, Tensor dlog_probs);

    /** dloss/dpositive_probs, shape [10, 1]. */
    Tensor positive_probs(BceLogisticForward f, Tensor dnew_probs);

    /** dloss/dnegative_probs, shape [10, 1]. */
    Tensor negative_probs(BceLogisticForward f, Tensor dnew_probs);

    /** dloss/dprobs through both consumers, shape [10, 1]. */
    Tensor probs(BceLogisticForward f, Tensor dpositive_probs, Tensor dnegative_probs);

    /** dloss/dy through both consumers, shape [10, 1]. */
    Tensor y(BceLogisticForward f, Tensor dpositive_probs, Tensor dnegative_probs);

    /** dloss/dexp_neg_logits, shape [10, 1]. */
    Tensor exp_neg_logits(BceLogisticForward f, Tensor dprobs);

    /** dloss/dneg_logits, shape [10, 1]. */
    Tensor neg_logits(BceLogisticForward f, Tensor dexp_neg_logits);

    /** dloss/dlogits, shape [10, 1]. */
    Tensor logits(BceLogisticForward f, Tensor dneg_logits);

    /** dloss/dX, shape [10, 10]. */
    Tensor X(BceLogisticForward f, Tensor dlogits);

    /** dloss/dW, shape [10, 1]. */
    Tensor W(BceLogisticForward f, Tensor dlogits);

    /** dloss/db, shape [1]. */
    Tensor b(BceLogisticForward f, Tensor dlogits);
}
