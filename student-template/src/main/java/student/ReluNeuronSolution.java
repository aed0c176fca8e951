package student;

import org.backpropgrader.exercises.reluneuron.ReluNeuronBackward;
import org.backpropgrader.exercises.reluneuron.ReluNeuronForward;
import org.backpropgrader.reference.Tensor;

/**
 * Exercise relu-neuron. Fill in every method: each returns the gradient of the loss with respect to the tensor it is
 * named after, computed by hand with tensor ops, one notebook line per method. The forward values are the
 * components of {@code f} (for example {@code f.pre()}); the other parameters are the gradients of
 * the tensors that consume this one. Run {@code make check} to compare every method with autograd.
 *
 * <p>The forward pass:
 * <pre>
 * pre = x @ w
 * res = relu(pre)
 * loss = res.mean(0)
 * </pre>
 */
public class ReluNeuronSolution implements ReluNeuronBackward {

    /** Returns dloss/dres, shape [5, 1]; {@code dloss} is ones shaped like the loss ([1]). */
    @Override
    public Tensor res(ReluNeuronForward f, Tensor dloss) {
        throw new UnsupportedOperationException("TODO res");
    }

    /** Returns dloss/dpre, shape [5, 1]. */
    @Override
    public Tensor pre(ReluNeuronForward f, Tensor dres) {
        throw new UnsupportedOperationException("TODO pre");
    }

    /** Returns dloss/dx, shape [5, 5]. */
    @Override
    public Tensor x(ReluNeuronForward f, Tensor dpre) {
        throw new UnsupportedOperationException("TODO x");
    }

    /** Returns dloss/dw, shape [5, 1]. */
    @Override
    public Tensor w(ReluNeuronForward f, Tensor dpre) {
        throw new UnsupportedOperationException("TODO w");
    }
}
