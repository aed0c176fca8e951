package org.backpropgrader.exercises.mselinear;

import org.backpropgrader.reference.Tensor;

/** The forward values of {@code mse-linear}, the notebook's names, leaves first. */
public record MseLinearForward(
        Tensor X, Tensor y, Tensor W, Tensor b, Tensor matmul, Tensor pred, Tensor diff, Tensor diff2, Tensor loss) {}
