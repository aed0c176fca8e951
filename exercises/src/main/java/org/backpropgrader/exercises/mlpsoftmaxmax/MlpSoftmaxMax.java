package org.backpropgrader.exercises.mlpsoftmaxmax;

import java.util.List;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.reference.Generator;
import org.backpropgrader.reference.Tensor;

/**
 * The notebook's cells 10 and 11: a three-layer MLP with relu, sigmoid, a softmax spelled out as
 * exp / sum / reciprocal, the max over classes, log and mean.
 */
public final class MlpSoftmaxMax implements Exercise<MlpSoftmaxMaxForward, MlpSoftmaxMaxBackward> {
    /** The checked gradients, made when first asked for: each links lambdas (see Exercises). */
    private static final class Checked {
        static final List<Gradient<MlpSoftmaxMaxForward, MlpSoftmaxMaxBackward>> GRADIENTS = List.of(
                Gradient.of("logits", MlpSoftmaxMaxForward::logits, (s, f, d) -> s.logits(f, d[0]), "loss"),
                Gradient.of("outputs", MlpSoftmaxMaxForward::outputs, (s, f, d) -> s.outputs(f, d[0]), "logits"),
                Gradient.of("probs", MlpSoftmaxMaxForward::probs, (s, f, d) -> s.probs(f, d[0]), "outputs"),
                Gradient.of(
                        "h3_sum_inv", MlpSoftmaxMaxForward::h3_sum_inv, (s, f, d) -> s.h3_sum_inv(f, d[0]), "probs"),
                Gradient.of("h3_sum", MlpSoftmaxMaxForward::h3_sum, (s, f, d) -> s.h3_sum(f, d[0]), "h3_sum_inv"),
                Gradient.of("h3", MlpSoftmaxMaxForward::h3, (s, f, d) -> s.h3(f, d[0], d[1]), "probs", "h3_sum"),
                Gradient.of("h3_preact", MlpSoftmaxMaxForward::h3_preact, (s, f, d) -> s.h3_preact(f, d[0]), "h3"),
                Gradient.of("h2", MlpSoftmaxMaxForward::h2, (s, f, d) -> s.h2(f, d[0]), "h3_preact"),
                Gradient.of("W3", MlpSoftmaxMaxForward::W3, (s, f, d) -> s.W3(f, d[0]), "h3_preact"),
                Gradient.of("b3", MlpSoftmaxMaxForward::b3, (s, f, d) -> s.b3(f, d[0]), "h3_preact"),
                Gradient.of("h2_preact", MlpSoftmaxMaxForward::h2_preact, (s, f, d) -> s.h2_preact(f, d[0]), "h2"),
                Gradient.of("h1", MlpSoftmaxMaxForward::h1, (s, f, d) -> s.h1(f, d[0]), "h2_preact"),
                Gradient.of("W2", MlpSoftmaxMaxForward::W2, (s, f, d) -> s.W2(f, d[0]), "h2_preact"),
                Gradient.of("b2", MlpSoftmaxMaxForward::b2, (s, f, d) -> s.b2(f, d[0]), "h2_preact"),
                Gradient.of("h1_preact", MlpSoftmaxMaxForward::h1_preact, (s, f, d) -> s.h1_preact(f, d[0]), "h1"),
                Gradient.of("X", MlpSoftmaxMaxForward::X, (s, f, d) -> s.X(f, d[0]), "h1_preact"),
                Gradient.of("W1", MlpSoftmaxMaxForward::W1, (s, f, d) -> s.W1(f, d[0]), "h1_preact"),
                Gradient.of("b1", MlpSoftmaxMaxForward::b1, (s, f, d) -> s.b1(f, d[0]), "h1_preact"));
    }

    @Override
    public String id() {
        return "mlp-softmax-max";
    }

    @Override
    public String title() {
        return "3-layer MLP: relu, sigmoid, exp/sum/normalise softmax, max, log, mean";
    }

    @Override
    public Class<MlpSoftmaxMaxBackward> backwardType() {
        return MlpSoftmaxMaxBackward.class;
    }

    @Override
    public Class<MlpSoftmaxMaxForward> forwardType() {
        return MlpSoftmaxMaxForward.class;
    }

    @Override
    public MlpSoftmaxMaxForward forward(long seed) {
        return forward(new Generator(seed));
    }

    /** The notebook's cell 10, drawing from {@code g}. */
    public static MlpSoftmaxMaxForward forward(Generator g) {
        Tensor X = g.randn(100, 10);
        Tensor W1 = g.randn(10, 200);
        Tensor b1 = g.randn(200);
        Tensor W2 = g.randn(200, 300);
        Tensor b2 = g.randn(300);
        Tensor W3 = g.randn(300, 100);
        Tensor b3 = g.randn(100);
        return forward(X, W1, b1, W2, b2, W3, b3);
    }

    /** The notebook's cell 10 from the leaves on: the forward graph alone (benchmarks reuse drawn leaves). */
    public static MlpSoftmaxMaxForward forward(
            Tensor X, Tensor W1, Tensor b1, Tensor W2, Tensor b2, Tensor W3, Tensor b3) {
        Tensor h1_preact = X.matmul(W1).add(b1);
        Tensor h1 = h1_preact.relu();
        Tensor h2_preact = h1.matmul(W2).add(b2);
        Tensor h2 = h2_preact.sigmoid();
        Tensor h3_preact = h2.matmul(W3).add(b3);
        Tensor h3 = h3_preact.exp();
        Tensor h3_sum = h3.sum(1, true);
        Tensor h3_sum_inv = h3_sum.pow(-1);
        Tensor probs = h3.mul(h3_sum_inv);
        Tensor outputs = probs.max(1, true).values();
        Tensor logits = outputs.log();
        Tensor loss = logits.mean().neg();
        return new MlpSoftmaxMaxForward(
                X,
                W1,
                b1,
                W2,
                b2,
                W3,
                b3,
                h1_preact,
                h1,
                h2_preact,
                h2,
                h3_preact,
                h3,
                h3_sum,
                h3_sum_inv,
                probs,
                outputs,
                logits,
                loss);
    }

    /** The batch size: {@code X} has 100 rows. */
    static final int N = 100;

    @Override
    public int batchSize() {
        return N;
    }

    @Override
    public List<Gradient<MlpSoftmaxMaxForward, MlpSoftmaxMaxBackward>> gradients() {
        return Checked.GRADIENTS;
    }
}
