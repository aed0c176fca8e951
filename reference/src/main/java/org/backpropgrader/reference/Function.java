package org.backpropgrader.reference;

/**
 * A node of the autograd graph: the primitive that produced a tensor, its inputs, and exactly what its
 * backward needs. Each primitive's backward sits next to its forward in its own class; see
 * Note [Bit-exact float32] in {@link Autograd} for why backward formulas use the public tensor ops.
 */
abstract class Function {
    private final Tensor[] inputs;

    Function(Tensor... inputs) {
        this.inputs = inputs;
    }

    final Tensor[] inputs() {
        return inputs;
    }

    /**
     * The gradient of the loss with respect to each input, given the gradient with respect to this node's
     * output; {@code null} where an input receives no gradient. Each returned gradient has its input's shape.
     */
    abstract Tensor[] backward(Tensor grad);

    /** The name PyTorch gives this node's backward, e.g. {@code ExpBackward0}, for messages. */
    String name() {
        return getClass().getSimpleName() + "Backward";
    }
}
