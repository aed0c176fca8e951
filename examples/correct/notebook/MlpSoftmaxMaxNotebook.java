package notebook;

import org.backpropgrader.exercises.mlpsoftmaxmax.MlpSoftmaxMaxBackward;
import org.backpropgrader.exercises.mlpsoftmaxmax.MlpSoftmaxMaxForward;
import org.backpropgrader.reference.Tensor;

/** The notebook's cell 11, line by line. */
public class MlpSoftmaxMaxNotebook implements MlpSoftmaxMaxBackward {
    @Override
    public Tensor logits(MlpSoftmaxMaxForward f, Tensor dloss) {
        // dlogits = -torch.ones_like(logits) / logits.shape[0]
        return Tensor.onesLike(f.logits()).neg().div(f.logits().size(0)).mul(dloss);
    }

    @Override
    public Tensor outputs(MlpSoftmaxMaxForward f, Tensor dlogits) {
        // doutputs = (1.0 / outputs) * dlogits
        return f.outputs().rdiv(1.0).mul(dlogits);
    }

    @Override
    public Tensor probs(MlpSoftmaxMaxForward f, Tensor doutputs) {
        // dprobs = F.one_hot(probs.max(1).indices, num_classes=probs.shape[1]) * doutputs
        return Tensor.oneHot(f.probs().max(1).indices(), f.probs().size(1)).mul(doutputs);
    }

    @Override
    public Tensor h3_sum_inv(MlpSoftmaxMaxForward f, Tensor dprobs) {
        // dh3_sum_inv = (dprobs * h3).sum(1, keepdim=True)
        return dprobs.mul(f.h3()).sum(1, true);
    }

    @Override
    public Tensor h3_sum(MlpSoftmaxMaxForward f, Tensor dh3_sum_inv) {
        // dh3_sum = (-1.0 * h3_sum**-2) * dh3_sum_inv
        return f.h3_sum().pow(-2).mul(-1.0).mul(dh3_sum_inv);
    }

    @Override
    public Tensor h3(MlpSoftmaxMaxForward f, Tensor dprobs, Tensor dh3_sum) {
        // dh3 = dprobs * h3_sum_inv
        // dh3 += torch.ones_like(h3) * dh3_sum
        Tensor dh3 = dprobs.mul(f.h3_sum_inv());
        return dh3.add(Tensor.onesLike(f.h3()).mul(dh3_sum));
    }

    @Override
    public Tensor h3_preact(MlpSoftmaxMaxForward f, Tensor dh3) {
        // dh3_preact = h3 * dh3
        return f.h3().mul(dh3);
    }

    @Override
    public Tensor h2(MlpSoftmaxMaxForward f, Tensor dh3_preact) {
        // dh2 = dh3_preact @ W3.T
        return dh3_preact.matmul(f.W3().T());
    }

    @Override
    public Tensor W3(MlpSoftmaxMaxForward f, Tensor dh3_preact) {
        // dw3 = h2.T @ dh3_preact
        return f.h2().T().matmul(dh3_preact);
    }

    @Override
    public Tensor b3(MlpSoftmaxMaxForward f, Tensor dh3_preact) {
        // db3 = dh3_preact.sum(0)
        return dh3_preact.sum(0);
    }

    @Override
    public Tensor h2_preact(MlpSoftmaxMaxForward f, Tensor dh2) {
        // dh2_preact = h2 * (1 - h2) * dh2
        return f.h2().mul(f.h2().rsub(1)).mul(dh2);
    }

    @Override
    public Tensor h1(MlpSoftmaxMaxForward f, Tensor dh2_preact) {
        // dh1 = dh2_preact @ W2.T
        return dh2_preact.matmul(f.W2().T());
    }

    @Override
    public Tensor W2(MlpSoftmaxMaxForward f, Tensor dh2_preact) {
        // dw2 = h1.T @ dh2_preact
        return f.h1().T().matmul(dh2_preact);
    }

    @Override
    public Tensor b2(MlpSoftmaxMaxForward f, Tensor dh2_preact) {
        // db2 = dh2_preact.sum(0)
        return dh2_preact.sum(0);
    }

    @Override
    public Tensor h1_preact(MlpSoftmaxMaxForward f, Tensor dh1) {
        // dh1_preact = (h1_preact > 0).int() * dh1
        return f.h1_preact().gt(0).mul(dh1);
    }

    @Override
    public Tensor X(MlpSoftmaxMaxForward f, Tensor dh1_preact) {
        // dx = dh1_preact @ W1.T
        return dh1_preact.matmul(f.W1().T());
    }

    @Override
    public Tensor W1(MlpSoftmaxMaxForward f, Tensor dh1_preact) {
        // dw1 = X.T @ dh1_preact
        return f.X().T().matmul(dh1_preact);
    }

    @Override
    public Tensor b1(MlpSoftmaxMaxForward f, Tensor dh1_preact) {
        // db1 = dh1_preact.sum(0)
        return dh1_preact.sum(0);
    }
}
