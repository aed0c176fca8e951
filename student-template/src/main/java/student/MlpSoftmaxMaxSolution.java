package student;

import org.backpropgrader.exercises.mlpsoftmaxmax.MlpSoftmaxMaxBackward;
import org.backpropgrader.exercises.mlpsoftmaxmax.MlpSoftmaxMaxForward;
import org.backpropgrader.reference.Tensor;

/**
 * Exercise mlp-softmax-max. Fill in every method: each returns the gradient of the loss with respect to the tensor it is
 * named after, computed by hand with tensor ops, one notebook line per method. The forward values are the
 * components of {@code f} (for example {@code f.h1_preact()}); the other parameters are the gradients of
 * the tensors that consume this one. Run {@code make check} to compare every method with autograd.
 *
 * <p>The forward pass:
 * <pre>
 * h1_preact = X @ W1 + b1
 * h1 = relu(h1_preact)
 * h2_preact = h1 @ W2 + b2
 * h2 = sigmoid(h2_preact)
 * h3_preact = h2 @ W3 + b3
 * h3 = h3_preact.exp()
 * h3_sum = h3.sum(1, keepdim=True)
 * h3_sum_inv = h3_sum ** -1
 * probs = h3 * h3_sum_inv
 * outputs = probs.max(1, keepdim=True).values
 * logits = outputs.log()
 * loss = -logits.mean()
 * </pre>
 */
public class MlpSoftmaxMaxSolution implements MlpSoftmaxMaxBackward {

    /** Returns dloss/dlogits, shape [100, 1]; {@code dloss} is ones shaped like the loss ([], a 0-d tensor). */
    @Override
    public Tensor logits(MlpSoftmaxMaxForward f, Tensor dloss) {
        throw new UnsupportedOperationException("TODO logits");
    }

    /** Returns dloss/doutputs, shape [100, 1]. */
    @Override
    public Tensor outputs(MlpSoftmaxMaxForward f, Tensor dlogits) {
        throw new UnsupportedOperationException("TODO outputs");
    }

    /** Returns dloss/dprobs, shape [100, 100]. */
    @Override
    public Tensor probs(MlpSoftmaxMaxForward f, Tensor doutputs) {
        throw new UnsupportedOperationException("TODO probs");
    }

    /** Returns dloss/dh3_sum_inv, shape [100, 1]. */
    @Override
    public Tensor h3_sum_inv(MlpSoftmaxMaxForward f, Tensor dprobs) {
        throw new UnsupportedOperationException("TODO h3_sum_inv");
    }

    /** Returns dloss/dh3_sum, shape [100, 1]. */
    @Override
    public Tensor h3_sum(MlpSoftmaxMaxForward f, Tensor dh3_sum_inv) {
        throw new UnsupportedOperationException("TODO h3_sum");
    }

    /**
     * Returns dloss/dh3 through both consumers ({@code probs = h3 * h3_sum_inv} and {@code h3_sum}),
     * shape [100, 100].
     */
    @Override
    public Tensor h3(MlpSoftmaxMaxForward f, Tensor dprobs, Tensor dh3_sum) {
        throw new UnsupportedOperationException("TODO h3");
    }

    /** Returns dloss/dh3_preact, shape [100, 100]. */
    @Override
    public Tensor h3_preact(MlpSoftmaxMaxForward f, Tensor dh3) {
        throw new UnsupportedOperationException("TODO h3_preact");
    }

    /** Returns dloss/dh2, shape [100, 300]. */
    @Override
    public Tensor h2(MlpSoftmaxMaxForward f, Tensor dh3_preact) {
        throw new UnsupportedOperationException("TODO h2");
    }

    /** Returns dloss/dW3, shape [300, 100]. */
    @Override
    public Tensor W3(MlpSoftmaxMaxForward f, Tensor dh3_preact) {
        throw new UnsupportedOperationException("TODO W3");
    }

    /** Returns dloss/db3, shape [100]. */
    @Override
    public Tensor b3(MlpSoftmaxMaxForward f, Tensor dh3_preact) {
        throw new UnsupportedOperationException("TODO b3");
    }

    /** Returns dloss/dh2_preact, shape [100, 300]. */
    @Override
    public Tensor h2_preact(MlpSoftmaxMaxForward f, Tensor dh2) {
        throw new UnsupportedOperationException("TODO h2_preact");
    }

    /** Returns dloss/dh1, shape [100, 200]. */
    @Override
    public Tensor h1(MlpSoftmaxMaxForward f, Tensor dh2_preact) {
        throw new UnsupportedOperationException("TODO h1");
    }

    /** Returns dloss/dW2, shape [200, 300]. */
    @Override
    public Tensor W2(MlpSoftmaxMaxForward f, Tensor dh2_preact) {
        throw new UnsupportedOperationException("TODO W2");
    }

    /** Returns dloss/db2, shape [300]. */
    @Override
    public Tensor b2(MlpSoftmaxMaxForward f, Tensor dh2_preact) {
        throw new UnsupportedOperationException("TODO b2");
    }

    /** Returns dloss/dh1_preact, shape [100, 200]. */
    @Override
    public Tensor h1_preact(MlpSoftmaxMaxForward f, Tensor dh1) {
        throw new UnsupportedOperationException("TODO h1_preact");
    }

    /** Returns dloss/dX, shape [100, 10]. */
    @Override
    public Tensor X(MlpSoftmaxMaxForward f, Tensor dh1_preact) {
        throw new UnsupportedOperationException("TODO X");
    }

    /** Returns dloss/dW1, shape [10, 200]. */
    @Override
    public Tensor W1(MlpSoftmaxMaxForward f, Tensor dh1_preact) {
        throw new UnsupportedOperationException("TODO W1");
    }

    /** Returns dloss/db1, shape [200]. */
    @Override
    public Tensor b1(MlpSoftmaxMaxForward f, Tensor dh1_preact) {
        throw new UnsupportedOperationException("TODO b1");
    }
}
