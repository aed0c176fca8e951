package org.backpropgrader.exercises.makemorecrossentropy;

import java.util.List;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.ForwardRecords;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.exercises.makemore.MakemorePass;

/**
 * The makemore MLP with the fused cross-entropy ("becoming a backprop ninja", exercise 2): {@code dlogits} in one
 * expression. The truth is autograd of the graph whose loss is {@code F.cross_entropy(logits, Yb)}.
 */
public final class MakemoreCrossEntropy implements Exercise<MakemoreCrossEntropyForward, MakemoreCrossEntropyBackward> {
    /** The checked gradients, made when first asked for: each links lambdas (see Exercises). */
    private static final class Checked {
        static final List<Gradient<MakemoreCrossEntropyForward, MakemoreCrossEntropyBackward>> GRADIENTS =
                List.of(Gradient.<MakemoreCrossEntropyForward, MakemoreCrossEntropyBackward>of(
                                "logits", MakemoreCrossEntropyForward::logits, (s, f, d) -> s.logits(f, d[0]), "loss")
                        .withMistake(
                                "the -1 at the target is missing: dlogits = (softmax(logits, 1) - one_hot(Yb)) / n",
                                (f, d) -> f.logits()
                                        .softmax(1)
                                        .div(MakemorePass.N)
                                        .mul(d[0])));
    }

    @Override
    public String id() {
        return "makemore-cross-entropy";
    }

    @Override
    public String title() {
        return "makemore MLP: dlogits of the fused cross-entropy in one expression";
    }

    @Override
    public Class<MakemoreCrossEntropyBackward> backwardType() {
        return MakemoreCrossEntropyBackward.class;
    }

    @Override
    public Class<MakemoreCrossEntropyForward> forwardType() {
        return MakemoreCrossEntropyForward.class;
    }

    @Override
    public MakemoreCrossEntropyForward forward(long seed) {
        return ForwardRecords.of(MakemoreCrossEntropyForward.class, MakemorePass.crossEntropy(seed));
    }

    @Override
    public int batchSize() {
        return MakemorePass.N;
    }

    @Override
    public List<Gradient<MakemoreCrossEntropyForward, MakemoreCrossEntropyBackward>> gradients() {
        return Checked.GRADIENTS;
    }
}
