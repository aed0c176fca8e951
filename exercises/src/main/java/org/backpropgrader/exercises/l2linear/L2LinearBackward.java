package org.backpropgrader.exercises.l2linear;

import org.backpropgrader.reference.Tensor;

/**
 * {@code l2-linear}: {@code linear = X @ W + b; W_2 = W ** 2; reg = W_2.sum(0); preds = linear + reg;
 * pred = preds.mean(0)}. Each method returns the gradient of {@code pred} with respect to the tensor it is named
 * after, shaped like that tensor. {@code W} feeds two consumers ({@code linear} and {@code W_2}).
 */
public interface L2LinearBackward {
    /** dpred/dpreds, shape [100, 1]; {@code dpred} is ones shaped like the output ([1]). */
    Tensor preds(L2LinearForward f, Tensor dpred);

    /** dpred/dlinear, shape [100, 1]. */
    Tensor linear(L2LinearForward f, Tensor dpreds);

    /** dpred/dreg, shape [1]: {@code reg} is broadcast into every prediction. */
    Tensor reg(L2LinearForward f, Tensor dpreds);

    /** dpred/dW_2, shape [3, 1]. */
    Tensor W_2(L2LinearForward f, Tensor dreg);

    /** dpred/dW through both consumers, shape [3, 1]. */
    Tensor W(L2LinearForward f, Tensor dlinear, Tensor dW_2);

    /** dpred/dX, shape [100, 3]. */
    Tensor X(L2LinearForward f, Tensor dlinear);

    /** dpred/db, shape [1]. */
    Tensor b(L2LinearForward f, Tensor dlinear);
}
