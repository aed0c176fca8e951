package org.backpropgrader.exercises.makemorebatchnorm;

import java.util.List;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.ForwardRecords;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.exercises.makemore.MakemorePass;
import org.backpropgrader.reference.Tensor;

/**
 * The makemore MLP with the fused batchnorm ("becoming a backprop ninja", exercise 3): {@code dhprebn} in one
 * expression, given the true {@code dhpreact}. The truth is autograd of the graph whose {@code hpreact} is the
 * one-line batchnorm.
 */
public final class MakemoreBatchnorm implements Exercise<MakemoreBatchnormForward, MakemoreBatchnormBackward> {
    /** The checked gradients, made when first asked for: each links lambdas (see Exercises). */
    private static final class Checked {
        static final List<Gradient<MakemoreBatchnormForward, MakemoreBatchnormBackward>> GRADIENTS =
                List.of(Gradient.<MakemoreBatchnormForward, MakemoreBatchnormBackward>of(
                                "hprebn", MakemoreBatchnormForward::hprebn, (s, f, d) -> s.hprebn(f, d[0]), "hpreact")
                        .withMistake(
                                "variance without Bessel's correction: the forward's var is unbiased, so the last term is"
                                        + " n/(n-1) * bnraw * (dhpreact * bnraw).sum(0)",
                                MakemoreBatchnorm::withoutBessel));
    }

    /** The fused backward of the biased variance: the classic mistake. */
    private static Tensor withoutBessel(MakemoreBatchnormForward f, Tensor[] d) {
        int n = MakemorePass.N;
        Tensor dhpreact = d[0];
        return f.bngain()
                .mul(f.bnvar_inv())
                .div(n)
                .mul(dhpreact.mul(n)
                        .sub(dhpreact.sum(0))
                        .sub(f.bnraw().mul(dhpreact.mul(f.bnraw()).sum(0))));
    }

    @Override
    public String id() {
        return "makemore-batchnorm";
    }

    @Override
    public String title() {
        return "makemore MLP: dhprebn of the fused batchnorm in one expression";
    }

    @Override
    public Class<MakemoreBatchnormBackward> backwardType() {
        return MakemoreBatchnormBackward.class;
    }

    @Override
    public Class<MakemoreBatchnormForward> forwardType() {
        return MakemoreBatchnormForward.class;
    }

    @Override
    public MakemoreBatchnormForward forward(long seed) {
        return ForwardRecords.of(MakemoreBatchnormForward.class, MakemorePass.batchnorm(seed));
    }

    @Override
    public int batchSize() {
        return MakemorePass.N;
    }

    @Override
    public List<Gradient<MakemoreBatchnormForward, MakemoreBatchnormBackward>> gradients() {
        return Checked.GRADIENTS;
    }
}
