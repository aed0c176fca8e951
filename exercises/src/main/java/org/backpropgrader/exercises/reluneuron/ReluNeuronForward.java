package org.backpropgrader.exercises.reluneuron;

import org.backpropgrader.reference.Tensor;

/** The forward values of {@code relu-neuron}, the notebook's names, leaves first. */
public record ReluNeuronForward(Tensor x, Tensor w, Tensor pre, Tensor res, Tensor loss) {}
