package mistakes;

import org.backpropgrader.exercises.makemorebatchnorm.MakemoreBatchnormBackward;
import org.backpropgrader.exercises.makemorebatchnorm.MakemoreBatchnormForward;
import org.backpropgrader.reference.Tensor;

/** The fused batchnorm backward with its classic mistake. */
public class MakemoreBatchnormMistakes implements MakemoreBatchnormBackward {
    @Override
    public Tensor hprebn(MakemoreBatchnormForward f, Tensor dhpreact) {
        // dhprebn = bngain*bnvar_inv/n * (n*dhpreact - dhpreact.sum(0) - n/(n-1)*bnraw*(dhpreact*bnraw).sum(0))
        int n = dhpreact.size(0);
        // mistake: the biased variance's derivative, without Bessel's n/(n-1)
        return f.bngain().mul(f.bnvar_inv()).div(n).mul(dhpreact.mul(n).sub(dhpreact.sum(0))
                .sub(f.bnraw().mul(dhpreact.mul(f.bnraw()).sum(0))));
    }
}
