package org.backpropgrader.exercises.bcelogistic;

import java.util.List;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.reference.Generator;
import org.backpropgrader.reference.Tensor;

/** The notebook's cells 6 and 7: logistic regression with binary cross-entropy written out elementwise. */
public final class BceLogistic implements Exercise<BceLogisticForward, BceLogisticBackward> {
    /** The checked gradients, made when first asked for: each links lambdas (see Exercises). */
    private static final class Checked {
        static final List<Gradient<BceLogisticForward, BceLogisticBackward>> GRADIENTS = List.of(
                Gradient.of(
                        "neg_log_probs",
                        BceLogisticForward::neg_log_probs,
                        (s, f, d) -> s.neg_log_probs(f, d[0]),
                        "loss"),
                Gradient.of(
                        "log_probs", BceLogisticForward::log_probs, (s, f, d) -> s.log_probs(f, d[0]), "neg_log_probs"),
                Gradient.of("new_probs", BceLogisticForward::new_probs, (s, f, d) -> s.new_probs(f, d[0]), "log_probs"),
                Gradient.of(
                        "positive_probs",
                        BceLogisticForward::positive_probs,
                        (s, f, d) -> s.positive_probs(f, d[0]),
                        "new_probs"),
                Gradient.of(
                        "negative_probs",
                        BceLogisticForward::negative_probs,
                        (s, f, d) -> s.negative_probs(f, d[0]),
                        "new_probs"),
                Gradient.of(
                        "probs",
                        BceLogisticForward::probs,
                        (s, f, d) -> s.probs(f, d[0], d[1]),
                        "positive_probs",
                        "negative_probs"),
                Gradient.of(
                        "y",
                        BceLogisticForward::y,
                        (s, f, d) -> s.y(f, d[0], d[1]),
                        "positive_probs",
                        "negative_probs"),
                Gradient.of(
                        "exp_neg_logits",
                        BceLogisticForward::exp_neg_logits,
                        (s, f, d) -> s.exp_neg_logits(f, d[0]),
                        "probs"),
                Gradient.of(
                        "neg_logits",
                        BceLogisticForward::neg_logits,
                        (s, f, d) -> s.neg_logits(f, d[0]),
                        "exp_neg_logits"),
                Gradient.of("logits", BceLogisticForward::logits, (s, f, d) -> s.logits(f, d[0]), "neg_logits"),
                Gradient.of("X", BceLogisticForward::X, (s, f, d) -> s.X(f, d[0]), "logits"),
                Gradient.of("W", BceLogisticForward::W, (s, f, d) -> s.W(f, d[0]), "logits"),
                Gradient.of("b", BceLogisticForward::b, (s, f, d) -> s.b(f, d[0]), "logits"));
    }

    @Override
    public String id() {
        return "bce-logistic";
    }

    @Override
    public String title() {
        return "logistic regression, binary cross-entropy spelled out elementwise";
    }

    @Override
    public Class<BceLogisticBackward> backwardType() {
        return BceLogisticBackward.class;
    }

    @Override
    public Class<BceLogisticForward> forwardType() {
        return BceLogisticForward.class;
    }

    @Override
    public BceLogisticForward forward(long seed) {
        return forward(new Generator(seed));
    }

    /** The notebook's cell 6, drawing from {@code g}. */
    public static BceLogisticForward forward(Generator g) {
        Tensor X = g.randn(10, 10);
        Tensor y = g.randint(0, 2, 10, 1);
        Tensor W = g.randn(10, 1);
        Tensor b = g.randn(1);

        Tensor logits = X.matmul(W).add(b);
        Tensor neg_logits = logits.neg();
        Tensor exp_neg_logits = neg_logits.exp();
        Tensor probs = exp_neg_logits.add(1).rdiv(1);
        Tensor positive_probs = probs.mul(y);
        Tensor negative_probs = probs.rsub(1).mul(y.rsub(1));
        Tensor new_probs = positive_probs.add(negative_probs);
        Tensor log_probs = new_probs.log();
        Tensor neg_log_probs = log_probs.neg();
        Tensor loss = neg_log_probs.mean(0);
        return new BceLogisticForward(
                X,
                y,
                W,
                b,
                logits,
                neg_logits,
                exp_neg_logits,
                probs,
                positive_probs,
                negative_probs,
                new_probs,
                log_probs,
                neg_log_probs,
                loss);
    }

    /** The batch size: {@code X} has 10 rows. */
    static final int N = 10;

    @Override
    public int batchSize() {
        return N;
    }

    @Override
    public List<Gradient<BceLogisticForward, BceLogisticBackward>> gradients() {
        return Checked.GRADIENTS;
    }
}
