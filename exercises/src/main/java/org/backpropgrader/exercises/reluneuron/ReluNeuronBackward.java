package org.backpropgrader.exercises.reluneuron;

import org.backpropgrader.reference.Tensor;

/**
 * {@code relu-neuron}: {@code pre = x @ w; res = relu(pre); loss = res.mean(0)}. Each method returns the
 * gradient of {@code loss} with respect to the tensor it is named after, shaped like that tensor.
 */
public interface ReluNeuronBackward {
    /** dloss/dres, shape [5, 1]; {@code dloss} is ones shaped like the loss ([1]). */
    Tensor res(ReluNeuronForward f, Tensor dloss);

    /** dloss/dpre, shape [5, 1]. */
    Tensor pre(ReluNeuronForward f, Tensor dres);

    /** dloss/dx, shape [5, 5]. */
    Tensor x(ReluNeuronForward f, Tensor dpre);

    /** dloss/dw, shape [5, 1]. */
    Tensor w(ReluNeuronForward f, Tensor dpre);
}
