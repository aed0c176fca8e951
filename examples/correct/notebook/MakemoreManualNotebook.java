package notebook;

import org.backpropgrader.exercises.makemoremanual.MakemoreManualBackward;
import org.backpropgrader.exercises.makemoremanual.MakemoreManualForward;
import org.backpropgrader.reference.Tensor;

/** "Becoming a backprop ninja", exercise 1, line by line (n = 32, vocab_size = 27, n_embd = 10). */
public class MakemoreManualNotebook implements MakemoreManualBackward {
    private static final int N = 32;

    @Override
    public Tensor logprobs(MakemoreManualForward f, Tensor dloss) {
        // dlogprobs = -F.one_hot(Yb, num_classes=vocab_size).float() / n * dloss
        return Tensor.oneHot(f.Yb(), 27).neg().div(N).mul(dloss);
    }

    @Override
    public Tensor probs(MakemoreManualForward f, Tensor dlogprobs) {
        // dprobs = (1.0 / probs) * dlogprobs
        return f.probs().rdiv(1.0).mul(dlogprobs);
    }

    @Override
    public Tensor counts_sum_inv(MakemoreManualForward f, Tensor dprobs) {
        // dcounts_sum_inv = (counts * dprobs).sum(1, keepdim=True)
        return f.counts().mul(dprobs).sum(1, true);
    }

    @Override
    public Tensor counts_sum(MakemoreManualForward f, Tensor dcounts_sum_inv) {
        // dcounts_sum = (-counts_sum**-2) * dcounts_sum_inv
        return f.counts_sum().pow(-2).neg().mul(dcounts_sum_inv);
    }

    @Override
    public Tensor counts(MakemoreManualForward f, Tensor dprobs, Tensor dcounts_sum) {
        // dcounts = counts_sum_inv * dprobs; dcounts += torch.ones_like(counts) * dcounts_sum
        return f.counts_sum_inv().mul(dprobs).add(Tensor.onesLike(f.counts()).mul(dcounts_sum));
    }

    @Override
    public Tensor norm_logits(MakemoreManualForward f, Tensor dcounts) {
        // dnorm_logits = counts * dcounts
        return f.counts().mul(dcounts);
    }

    @Override
    public Tensor logit_maxes(MakemoreManualForward f, Tensor dnorm_logits) {
        // dlogit_maxes = (-dnorm_logits).sum(1, keepdim=True)
        return dnorm_logits.neg().sum(1, true);
    }

    @Override
    public Tensor logits(MakemoreManualForward f, Tensor dnorm_logits, Tensor dlogit_maxes) {
        // dlogits = dnorm_logits.clone()
        // dlogits += F.one_hot(logits.max(1).indices, num_classes=vocab_size) * dlogit_maxes
        return dnorm_logits.add(Tensor.oneHot(f.logits().max(1).indices(), 27).mul(dlogit_maxes));
    }

    @Override
    public Tensor h(MakemoreManualForward f, Tensor dlogits) {
        // dh = dlogits @ W2.T
        return dlogits.matmul(f.W2().T());
    }

    @Override
    public Tensor W2(MakemoreManualForward f, Tensor dlogits) {
        // dW2 = h.T @ dlogits
        return f.h().T().matmul(dlogits);
    }

    @Override
    public Tensor b2(MakemoreManualForward f, Tensor dlogits) {
        // db2 = dlogits.sum(0)
        return dlogits.sum(0);
    }

    @Override
    public Tensor hpreact(MakemoreManualForward f, Tensor dh) {
        // dhpreact = (1.0 - h**2) * dh
        return f.h().pow(2).rsub(1.0).mul(dh);
    }

    @Override
    public Tensor bngain(MakemoreManualForward f, Tensor dhpreact) {
        // dbngain = (bnraw * dhpreact).sum(0, keepdim=True)
        return f.bnraw().mul(dhpreact).sum(0, true);
    }

    @Override
    public Tensor bnbias(MakemoreManualForward f, Tensor dhpreact) {
        // dbnbias = dhpreact.sum(0, keepdim=True)
        return dhpreact.sum(0, true);
    }

    @Override
    public Tensor bnraw(MakemoreManualForward f, Tensor dhpreact) {
        // dbnraw = bngain * dhpreact
        return f.bngain().mul(dhpreact);
    }

    @Override
    public Tensor bnvar_inv(MakemoreManualForward f, Tensor dbnraw) {
        // dbnvar_inv = (bndiff * dbnraw).sum(0, keepdim=True)
        return f.bndiff().mul(dbnraw).sum(0, true);
    }

    @Override
    public Tensor bnvar(MakemoreManualForward f, Tensor dbnvar_inv) {
        // dbnvar = (-0.5 * (bnvar + 1e-5)**-1.5) * dbnvar_inv
        return f.bnvar().add(1e-5).pow(-1.5).mul(-0.5).mul(dbnvar_inv);
    }

    @Override
    public Tensor bndiff2(MakemoreManualForward f, Tensor dbnvar) {
        // dbndiff2 = 1.0 / (n - 1) * torch.ones_like(bndiff2) * dbnvar
        return Tensor.onesLike(f.bndiff2()).mul(1.0 / (N - 1)).mul(dbnvar);
    }

    @Override
    public Tensor bndiff(MakemoreManualForward f, Tensor dbnraw, Tensor dbndiff2) {
        // dbndiff = bnvar_inv * dbnraw; dbndiff += 2 * bndiff * dbndiff2
        return f.bnvar_inv().mul(dbnraw).add(f.bndiff().mul(2).mul(dbndiff2));
    }

    @Override
    public Tensor bnmeani(MakemoreManualForward f, Tensor dbndiff) {
        // dbnmeani = (-dbndiff).sum(0, keepdim=True)
        return dbndiff.neg().sum(0, true);
    }

    @Override
    public Tensor hprebn(MakemoreManualForward f, Tensor dbndiff, Tensor dbnmeani) {
        // dhprebn = dbndiff.clone(); dhprebn += 1.0 / n * torch.ones_like(hprebn) * dbnmeani
        return dbndiff.add(Tensor.onesLike(f.hprebn()).mul(1.0 / N).mul(dbnmeani));
    }

    @Override
    public Tensor embcat(MakemoreManualForward f, Tensor dhprebn) {
        // dembcat = dhprebn @ W1.T
        return dhprebn.matmul(f.W1().T());
    }

    @Override
    public Tensor W1(MakemoreManualForward f, Tensor dhprebn) {
        // dW1 = embcat.T @ dhprebn
        return f.embcat().T().matmul(dhprebn);
    }

    @Override
    public Tensor b1(MakemoreManualForward f, Tensor dhprebn) {
        // db1 = dhprebn.sum(0)
        return dhprebn.sum(0);
    }

    @Override
    public Tensor emb(MakemoreManualForward f, Tensor dembcat) {
        // demb = dembcat.view(emb.shape)
        return dembcat.view(f.emb().shape());
    }

    @Override
    public Tensor C(MakemoreManualForward f, Tensor demb) {
        // dC = torch.zeros_like(C).index_add_(0, Xb.view(-1), demb.view(-1, n_embd))
        return Tensor.zerosLike(f.C()).indexAdd(0, f.Xb().view(-1), demb.view(-1, 10));
    }
}
