package mistakes;

import org.backpropgrader.exercises.mselinear.MseLinearBackward;
import org.backpropgrader.exercises.mselinear.MseLinearForward;
import org.backpropgrader.reference.Tensor;

/** Classic mistakes, one or two per exercise; see the comments marked "mistake". */
public class MseLinearMistakes implements MseLinearBackward {
    @Override
    public Tensor diff2(MseLinearForward f, Tensor dloss) {
        // ddiff2 = torch.ones_like(diff) * (1.0 / diff.shape[0]) * 1.0
        return Tensor.onesLike(f.diff()).mul(dloss); // mistake: forgot the 1/N of the mean
    }

    @Override
    public Tensor diff(MseLinearForward f, Tensor ddiff2) {
        // ddiff = 2 * diff * ddiff2
        return f.diff().mul(2).mul(ddiff2);
    }

    @Override
    public Tensor y(MseLinearForward f, Tensor ddiff) {
        // dy = torch.ones_like(y) * ddiff
        return Tensor.onesLike(f.y()).mul(ddiff);
    }

    @Override
    public Tensor pred(MseLinearForward f, Tensor ddiff) {
        // dpred = -torch.ones_like(pred) * ddiff
        return Tensor.onesLike(f.pred()).neg().mul(ddiff);
    }

    @Override
    public Tensor matmul(MseLinearForward f, Tensor dpred) {
        // dmatmul = torch.ones_like(matmul) * dpred
        return Tensor.onesLike(f.matmul()).mul(dpred);
    }

    @Override
    public Tensor b(MseLinearForward f, Tensor dpred) {
        // db = (torch.ones_like(b) * dpred).sum(0)
        return Tensor.onesLike(f.b()).mul(dpred).sum(0);
    }

    @Override
    public Tensor X(MseLinearForward f, Tensor dmatmul) {
        // dX = dmatmul @ W.T
        return dmatmul.matmul(f.W().T());
    }

    @Override
    public Tensor W(MseLinearForward f, Tensor dmatmul) {
        // dW = X.T @ dmatmul
        return dmatmul.T().matmul(f.X()); // mistake: transposed
    }
}
