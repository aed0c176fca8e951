package org.backpropgrader.grader.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN.md "Comparing one gradient" measured on the real exercises, seed 111111: why the default absolute floor
 * is scaled to the tensor's magnitude rather than {@code torch.allclose}'s 1e-8.
 */
class DesignClaimsTest {
    private static final long SEED = 111111;
    private static final Tolerance ALLCLOSE = new Tolerance(1e-5, 1e-8, Tolerance.Mode.ABSOLUTE);
    private static final Truth MLP =
            Truth.compute(Exercises.byId("mlp-softmax-max").orElseThrow(), SEED);

    @ParameterizedTest
    @ValueSource(strings = {"h3_sum", "h3"})
    void everyTrueElementIsBelowAllclosesAtol(String name) {
        double max = Elementwise.maxAbsFinite(Elementwise.values(MLP.gradient(name)));
        assertTrue(max > 0 && max < 1e-8, name + " max|t| = " + max);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h3_sum", "h3"})
    void defaultToleranceRejectsAllZeroAndNegatedAnswers(String name) {
        Tensor truth = MLP.gradient(name);
        Comparison zeros =
                GradientComparator.compare(Tensor.zerosLike(truth), truth, Tolerance.DEFAULT, ShapeRule.STRICT);
        Comparison negated = GradientComparator.compare(truth.neg(), truth, Tolerance.DEFAULT, ShapeRule.STRICT);
        assertEquals(Status.WRONG, zeros.status());
        assertEquals(Hints.ALL_ZEROS, zeros.hint());
        assertEquals(Status.WRONG, negated.status());
        assertEquals(Hints.SIGN_FLIPPED, negated.hint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h3_sum", "h3"})
    void allcloseToleranceAcceptsAllZeroAndNegatedAnswers(String name) {
        Tensor truth = MLP.gradient(name);
        assertEquals(
                Status.CLOSE,
                GradientComparator.compare(Tensor.zerosLike(truth), truth, ALLCLOSE, ShapeRule.STRICT)
                        .status());
        assertEquals(
                Status.CLOSE,
                GradientComparator.compare(truth.neg(), truth, ALLCLOSE, ShapeRule.STRICT)
                        .status());
    }

    static Stream<Arguments> everyGradient() {
        List<Arguments> all = new ArrayList<>();
        for (Exercise<?, ?> e : Exercises.all()) {
            Truth truth = Truth.compute(e, SEED);
            truth.gradients().forEach((name, g) -> all.add(Arguments.of(e.id() + "/" + name, g)));
        }
        return all.stream();
    }

    /**
     * A correct answer computed in a different float order: every element off by up to 1e-6 of itself plus
     * 1e-7 of the tensor's largest magnitude (what cancellation leaves on near-zero elements).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyGradient")
    void correctAnswerWithFloatNoisePasses(String name, Tensor truth) {
        float[] t = truth.toFloatArray();
        double max = Elementwise.maxAbsFinite(Elementwise.values(truth));
        Random random = new Random(name.hashCode());
        float[] noisy = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            noisy[i] = (float) (t[i] * (1 + 1e-6 * u) + 1e-7 * max * v);
        }
        Comparison c =
                GradientComparator.compare(Tensor.of(truth.shape(), noisy), truth, Tolerance.DEFAULT, ShapeRule.STRICT);
        assertTrue(c.close(), name + ": " + c);
        assertTrue(c.relerr() < 2e-6, name + ": relerr " + c.relerr());
    }
}
