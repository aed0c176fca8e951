package student;

import org.backpropgrader.exercises.makemorebatchnorm.MakemoreBatchnormBackward;
import org.backpropgrader.exercises.makemorebatchnorm.MakemoreBatchnormForward;
import org.backpropgrader.reference.Tensor;

/**
 * Exercise makemore-batchnorm. The makemore forward pass (see {@link MakemoreManualSolution}) with batchnorm in one
 * expression:
 * <pre>
 * hpreact = bngain * (hprebn - hprebn.mean(0, keepdim=True)) \
 *     / torch.sqrt(hprebn.var(0, keepdim=True, unbiased=True) + 1e-5) + bnbias
 * </pre>
 * Write {@code dhprebn} in one expression from {@code dhpreact} and the forward values ({@code f.bngain()},
 * {@code f.bnvar_inv()}, {@code f.bnraw()}, ...). Run {@code make check}.
 */
public class MakemoreBatchnormSolution implements MakemoreBatchnormBackward {

    /** Returns dloss/dhprebn, shape [32, 64]; {@code dhpreact} is the true gradient of the loss for this hpreact. */
    @Override
    public Tensor hprebn(MakemoreBatchnormForward f, Tensor dhpreact) {
        throw new UnsupportedOperationException("TODO hprebn");
    }
}
