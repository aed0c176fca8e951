package mistakes;

import org.backpropgrader.exercises.reluneuron.ReluNeuronBackward;
import org.backpropgrader.exercises.reluneuron.ReluNeuronForward;
import org.backpropgrader.reference.Tensor;

/** Classic mistakes, one or two per exercise; see the comments marked "mistake". */
public class ReluNeuronMistakes implements ReluNeuronBackward {
    @Override
    public Tensor res(ReluNeuronForward f, Tensor dloss) {
        // dres = torch.ones_like(res) / res.shape[0]
        return Tensor.onesLike(f.res()).div(f.res().size(0)).mul(dloss);
    }

    @Override
    public Tensor pre(ReluNeuronForward f, Tensor dres) {
        // dpre = (pre > 0).int() * dres
        return dres; // mistake: forgot the relu mask
    }

    @Override
    public Tensor x(ReluNeuronForward f, Tensor dpre) {
        // dx = dpre @ w.T
        return dpre.matmul(f.w().T());
    }

    @Override
    public Tensor w(ReluNeuronForward f, Tensor dpre) {
        // dw = x.T @ dpre
        return f.x().T().matmul(dpre);
    }
}
