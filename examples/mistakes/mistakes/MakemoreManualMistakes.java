package mistakes;

import org.backpropgrader.exercises.makemoremanual.MakemoreManualBackward;
import org.backpropgrader.exercises.makemoremanual.MakemoreManualForward;
import org.backpropgrader.reference.Tensor;

/** The notebook's formulas with the classic makemore mistakes; see the comments marked "mistake". */
public class MakemoreManualMistakes implements MakemoreManualBackward {
    private static final int N = 32;

    @Override
    public Tensor logprobs(MakemoreManualForward f, Tensor dloss) {
        return Tensor.oneHot(f.Yb(), 27).neg().div(N).mul(dloss);
    }

    @Override
    public Tensor probs(MakemoreManualForward f, Tensor dlogprobs) {
        return f.probs().rdiv(1.0).mul(dlogprobs);
    }

    @Override
    public Tensor counts_sum_inv(MakemoreManualForward f, Tensor dprobs) {
        return f.counts().mul(dprobs).sum(1, true);
    }

    @Override
    public Tensor counts_sum(MakemoreManualForward f, Tensor dcounts_sum_inv) {
        return f.counts_sum().pow(-2).neg().mul(dcounts_sum_inv);
    }

    @Override
    public Tensor counts(MakemoreManualForward f, Tensor dprobs, Tensor dcounts_sum) {
        return f.counts_sum_inv().mul(dprobs).add(Tensor.onesLike(f.counts()).mul(dcounts_sum));
    }

    @Override
    public Tensor norm_logits(MakemoreManualForward f, Tensor dcounts) {
        return f.counts().mul(dcounts);
    }

    @Override
    public Tensor logit_maxes(MakemoreManualForward f, Tensor dnorm_logits) {
        return dnorm_logits.neg().sum(1, true);
    }

    @Override
    public Tensor logits(MakemoreManualForward f, Tensor dnorm_logits, Tensor dlogit_maxes) {
        return dnorm_logits.add(Tensor.oneHot(f.logits().max(1).indices(), 27).mul(dlogit_maxes));
    }

    @Override
    public Tensor h(MakemoreManualForward f, Tensor dlogits) {
        return dlogits.matmul(f.W2().T());
    }

    @Override
    public Tensor W2(MakemoreManualForward f, Tensor dlogits) {
        return f.h().T().matmul(dlogits);
    }

    @Override
    public Tensor b2(MakemoreManualForward f, Tensor dlogits) {
        return dlogits.sum(0);
    }

    @Override
    public Tensor hpreact(MakemoreManualForward f, Tensor dh) {
        return f.h().pow(2).rsub(1.0).mul(dh);
    }

    @Override
    public Tensor bngain(MakemoreManualForward f, Tensor dhpreact) {
        // dbngain = (bnraw * dhpreact).sum(0, keepdim=True)
        return f.bnraw().mul(dhpreact); // mistake: bngain is broadcast over the batch, its gradient is not summed
    }

    @Override
    public Tensor bnbias(MakemoreManualForward f, Tensor dhpreact) {
        // dbnbias = dhpreact.sum(0, keepdim=True)
        return dhpreact; // mistake: no sum over the batch
    }

    @Override
    public Tensor bnraw(MakemoreManualForward f, Tensor dhpreact) {
        return f.bngain().mul(dhpreact);
    }

    @Override
    public Tensor bnvar_inv(MakemoreManualForward f, Tensor dbnraw) {
        return f.bndiff().mul(dbnraw).sum(0, true);
    }

    @Override
    public Tensor bnvar(MakemoreManualForward f, Tensor dbnvar_inv) {
        return f.bnvar().add(1e-5).pow(-1.5).mul(-0.5).mul(dbnvar_inv);
    }

    @Override
    public Tensor bndiff2(MakemoreManualForward f, Tensor dbnvar) {
        // dbndiff2 = 1.0 / (n - 1) * torch.ones_like(bndiff2) * dbnvar
        return Tensor.onesLike(f.bndiff2()).mul(1.0 / N).mul(dbnvar); // mistake: 1/n, the variance without Bessel
    }

    @Override
    public Tensor bndiff(MakemoreManualForward f, Tensor dbnraw, Tensor dbndiff2) {
        return f.bnvar_inv().mul(dbnraw).add(f.bndiff().mul(2).mul(dbndiff2));
    }

    @Override
    public Tensor bnmeani(MakemoreManualForward f, Tensor dbndiff) {
        return dbndiff.neg().sum(0, true);
    }

    @Override
    public Tensor hprebn(MakemoreManualForward f, Tensor dbndiff, Tensor dbnmeani) {
        return dbndiff.add(Tensor.onesLike(f.hprebn()).mul(1.0 / N).mul(dbnmeani));
    }

    @Override
    public Tensor embcat(MakemoreManualForward f, Tensor dhprebn) {
        return dhprebn.matmul(f.W1().T());
    }

    @Override
    public Tensor W1(MakemoreManualForward f, Tensor dhprebn) {
        return f.embcat().T().matmul(dhprebn);
    }

    @Override
    public Tensor b1(MakemoreManualForward f, Tensor dhprebn) {
        return dhprebn.sum(0);
    }

    @Override
    public Tensor emb(MakemoreManualForward f, Tensor dembcat) {
        return dembcat.view(f.emb().shape());
    }

    @Override
    public Tensor C(MakemoreManualForward f, Tensor demb) {
        // dC = torch.zeros_like(C).index_add_(0, Xb.view(-1), demb.view(-1, n_embd))
        // mistake: dC[Xb] = demb assigns, so a character used twice in the batch keeps only its last gradient
        return Tensor.zerosLike(f.C()).indexPut(java.util.List.of(f.Xb()), demb, false);
    }
}
