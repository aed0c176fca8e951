package org.backpropgrader.exercises.makemorebatchnorm;

import org.backpropgrader.reference.Tensor;

/**
 * {@code makemore-batchnorm}: the makemore MLP with batchnorm computed in one expression,
 * {@code hpreact = bngain * (hprebn - hprebn.mean(0, keepdim=True)) / torch.sqrt(hprebn.var(0, keepdim=True,
 * unbiased=True) + 1e-5) + bnbias}, n = 32. Write the fused batchnorm backward in one expression.
 */
public interface MakemoreBatchnormBackward {
    /**
     * dloss/dhprebn, shape [32, 64], in one expression from {@code dhpreact} (the true gradient of {@code loss}
     * with respect to {@code f.hpreact()}) and the forward values ({@code bngain}, {@code bnvar_inv},
     * {@code bnraw}, ...).
     */
    Tensor hprebn(MakemoreBatchnormForward f, Tensor dhpreact);
}
