package org.backpropgrader.exercises.mselinear;

import org.backpropgrader.reference.Tensor;

/**
 * {@code mse-linear}: {@code matmul = X @ W; pred = matmul + b; diff = y - pred; diff2 = diff ** 2;
 * loss = diff2.mean(0)}. Each method returns the gradient of {@code loss} with respect to the tensor it is
 * named after, shaped like that tensor, given the gradients of the tensors that consume it.
 */
public interface MseLinearBackward {
    /** dloss/ddiff2, shape [10, 1]; {@code dloss} is ones shaped like the loss ([1]). */
    Tensor diff2(MseLinearForward f, Tensor dloss);

    /** dloss/ddiff, shape [10, 1]. */
    Tensor diff(MseLinearForward f, Tensor ddiff2);

    /** dloss/dy, shape [10, 1]. */
    Tensor y(MseLinearForward f, Tensor ddiff);

    /** dloss/dpred, shape [10, 1]. */
    Tensor pred(MseLinearForward f, Tensor ddiff);

    /** dloss/dmatmul, shape [10, 1]. */
    Tensor matmul(MseLinearForward f, Tensor dpred);

    /** dloss/db, shape [1]. */
    Tensor b(MseLinearForward f, Tensor dpred);

    /** dloss/dX, shape [10, 10]. */
    Tensor X(MseLinearForward f, Tensor dmatmul);

    /** dloss/dW, shape [10, 1]. */
    Tensor W(MseLinearForward f, Tensor dmatmul);
}
