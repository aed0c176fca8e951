package student;

import org.backpropgrader.exercises.mselinear.MseLinearBackward;
import org.backpropgrader.exercises.mselinear.MseLinearForward;
import org.backpropgrader.reference.Tensor;

/**
 * Exercise mse-linear. Fill in every method: each returns the gradient of the loss with respect to the tensor it is
 * named after, computed by hand with tensor ops, one notebook line per method. The forward values are the
 * components of {@code f} (for example {@code f.matmul()}); the other parameters are the gradients of
 * the tensors that consume this one. Run {@code make check} to compare every method with autograd.
 *
 * <p>The forward pass:
 * <pre>
 * matmul = X @ W
 * pred = matmul + b
 * diff = y - pred
 * diff2 = diff ** 2
 * loss = diff2.mean(0)
 * </pre>
 */
public class MseLinearSolution implements MseLinearBackward {

    /** Returns dloss/ddiff2, shape [10, 1]; {@code dloss} is ones shaped like the loss ([1]). */
    @Override
    public Tensor diff2(MseLinearForward f, Tensor dloss) {
        throw new UnsupportedOperationException("TODO diff2");
    }

    /** Returns dloss/ddiff, shape [10, 1]. */
    @Override
    public Tensor diff(MseLinearForward f, Tensor ddiff2) {
        throw new UnsupportedOperationException("TODO diff");
    }

    /** Returns dloss/dy, shape [10, 1]. */
    @Override
    public Tensor y(MseLinearForward f, Tensor ddiff) {
        throw new UnsupportedOperationException("TODO y");
    }

    /** Returns dloss/dpred, shape [10, 1]. */
    @Override
    public Tensor pred(MseLinearForward f, Tensor ddiff) {
        throw new UnsupportedOperationException("TODO pred");
    }

    /** Returns dloss/dmatmul, shape [10, 1]. */
    @Override
    public Tensor matmul(MseLinearForward f, Tensor dpred) {
        throw new UnsupportedOperationException("TODO matmul");
    }

    /** Returns dloss/db, shape [1]. */
    @Override
    public Tensor b(MseLinearForward f, Tensor dpred) {
        throw new UnsupportedOperationException("TODO b");
    }

    /** Returns dloss/dX, shape [10, 10]. */
    @Override
    public Tensor X(MseLinearForward f, Tensor dmatmul) {
        throw new UnsupportedOperationException("TODO X");
    }

    /** Returns dloss/dW, shape [10, 1]. */
    @Override
    public Tensor W(MseLinearForward f, Tensor dmatmul) {
        throw new UnsupportedOperationException("TODO W");
    }
}
