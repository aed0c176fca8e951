package student;

import org.backpropgrader.exercises.makemoremanual.MakemoreManualBackward;
import org.backpropgrader.exercises.makemoremanual.MakemoreManualForward;
import org.backpropgrader.reference.Tensor;

/**
 * Exercise makemore-manual. Fill in every method: each returns the gradient of the loss with respect to the tensor
 * it is named after, computed by hand with tensor ops, without loops. The forward values are the components of
 * {@code f} (for example {@code f.bnraw()}, the index tensors {@code f.Xb()} and {@code f.Yb()}); the other
 * parameters are the gradients of the tensors that consume this one. Run {@code make check} to compare every method
 * with autograd.
 *
 * <p>The forward pass:
 * <pre>
 * emb = C[Xb]                                      # C.index(Xb), [32, 3, 10]
 * embcat = emb.view(emb.shape[0], -1)              # [32, 30]
 * hprebn = embcat @ W1 + b1                        # [32, 64]
 * bnmeani = 1/n * hprebn.sum(0, keepdim=True)
 * bndiff = hprebn - bnmeani
 * bndiff2 = bndiff**2
 * bnvar = 1/(n-1) * bndiff2.sum(0, keepdim=True)   # Bessel's correction
 * bnvar_inv = (bnvar + 1e-5)**-0.5
 * bnraw = bndiff * bnvar_inv
 * hpreact = bngain * bnraw + bnbias
 * h = torch.tanh(hpreact)
 * logits = h @ W2 + b2                             # [32, 27]
 * logit_maxes = logits.max(1, keepdim=True).values
 * norm_logits = logits - logit_maxes
 * counts = norm_logits.exp()
 * counts_sum = counts.sum(1, keepdims=True)
 * counts_sum_inv = counts_sum**-1
 * probs = counts * counts_sum_inv
 * logprobs = probs.log()
 * loss = -logprobs[range(n), Yb].mean()           # n = 32; Xb, Yb are int64 index tensors
 * </pre>
 */
public class MakemoreManualSolution implements MakemoreManualBackward {

    /** Returns dloss/dlogprobs, shape [32, 27]; {@code dloss} is ones shaped like the loss ([], a 0-d tensor). */
    @Override
    public Tensor logprobs(MakemoreManualForward f, Tensor dloss) {
        throw new UnsupportedOperationException("TODO logprobs");
    }

    /** Returns dloss/dprobs, shape [32, 27]. */
    @Override
    public Tensor probs(MakemoreManualForward f, Tensor dlogprobs) {
        throw new UnsupportedOperationException("TODO probs");
    }

    /** Returns dloss/dcounts_sum_inv, shape [32, 1]. */
    @Override
    public Tensor counts_sum_inv(MakemoreManualForward f, Tensor dprobs) {
        throw new UnsupportedOperationException("TODO counts_sum_inv");
    }

    /** Returns dloss/dcounts_sum, shape [32, 1]. */
    @Override
    public Tensor counts_sum(MakemoreManualForward f, Tensor dcounts_sum_inv) {
        throw new UnsupportedOperationException("TODO counts_sum");
    }

    /** Returns dloss/dcounts through both consumers, shape [32, 27]. */
    @Override
    public Tensor counts(MakemoreManualForward f, Tensor dprobs, Tensor dcounts_sum) {
        throw new UnsupportedOperationException("TODO counts");
    }

    /** Returns dloss/dnorm_logits, shape [32, 27]. */
    @Override
    public Tensor norm_logits(MakemoreManualForward f, Tensor dcounts) {
        throw new UnsupportedOperationException("TODO norm_logits");
    }

    /**
     * Returns dloss/dlogit_maxes, shape [32, 1] (exactly zero in exact arithmetic: yours will be rounding noise too).
     */
    @Override
    public Tensor logit_maxes(MakemoreManualForward f, Tensor dnorm_logits) {
        throw new UnsupportedOperationException("TODO logit_maxes");
    }

    /** Returns dloss/dlogits through both consumers, shape [32, 27]. */
    @Override
    public Tensor logits(MakemoreManualForward f, Tensor dnorm_logits, Tensor dlogit_maxes) {
        throw new UnsupportedOperationException("TODO logits");
    }

