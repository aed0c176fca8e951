package notebook;

import org.backpropgrader.exercises.makemorebatchnorm.MakemoreBatchnormBackward;
import org.backpropgrader.exercises.makemorebatchnorm.MakemoreBatchnormForward;
import org.backpropgrader.reference.Tensor;

/** "Becoming a backprop ninja", exercise 3: the fused batchnorm backward in one expression. */
public class MakemoreBatchnormNotebook implements MakemoreBatchnormBackward {
    @Override
    public Tensor hprebn(MakemoreBatchnormForward f, Tensor dhpreact) {
        // dhprebn = bngain*bnvar_inv/n * (n*dhpreact - dhpreact.sum(0) - n/(n-1)*bnraw*(dhpreact*bnraw).sum(0))
        int n = dhpreact.size(0);
        return f.bngain().mul(f.bnvar_inv()).div(n).mul(dhpreact.mul(n).sub(dhpreact.sum(0))
                .sub(f.bnraw().mul((double) n / (n - 1)).mul(dhpreact.mul(f.bnraw()).sum(0))));
    }
}
