package org.backpropgrader.exercises.l2linear;

import java.util.List;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.exercises.mlpsoftmaxmax.MlpSoftmaxMax;
import org.backpropgrader.reference.Generator;
import org.backpropgrader.reference.Tensor;

/**
 * The notebook's cells 12 to 14: a linear model plus an L2 term {@code sum(W ** 2)} broadcast into every
 * prediction. Its generator continues after {@code mlp-softmax-max}'s draws.
 */
public final class L2Linear implements Exercise<L2LinearForward, L2LinearBackward> {
    /** The checked gradients, made when first asked for: each links lambdas (see Exercises). */
    private static final class Checked {
        static final List<Gradient<L2LinearForward, L2LinearBackward>> GRADIENTS = List.of(
                Gradient.of("preds", L2LinearForward::preds, (s, f, d) -> s.preds(f, d[0]), "pred"),
                Gradient.of("linear", L2LinearForward::linear, (s, f, d) -> s.linear(f, d[0]), "preds"),
                Gradient.of("reg", L2LinearForward::reg, (s, f, d) -> s.reg(f, d[0]), "preds"),
                Gradient.of("W_2", L2LinearForward::W_2, (s, f, d) -> s.W_2(f, d[0]), "reg"),
                Gradient.of("W", L2LinearForward::W, (s, f, d) -> s.W(f, d[0], d[1]), "linear", "W_2"),
                Gradient.of("X", L2LinearForward::X, (s, f, d) -> s.X(f, d[0]), "linear"),
                Gradient.of("b", L2LinearForward::b, (s, f, d) -> s.b(f, d[0]), "linear"));
    }

    @Override
    public String id() {
        return "l2-linear";
    }

    @Override
    public String title() {
        return "linear + L2 term sum(W^2) broadcast into every prediction";
    }

    @Override
    public Class<L2LinearBackward> backwardType() {
        return L2LinearBackward.class;
    }

    @Override
    public Class<L2LinearForward> forwardType() {
        return L2LinearForward.class;
    }

    @Override
    public String outputName() {
        return "pred";
    }

    @Override
    public L2LinearForward forward(long seed) {
        Generator g = new Generator(seed);
        MlpSoftmaxMax.forward(g); // cell 12 does not reseed: it continues cell 10's generator
        return forward(g);
    }

    /** The notebook's cells 12 and 13, drawing from {@code g}. */
    public static L2LinearForward forward(Generator g) {
        Tensor X = g.randn(100, 3);
        Tensor W = g.randn(3, 1);
        Tensor b = g.randn(1);

        Tensor linear = X.matmul(W).add(b);
        Tensor W_2 = W.pow(2);
        Tensor reg = W_2.sum(0);
        Tensor preds = linear.add(reg);
        Tensor pred = preds.mean(0);
        return new L2LinearForward(X, W, b, linear, W_2, reg, preds, pred);
    }

    /** The batch size: {@code X} has 100 rows. */
    static final int N = 100;

    @Override
    public int batchSize() {
        return N;
    }

    @Override
    public List<Gradient<L2LinearForward, L2LinearBackward>> gradients() {
        return Checked.GRADIENTS;
    }
}
