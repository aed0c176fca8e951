package org.backpropgrader.exercises.l2linear;

import org.backpropgrader.reference.Tensor;

/** The forward values of {@code l2-linear}, the notebook's names, leaves first; the output is {@code pred}. */
public record L2LinearForward(
        Tensor X, Tensor W, Tensor b, Tensor linear, Tensor W_2, Tensor reg, Tensor preds, Tensor pred) {}
