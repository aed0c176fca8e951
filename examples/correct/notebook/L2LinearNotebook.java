package notebook;

import org.backpropgrader.exercises.l2linear.L2LinearBackward;
import org.backpropgrader.exercises.l2linear.L2LinearForward;
import org.backpropgrader.reference.Tensor;

/** The notebook's cell 14, line by line. */
public class L2LinearNotebook implements L2LinearBackward {
    @Override
    public Tensor preds(L2LinearForward f, Tensor dpred) {
        // dpreds = torch.ones_like(preds) / preds.shape[0]
        return Tensor.onesLike(f.preds()).div(f.preds().size(0)).mul(dpred);
    }

    @Override
    public Tensor linear(L2LinearForward f, Tensor dpreds) {
        // dlinear = torch.ones_like(linear) * dpreds
        return Tensor.onesLike(f.linear()).mul(dpreds);
    }

    @Override
    public Tensor reg(L2LinearForward f, Tensor dpreds) {
        // dreg = (torch.ones_like(linear) * dpreds).sum(0)
        return Tensor.onesLike(f.linear()).mul(dpreds).sum(0);
    }

    @Override
    public Tensor W_2(L2LinearForward f, Tensor dreg) {
        // dW_2 = torch.ones_like(W_2) * dreg
        return Tensor.onesLike(f.W_2()).mul(dreg);
    }

    @Override
    public Tensor W(L2LinearForward f, Tensor dlinear, Tensor dW_2) {
        // dW = 2 * W * dW_2
        // dW += X.T @ dlinear
        Tensor dW = f.W().mul(2).mul(dW_2);
        return dW.add(f.X().T().matmul(dlinear));
    }

    @Override
    public Tensor X(L2LinearForward f, Tensor dlinear) {
        // dX = dlinear @ W.T
        return dlinear.matmul(f.W().T());
    }

    @Override
    public Tensor b(L2LinearForward f, Tensor dlinear) {
        // db = dlinear.sum(0)
        return dlinear.sum(0);
    }
}
