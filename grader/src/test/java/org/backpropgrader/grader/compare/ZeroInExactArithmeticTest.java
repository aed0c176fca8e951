package org.backpropgrader.grader.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Note [Zero in exact arithmetic] in {@link GradientComparator}: {@code b1} and {@code logit_maxes} of
 * {@code makemore-manual} have true gradients of exactly zero; correct formulas summed in another order than
 * autograd's must pass, wrong ones must not.
 */
class ZeroInExactArithmeticTest {
    private static final Exercise<?, ?> MANUAL =
            Exercises.byId("makemore-manual").orElseThrow();

    private static Comparison compare(Tensor student, String gradient, Truth truth) {
        Gradient<?, ?> g = MANUAL.gradient(gradient);
        return GradientComparator.compare(
                student,
                truth.gradient(gradient),
                Tolerance.DEFAULT,
                ShapeRule.STRICT,
                MANUAL.batchSize(),
                GradientComparator.floorReference(g, truth));
    }

    /** The column sums of dhprebn as a matmul: another summation order than autograd's. */
    private static Tensor db1ByMatmul(Tensor dhprebn) {
        return Tensor.ones(1, dhprebn.size(0)).matmul(dhprebn).reshape(-1);
    }

    @ParameterizedTest
    @ValueSource(longs = {111111, 7, 42, 2024})
    void correctFormulasInAnotherSummationOrderPass(long seed) {
        Truth truth = Truth.compute(MANUAL, seed);
        Tensor dhprebn = truth.gradient("hprebn");
        Tensor dnorm = truth.gradient("norm_logits");
        assertTrue(compare(dhprebn.sum(0), "b1", truth).close(), "the notebook's db1");
        assertTrue(compare(db1ByMatmul(dhprebn), "b1", truth).close(), "db1 as a matmul");
        assertTrue(compare(Tensor.zeros(64), "b1", truth).close(), "exact arithmetic's own answer");
        assertTrue(compare(dnorm.neg().sum(1, true), "logit_maxes", truth).close(), "the notebook's dlogit_maxes");
        assertTrue(compare(dnorm.sum(1, true).neg(), "logit_maxes", truth).close(), "summed, then negated");
        assertTrue(
                compare(dnorm.matmul(Tensor.ones(27, 1)).neg(), "logit_maxes", truth)
                        .close(),
                "as a matmul");
    }

    @ParameterizedTest
    @ValueSource(longs = {111111, 7})
    void aFloorScaledByTheNoiseItselfWouldRejectACorrectFormula(long seed) {
        Truth truth = Truth.compute(MANUAL, seed);
        Comparison unscaled = GradientComparator.compare(
                db1ByMatmul(truth.gradient("hprebn")), truth.gradient("b1"), Tolerance.DEFAULT, ShapeRule.STRICT, 32);
        assertEquals(Status.WRONG, unscaled.status(), "why the floor is scaled by dhprebn: " + unscaled.message());
    }

    @ParameterizedTest
    @ValueSource(longs = {111111, 7})
    void wrongFormulasAreStillRejected(long seed) {
        Truth truth = Truth.compute(MANUAL, seed);
        // Skipping batchnorm's backward: dhpreact summed over the batch instead of dhprebn.
        assertEquals(
                Status.WRONG,
                compare(truth.gradient("hpreact").sum(0), "b1", truth).status());
        // The upstream itself, not summed: wrong shape.
        assertEquals(
                Status.SHAPE, compare(truth.gradient("hprebn"), "b1", truth).status());
        // dlogit_maxes from dcounts instead of dnorm_logits.
        assertEquals(
                Status.WRONG,
                compare(truth.gradient("counts").neg().sum(1, true), "logit_maxes", truth)
                        .status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"logprobs", "probs", "logits", "h", "bngain", "bnbias", "hprebn", "W1", "C"})
    void ordinaryMakemoreGradientsStillRejectTheClassicWrongAnswers(String name) {
        Truth truth = Truth.compute(MANUAL, 111111);
        Tensor t = truth.gradient(name);
        assertEquals(Status.WRONG, compare(Tensor.zerosLike(t), name, truth).status());
        assertEquals(Status.WRONG, compare(t.neg(), name, truth).status());
        assertEquals(Status.WRONG, compare(t.mul(2), name, truth).status());
    }
}