    /** Returns dloss/dh, shape [32, 64]. */
    @Override
    public Tensor h(MakemoreManualForward f, Tensor dlogits) {
        throw new UnsupportedOperationException("TODO h");
    }

    /** Returns dloss/dW2, shape [64, 27]. */
    @Override
    public Tensor W2(MakemoreManualForward f, Tensor dlogits) {
        throw new UnsupportedOperationException("TODO W2");
    }

    /** Returns dloss/db2, shape [27]. */
    @Override
    public Tensor b2(MakemoreManualForward f, Tensor dlogits) {
        throw new UnsupportedOperationException("TODO b2");
    }

    /** Returns dloss/dhpreact, shape [32, 64]. */
    @Override
    public Tensor hpreact(MakemoreManualForward f, Tensor dh) {
        throw new UnsupportedOperationException("TODO hpreact");
    }

    /** Returns dloss/dbngain, shape [1, 64]. */
    @Override
    public Tensor bngain(MakemoreManualForward f, Tensor dhpreact) {
        throw new UnsupportedOperationException("TODO bngain");
    }

    /** Returns dloss/dbnbias, shape [1, 64]. */
    @Override
    public Tensor bnbias(MakemoreManualForward f, Tensor dhpreact) {
        throw new UnsupportedOperationException("TODO bnbias");
    }

    /** Returns dloss/dbnraw, shape [32, 64]. */
    @Override
    public Tensor bnraw(MakemoreManualForward f, Tensor dhpreact) {
        throw new UnsupportedOperationException("TODO bnraw");
    }

    /** Returns dloss/dbnvar_inv, shape [1, 64]. */
    @Override
    public Tensor bnvar_inv(MakemoreManualForward f, Tensor dbnraw) {
        throw new UnsupportedOperationException("TODO bnvar_inv");
    }

    /** Returns dloss/dbnvar, shape [1, 64]. */
    @Override
    public Tensor bnvar(MakemoreManualForward f, Tensor dbnvar_inv) {
        throw new UnsupportedOperationException("TODO bnvar");
    }

    /** Returns dloss/dbndiff2, shape [32, 64]. */
    @Override
    public Tensor bndiff2(MakemoreManualForward f, Tensor dbnvar) {
        throw new UnsupportedOperationException("TODO bndiff2");
    }

    /** Returns dloss/dbndiff through both consumers, shape [32, 64]. */
    @Override
    public Tensor bndiff(MakemoreManualForward f, Tensor dbnraw, Tensor dbndiff2) {
        throw new UnsupportedOperationException("TODO bndiff");
    }

    /** Returns dloss/dbnmeani, shape [1, 64]. */
    @Override
    public Tensor bnmeani(MakemoreManualForward f, Tensor dbndiff) {
        throw new UnsupportedOperationException("TODO bnmeani");
    }

    /** Returns dloss/dhprebn through both consumers, shape [32, 64]. */
    @Override
    public Tensor hprebn(MakemoreManualForward f, Tensor dbndiff, Tensor dbnmeani) {
        throw new UnsupportedOperationException("TODO hprebn");
    }

    /** Returns dloss/dembcat, shape [32, 30]. */
    @Override
    public Tensor embcat(MakemoreManualForward f, Tensor dhprebn) {
        throw new UnsupportedOperationException("TODO embcat");
    }

    /** Returns dloss/dW1, shape [30, 64]. */
    @Override
    public Tensor W1(MakemoreManualForward f, Tensor dhprebn) {
        throw new UnsupportedOperationException("TODO W1");
    }

    /** Returns dloss/db1, shape [64] (exactly zero in exact arithmetic: yours will be rounding noise too). */
    @Override
    public Tensor b1(MakemoreManualForward f, Tensor dhprebn) {
        throw new UnsupportedOperationException("TODO b1");
    }

    /** Returns dloss/demb, shape [32, 3, 10]. */
    @Override
    public Tensor emb(MakemoreManualForward f, Tensor dembcat) {
        throw new UnsupportedOperationException("TODO emb");
    }

    /**
     * Returns dloss/dC, shape [27, 10] (a row used several times in {@code Xb} accumulates every use: {@code
     * indexAdd}).
     */
    @Override
    public Tensor C(MakemoreManualForward f, Tensor demb) {
        throw new UnsupportedOperationException("TODO C");
    }
}
