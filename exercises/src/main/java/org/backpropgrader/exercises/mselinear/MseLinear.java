package org.backpropgrader.exercises.mselinear;

import java.util.List;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.reference.Generator;
import org.backpropgrader.reference.Tensor;

/** The notebook's cells 3 and 5: linear regression with a mean squared error. */
public final class MseLinear implements Exercise<MseLinearForward, MseLinearBackward> {
    /** The checked gradients, made when first asked for: each links lambdas (see Exercises). */
    private static final class Checked {
        static final List<Gradient<MseLinearForward, MseLinearBackward>> GRADIENTS = List.of(
                Gradient.of("diff2", MseLinearForward::diff2, (s, f, d) -> s.diff2(f, d[0]), "loss"),
                Gradient.of("diff", MseLinearForward::diff, (s, f, d) -> s.diff(f, d[0]), "diff2"),
                Gradient.of("y", MseLinearForward::y, (s, f, d) -> s.y(f, d[0]), "diff"),
                Gradient.of("pred", MseLinearForward::pred, (s, f, d) -> s.pred(f, d[0]), "diff"),
                Gradient.of("matmul", MseLinearForward::matmul, (s, f, d) -> s.matmul(f, d[0]), "pred"),
                Gradient.of("b", MseLinearForward::b, (s, f, d) -> s.b(f, d[0]), "pred"),
                Gradient.of("X", MseLinearForward::X, (s, f, d) -> s.X(f, d[0]), "matmul"),
                Gradient.of("W", MseLinearForward::W, (s, f, d) -> s.W(f, d[0]), "matmul"));
    }

    @Override
    public String id() {
        return "mse-linear";
    }

    @Override
    public String title() {
        return "linear regression, mean squared error";
    }

    @Override
    public Class<MseLinearBackward> backwardType() {
        return MseLinearBackward.class;
    }

    @Override
    public Class<MseLinearForward> forwardType() {
        return MseLinearForward.class;
    }

    @Override
    public MseLinearForward forward(long seed) {
        return forward(new Generator(seed));
    }

    /** The notebook's cell 3, drawing from {@code g}. */
    public static MseLinearForward forward(Generator g) {
        Tensor X = g.randn(10, 10);
        Tensor y = g.randn(10, 1);
        Tensor W = g.randn(10, 1);
        Tensor b = g.randn(1);

        Tensor matmul = X.matmul(W);
        Tensor pred = matmul.add(b);
        Tensor diff = y.sub(pred);
        Tensor diff2 = diff.pow(2);
        Tensor loss = diff2.mean(0);
        return new MseLinearForward(X, y, W, b, matmul, pred, diff, diff2, loss);
    }

    /** The batch size: {@code X} has 10 rows. */
    static final int N = 10;

    @Override
    public int batchSize() {
        return N;
    }

    @Override
    public List<Gradient<MseLinearForward, MseLinearBackward>> gradients() {
        return Checked.GRADIENTS;
    }
}
