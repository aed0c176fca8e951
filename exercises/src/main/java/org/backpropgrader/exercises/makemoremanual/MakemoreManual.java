package org.backpropgrader.exercises.makemoremanual;

import java.util.List;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.ForwardRecords;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.exercises.makemore.MakemorePass;
import org.backpropgrader.reference.Tensor;

/**
 * The makemore MLP with batchnorm ("becoming a backprop ninja", exercise 1): every step of the backward pass by
 * hand, 26 gradients from {@code logprobs} back to the embedding table {@code C}. {@code b1} and
 * {@code logit_maxes} have true gradients of exactly zero; their floor is scaled by their upstream gradient.
 */
public final class MakemoreManual implements Exercise<MakemoreManualForward, MakemoreManualBackward> {
    private static final String NO_BATCH_SUM = "no sum over the batch: broadcasting repeats it over the n rows, so"
            + " its gradient is summed over dimension 0 (keepdim=True) for d";
    /** The checked gradients, made when first asked for: each links lambdas (see Exercises). */
    private static final class Checked {
        static final List<Gradient<MakemoreManualForward, MakemoreManualBackward>> GRADIENTS = List.of(
                Gradient.of("logprobs", MakemoreManualForward::logprobs, (s, f, d) -> s.logprobs(f, d[0]), "loss"),
                Gradient.of("probs", MakemoreManualForward::probs, (s, f, d) -> s.probs(f, d[0]), "logprobs"),
                Gradient.of(
                        "counts_sum_inv",
                        MakemoreManualForward::counts_sum_inv,
                        (s, f, d) -> s.counts_sum_inv(f, d[0]),
                        "probs"),
                Gradient.of(
                        "counts_sum",
                        MakemoreManualForward::counts_sum,
                        (s, f, d) -> s.counts_sum(f, d[0]),
                        "counts_sum_inv"),
                Gradient.of(
                        "counts",
                        MakemoreManualForward::counts,
                        (s, f, d) -> s.counts(f, d[0], d[1]),
                        "probs",
                        "counts_sum"),
                Gradient.of(
                        "norm_logits",
                        MakemoreManualForward::norm_logits,
                        (s, f, d) -> s.norm_logits(f, d[0]),
                        "counts"),
                Gradient.<MakemoreManualForward, MakemoreManualBackward>of(
                                "logit_maxes",
                                MakemoreManualForward::logit_maxes,
                                (s, f, d) -> s.logit_maxes(f, d[0]),
                                "norm_logits")
                        .zeroInExactArithmetic("norm_logits"),
                Gradient.of(
                        "logits",
                        MakemoreManualForward::logits,
                        (s, f, d) -> s.logits(f, d[0], d[1]),
                        "norm_logits",
                        "logit_maxes"),
                Gradient.of("h", MakemoreManualForward::h, (s, f, d) -> s.h(f, d[0]), "logits"),
                Gradient.of("W2", MakemoreManualForward::W2, (s, f, d) -> s.W2(f, d[0]), "logits"),
                Gradient.of("b2", MakemoreManualForward::b2, (s, f, d) -> s.b2(f, d[0]), "logits"),
                Gradient.of("hpreact", MakemoreManualForward::hpreact, (s, f, d) -> s.hpreact(f, d[0]), "h"),
                Gradient.<MakemoreManualForward, MakemoreManualBackward>of(
                                "bngain", MakemoreManualForward::bngain, (s, f, d) -> s.bngain(f, d[0]), "hpreact")
                        .withMistake(
                                NO_BATCH_SUM + "bngain", (f, d) -> f.bnraw().mul(d[0])),
                Gradient.<MakemoreManualForward, MakemoreManualBackward>of(
                                "bnbias", MakemoreManualForward::bnbias, (s, f, d) -> s.bnbias(f, d[0]), "hpreact")
                        .withMistake(NO_BATCH_SUM + "bnbias", (f, d) -> d[0]),
                Gradient.of("bnraw", MakemoreManualForward::bnraw, (s, f, d) -> s.bnraw(f, d[0]), "hpreact"),
                Gradient.of("bnvar_inv", MakemoreManualForward::bnvar_inv, (s, f, d) -> s.bnvar_inv(f, d[0]), "bnraw"),
                Gradient.of("bnvar", MakemoreManualForward::bnvar, (s, f, d) -> s.bnvar(f, d[0]), "bnvar_inv"),
                Gradient.<MakemoreManualForward, MakemoreManualBackward>of(
                                "bndiff2", MakemoreManualForward::bndiff2, (s, f, d) -> s.bndiff2(f, d[0]), "bnvar")
                        .withMistake(
                                "variance without Bessel's correction"
                                        + " (off by (n-1)/n): bnvar divides by n-1, so dbndiff2 is 1/(n-1) * dbnvar, not 1/n",
                                (f, d) -> Tensor.onesLike(f.bndiff2())
                                        .mul(1.0 / MakemorePass.N)
                                        .mul(d[0])),
                Gradient.of(
                        "bndiff",
                        MakemoreManualForward::bndiff,
                        (s, f, d) -> s.bndiff(f, d[0], d[1]),
                        "bnraw",
                        "bndiff2"),
                Gradient.of("bnmeani", MakemoreManualForward::bnmeani, (s, f, d) -> s.bnmeani(f, d[0]), "bndiff"),
                Gradient.of(
                        "hprebn",
                        MakemoreManualForward::hprebn,
                        (s, f, d) -> s.hprebn(f, d[0], d[1]),
                        "bndiff",
                        "bnmeani"),
                Gradient.of("embcat", MakemoreManualForward::embcat, (s, f, d) -> s.embcat(f, d[0]), "hprebn"),
                Gradient.of("W1", MakemoreManualForward::W1, (s, f, d) -> s.W1(f, d[0]), "hprebn"),
                Gradient.<MakemoreManualForward, MakemoreManualBackward>of(
                                "b1", MakemoreManualForward::b1, (s, f, d) -> s.b1(f, d[0]), "hprebn")
                        .zeroInExactArithmetic("hprebn"),
                Gradient.of("emb", MakemoreManualForward::emb, (s, f, d) -> s.emb(f, d[0]), "embcat"),
                Gradient.<MakemoreManualForward, MakemoreManualBackward>of(
                                "C", MakemoreManualForward::C, (s, f, d) -> s.C(f, d[0]), "emb")
                        .withMistake(
                                "dC assigned instead of accumulated: a row of C"
                                        + " used several times in Xb gets the sum of all its gradients (index_add, or index_put with"
                                        + " accumulate=True), not the last one",
                                (f, d) -> Tensor.zerosLike(f.C()).indexPut(List.of(f.Xb()), d[0], false)));
    }

    @Override
    public String id() {
        return "makemore-manual";
    }

    @Override
    public String title() {
        return "makemore MLP with batchnorm: every backward step by hand";
    }

    @Override
    public Class<MakemoreManualBackward> backwardType() {
        return MakemoreManualBackward.class;
    }

    @Override
    public Class<MakemoreManualForward> forwardType() {
        return MakemoreManualForward.class;
    }

    @Override
    public MakemoreManualForward forward(long seed) {
        return ForwardRecords.of(MakemoreManualForward.class, MakemorePass.manual(seed));
    }

    @Override
    public int batchSize() {
        return MakemorePass.N;
    }

    @Override
    public List<Gradient<MakemoreManualForward, MakemoreManualBackward>> gradients() {
        return Checked.GRADIENTS;
    }
}
