package org.backpropgrader.exercises.makemoremanual;

import org.backpropgrader.reference.Tensor;

/**
 * {@code makemore-manual}: the makemore MLP with batchnorm, every backward step by hand. {@code emb = C[Xb];
 * embcat = emb.view(emb.shape[0], -1); hprebn = embcat @ W1 + b1; bnmeani = 1/n * hprebn.sum(0, keepdim=True);
 * bndiff = hprebn - bnmeani; bndiff2 = bndiff**2; bnvar = 1/(n-1) * bndiff2.sum(0, keepdim=True);
 * bnvar_inv = (bnvar + 1e-5)**-0.5; bnraw = bndiff * bnvar_inv; hpreact = bngain * bnraw + bnbias;
 * h = torch.tanh(hpreact); logits = h @ W2 + b2; logit_maxes = logits.max(1, keepdim=True).values;
 * norm_logits = logits - logit_maxes; counts = norm_logits.exp(); counts_sum = counts.sum(1, keepdims=True);
 * counts_sum_inv = counts_sum**-1; probs = counts * counts_sum_inv; logprobs = probs.log();
 * loss = -logprobs[range(n), Yb].mean()}, with n = 32. Each method returns the gradient of {@code loss} with
 * respect to the tensor it is named after, shaped like that tensor; a tensor with two consumers gets both upstream
 * gradients, the later consumer first.
 */
public interface MakemoreManualBackward {
    /** dloss/dlogprobs, shape [32, 27]; {@code dloss} is ones shaped like the loss ([], a 0-d tensor). */
    Tensor logprobs(MakemoreManualForward f, Tensor dloss);

    /** dloss/dprobs, shape [32, 27]. */
    Tensor probs(MakemoreManualForward f, Tensor dlogprobs);

    /** dloss/dcounts_sum_inv, shape [32, 1]. */
    Tensor counts_sum_inv(MakemoreManualForward f, Tensor dprobs);

    /** dloss/dcounts_sum, shape [32, 1]. */
    Tensor counts_sum(MakemoreManualForward f, Tensor dcounts_sum_inv);

    /**
     * dloss/dcounts through both consumers ({@code probs = counts * counts_sum_inv} and {@code counts_sum}),
     * shape [32, 27].
     */
    Tensor counts(MakemoreManualForward f, Tensor dprobs, Tensor dcounts_sum);

    /** dloss/dnorm_logits, shape [32, 27]. */
    Tensor norm_logits(MakemoreManualForward f, Tensor dcounts);

    /**
     * dloss/dlogit_maxes, shape [32, 1]; exactly zero in exact arithmetic (softmax does not change when a row is
     * shifted), so autograd's value is rounding noise and the comparison's floor is scaled by dnorm_logits.
     */
    Tensor logit_maxes(MakemoreManualForward f, Tensor dnorm_logits);

    /** dloss/dlogits through both consumers ({@code norm_logits} and {@code logit_maxes}), shape [32, 27]. */
    Tensor logits(MakemoreManualForward f, Tensor dnorm_logits, Tensor dlogit_maxes);

    /** dloss/dh, shape [32, 64]. */
    Tensor h(MakemoreManualForward f, Tensor dlogits);

    /** dloss/dW2, shape [64, 27]. */
    Tensor W2(MakemoreManualForward f, Tensor dlogits);

    /** dloss/db2, shape [27]. */
    Tensor b2(MakemoreManualForward f, Tensor dlogits);

    /** dloss/dhpreact, shape [32, 64]. */
    Tensor hpreact(MakemoreManualForward f, Tensor dh);

    /** dloss/dbngain, shape [1, 64]. */
    Tensor bngain(MakemoreManualForward f, Tensor dhpreact);

    /** dloss/dbnbias, shape [1, 64]. */
    Tensor bnbias(MakemoreManualForward f, Tensor dhpreact);

    /** dloss/dbnraw, shape [32, 64]. */
    Tensor bnraw(MakemoreManualForward f, Tensor dhpreact);

    /** dloss/dbnvar_inv, shape [1, 64]. */
    Tensor bnvar_inv(MakemoreManualForward f, Tensor dbnraw);

    /** dloss/dbnvar, shape [1, 64]. */
    Tensor bnvar(MakemoreManualForward f, Tensor dbnvar_inv);

    /** dloss/dbndiff2, shape [32, 64]. */
    Tensor bndiff2(MakemoreManualForward f, Tensor dbnvar);

    /**
     * dloss/dbndiff through both consumers ({@code bnraw = bndiff * bnvar_inv} and {@code bndiff2 = bndiff**2}),
     * shape [32, 64].
     */
    Tensor bndiff(MakemoreManualForward f, Tensor dbnraw, Tensor dbndiff2);

    /** dloss/dbnmeani, shape [1, 64]. */
    Tensor bnmeani(MakemoreManualForward f, Tensor dbndiff);

    /**
     * dloss/dhprebn through both consumers ({@code bndiff = hprebn - bnmeani} and
     * {@code bnmeani = 1/n*hprebn.sum(0, keepdim=True)}), shape [32, 64].
     */
    Tensor hprebn(MakemoreManualForward f, Tensor dbndiff, Tensor dbnmeani);

    /** dloss/dembcat, shape [32, 30]. */
    Tensor embcat(MakemoreManualForward f, Tensor dhprebn);

    /** dloss/dW1, shape [30, 64]. */
    Tensor W1(MakemoreManualForward f, Tensor dhprebn);

    /**
     * dloss/db1, shape [64]; exactly zero in exact arithmetic (batchnorm subtracts the batch mean), so autograd's
     * value is rounding noise and the comparison's floor is scaled by dhprebn.
     */
    Tensor b1(MakemoreManualForward f, Tensor dhprebn);

    /** dloss/demb, shape [32, 3, 10]. */
    Tensor emb(MakemoreManualForward f, Tensor dembcat);

    /** dloss/dC, shape [27, 10]; a row used several times in {@code Xb} accumulates every use. */
    Tensor C(MakemoreManualForward f, Tensor demb);
}
