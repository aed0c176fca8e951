package org.backpropgrader.exercises.mlpsoftmaxmax;

import org.backpropgrader.reference.Tensor;

/**
 * {@code mlp-softmax-max}: {@code h1_preact = X @ W1 + b1; h1 = relu(h1_preact); h2_preact = h1 @ W2 + b2;
 * h2 = sigmoid(h2_preact); h3_preact = h2 @ W3 + b3; h3 = h3_preact.exp(); h3_sum = h3.sum(1, keepdim=True);
 * h3_sum_inv = h3_sum ** -1; probs = h3 * h3_sum_inv; outputs = probs.max(1, keepdim=True).values;
 * logits = outputs.log(); loss = -logits.mean()}. Each method returns the gradient of {@code loss} with respect
 * to the tensor it is named after, shaped like that tensor. {@code h3} feeds two consumers.
 */
public interface MlpSoftmaxMaxBackward {
    /** dloss/dlogits, shape [100, 1]; {@code dloss} is ones shaped like the loss ([], a 0-d tensor). */
    Tensor logits(MlpSoftmaxMaxForward f, Tensor dloss);

    /** dloss/doutputs, shape [100, 1]. */
    Tensor outputs(MlpSoftmaxMaxForward f, Tensor dlogits);

    /** dloss/dprobs, shape [100, 100]. */
    Tensor probs(MlpSoftmaxMaxForward f, Tensor doutputs);

    /** dloss/dh3_sum_inv, shape [100, 1]. */
    Tensor h3_sum_inv(MlpSoftmaxMaxForward f, Tensor dprobs);

    /** dloss/dh3_sum, shape [100, 1]. */
    Tensor h3_sum(MlpSoftmaxMaxForward f, Tensor dh3_sum_inv);

    /** dloss/dh3 through both consumers ({@code probs = h3 * h3_sum_inv} and {@code h3_sum}), shape [100, 100]. */
    Tensor h3(MlpSoftmaxMaxForward f, Tensor dprobs, Tensor dh3_sum);

    /** dloss/dh3_preact, shape [100, 100]. */
    Tensor h3_preact(MlpSoftmaxMaxForward f, Tensor dh3);

    /** dloss/dh2, shape [100, 300]. */
    Tensor h2(MlpSoftmaxMaxForward f, Tensor dh3_preact);

    /** dloss/dW3, shape [300, 100]. */
    Tensor W3(MlpSoftmaxMaxForward f, Tensor dh3_preact);

    /** dloss/db3, shape [100]. */
    Tensor b3(MlpSoftmaxMaxForward f, Tensor dh3_preact);

    /** dloss/dh2_preact, shape [100, 300]. */
    Tensor h2_preact(MlpSoftmaxMaxForward f, Tensor dh2);

    /** dloss/dh1, shape [100, 200]. */
    Tensor h1(MlpSoftmaxMaxForward f, Tensor dh2_preact);

    /** dloss/dW2, shape [200, 300]. */
    Tensor W2(MlpSoftmaxMaxForward f, Tensor dh2_preact);

    /** dloss/db2, shape [300]. */
    Tensor b2(MlpSoftmaxMaxForward f, Tensor dh2_preact);

    /** dloss/dh1_preact, shape [100, 200]. */
    Tensor h1_preact(MlpSoftmaxMaxForward f, Tensor dh1);

    /** dloss/dX, shape [100, 10]. */
    Tensor X(MlpSoftmaxMaxForward f, Tensor dh1_preact);

    /** dloss/dW1, shape [10, 200]. */
    Tensor W1(MlpSoftmaxMaxForward f, Tensor dh1_preact);

    /** dloss/db1, shape [200]. */
    Tensor b1(MlpSoftmaxMaxForward f, Tensor dh1_preact);
}
