package org.backpropgrader.exercises.bcelogistic;

import org.backpropgrader.reference.Tensor;

/** The forward values of {@code bce-logistic}, the notebook's names, leaves first. */
public record BceLogisticForward(
        Tensor X,
        Tensor y,
        Tensor W,
        Tensor b,
        Tensor logits,
        Tensor neg_logits,
        Tensor exp_neg_logits,
        Tensor probs,
        Tensor positive_probs,
        Tensor negative_probs,
        Tensor new_probs,
        Tensor log_probs,
        Tensor neg_log_probs,
        Tensor loss) {}
