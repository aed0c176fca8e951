package misbehaving;

import org.backpropgrader.exercises.mselinear.MseLinearBackward;
import org.backpropgrader.exercises.mselinear.MseLinearForward;
import org.backpropgrader.reference.Tensor;

/** Methods that fail in the ways student code fails: null, exceptions, NaN, a wrong shape, a shape error. */
public class MseLinearMisbehaving implements MseLinearBackward {
    @Override
    public Tensor diff2(MseLinearForward f, Tensor dloss) {
        return null;
    }

    @Override
    public Tensor diff(MseLinearForward f, Tensor ddiff2) {
        int[] batch = new int[0];
        return f.diff().mul(batch[0]); // throws ArrayIndexOutOfBoundsException
    }

    @Override
    public Tensor y(MseLinearForward f, Tensor ddiff) {
        return ddiff.log().mul(0); // log of negatives: NaN
    }

    @Override
    public Tensor pred(MseLinearForward f, Tensor ddiff) {
        return ddiff.sum(); // shape [] instead of [10, 1]
    }

    @Override
    public Tensor matmul(MseLinearForward f, Tensor dpred) {
        return dpred.add(Tensor.ones(3, 2)); // The size of tensor a (10) must match the size of tensor b (3) ...
    }

    @Override
    public Tensor b(MseLinearForward f, Tensor dpred) {
        return dpred.matmul(f.X()); // mat1 and mat2 shapes cannot be multiplied (10x1 and 10x10)
    }

    @Override
    public Tensor X(MseLinearForward f, Tensor dmatmul) {
        throw new IllegalStateException("I give up");
    }

    @Override
    public Tensor W(MseLinearForward f, Tensor dmatmul) {
        throw new UnsupportedOperationException("TODO W");
    }
}
