package notebook;

import org.backpropgrader.exercises.reluneuron.ReluNeuronBackward;
import org.backpropgrader.exercises.reluneuron.ReluNeuronForward;
import org.backpropgrader.reference.Tensor;

/** The notebook's cell 9, line by line. */
public class ReluNeuronNotebook implements ReluNeuronBackward {
    @Override
    public Tensor res(ReluNeuronForward f, Tensor dloss) {
        // dres = torch.ones_like(res) / res.shape[0]
        return Tensor.onesLike(f.res()).div(f.res().size(0)).mul(dloss);
    }

    @Override
    public Tensor pre(ReluNeuronForward f, Tensor dres) {
        // dpre = (pre > 0).int() * dres
        return f.pre().gt(0).mul(dres);
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
