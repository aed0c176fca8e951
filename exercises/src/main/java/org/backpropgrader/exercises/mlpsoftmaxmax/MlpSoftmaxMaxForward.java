package org.backpropgrader.exercises.mlpsoftmaxmax;

import org.backpropgrader.reference.Tensor;

/** The forward values of {@code mlp-softmax-max}, the notebook's names, leaves first. */
public record MlpSoftmaxMaxForward(
        Tensor X,
        Tensor W1,
        Tensor b1,
        Tensor W2,
        Tensor b2,
        Tensor W3,
        Tensor b3,
        Tensor h1_preact,
        Tensor h1,
        Tensor h2_preact,
        Tensor h2,
        Tensor h3_preact,
        Tensor h3,
        Tensor h3_sum,
        Tensor h3_sum_inv,
        Tensor probs,
        Tensor outputs,
        Tensor logits,
        Tensor loss) {}
