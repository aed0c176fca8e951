package org.backpropgrader.grader.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.grader.Catalog;
import org.backpropgrader.grader.compare.ShapeRule;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.policy.Policy.ExerciseRule;
import org.backpropgrader.grader.policy.Policy.GradientRule;
import org.backpropgrader.grader.policy.Policy.Limits;
import org.junit.jupiter.api.Test;

class PolicyTest {
    private static final Exercise<?, ?> MSE = Exercises.byId("mse-linear").orElseThrow();
    private static final Exercise<?, ?> BCE = Exercises.byId("bce-logistic").orElseThrow();
    private static final Tolerance POLICY = new Tolerance(1e-3, 1e-5, Tolerance.Mode.SCALED);
    private static final Tolerance EXERCISE = new Tolerance(1e-4, 1e-8, Tolerance.Mode.ABSOLUTE);
    private static final Tolerance GRADIENT = new Tolerance(0.1, 0, Tolerance.Mode.SCALED);

    private static Policy layered() {
        return new Policy(
                List.of(1L),
                Mode.ISOLATED,
                ShapeRule.STRICT,
                POLICY,
                Map.of(
                        "mse-linear",
                        new ExerciseRule(
                                2.0,
                                EXERCISE,
                                Map.of("X", new GradientRule(3.0, GRADIENT), "W", new GradientRule(null, null)))),
                Limits.defaults());
    }

    @Test
    void defaultsAreTheNotebookSeedIsolatedStrictAndEachGradientsOwnTolerance() {
        Policy d = Policy.defaults();
        assertEquals(List.of(111111L), d.seeds());
        assertEquals(Mode.ISOLATED, d.scoringMode());
        assertEquals(ShapeRule.STRICT, d.shapes());
        assertNull(d.tolerance());
        assertEquals(Map.of(), d.exercises());
        assertEquals(new Limits(10_000, 120_000, 256, 1024, 1_048_576), d.limits());
        assertSame(MSE.gradient("X").tolerance(), d.toleranceFor(MSE, MSE.gradient("X")));
    }

    @Test
    void gradientToleranceBeatsExerciseToleranceBeatsPolicyToleranceBeatsGradientDefault() {
        Policy p = layered();
        assertEquals(GRADIENT, p.toleranceFor(MSE, MSE.gradient("X")));
        assertEquals(EXERCISE, p.toleranceFor(MSE, MSE.gradient("W")), "a gradient rule without tolerance");
        assertEquals(EXERCISE, p.toleranceFor(MSE, MSE.gradient("b")), "no gradient rule");
        assertEquals(POLICY, p.toleranceFor(BCE, BCE.gradient("X")), "no exercise rule");
        assertEquals(Tolerance.DEFAULT, Policy.defaults().toleranceFor(BCE, BCE.gradient("X")));
    }

    @Test
    void pointsAndWeightsFallBackToTheExercisesOwn() {
        Policy p = layered();
        assertEquals(3.0, p.pointsFor(MSE, MSE.gradient("X")));
        assertEquals(1.0, p.pointsFor(MSE, MSE.gradient("W")));
        assertEquals(1.0, p.pointsFor(BCE, BCE.gradient("X")));
        assertEquals(2.0, p.weightFor(MSE));
        assertEquals(1.0, p.weightFor(BCE));
    }

    @Test
    void maxScoreIsOnePointPerGradientByDefault() {
        assertEquals(Catalog.maxScore(), Policy.defaults().maxScore());
    }

    @Test
    void maxScoreWeighsEachExercise() {
        // mse-linear: 8 gradients, X worth 3, weight 2 -> 2 * 10; every other gradient of the catalog 1 each.
        assertEquals(20 + Catalog.maxScore() - 8, layered().maxScore());
    }

    @Test
    void cliOverridesReplaceOnlyWhatTheyName() {
        Policy p = Policy.defaults()
                .withSeeds(List.of(3L, 4L))
                .withScoringMode(Mode.CHAINED)
                .withShapes(ShapeRule.SQUEEZE);
        assertEquals(List.of(3L, 4L), p.seeds());
        assertEquals(Mode.CHAINED, p.scoringMode());
        assertEquals(ShapeRule.SQUEEZE, p.shapes());
        assertEquals(Limits.defaults(), p.limits());
        assertNull(p.tolerance());
    }

    @Test
    void toleranceOverrideStartsFromTheDefaultWhenThePolicyHasNone() {
        assertEquals(
                new Tolerance(1e-5, 1e-8, Tolerance.Mode.ABSOLUTE),
                Policy.defaults()
                        .withTolerance(null, 1e-8, Tolerance.Mode.ABSOLUTE)
                        .tolerance());
        assertEquals(
                new Tolerance(1e-4, 1e-5, Tolerance.Mode.SCALED),
                Policy.defaults().withTolerance(1e-4, null, null).tolerance());
    }

    @Test
    void toleranceOverrideKeepsThePolicysOtherParts() {
        Policy p = layered().withTolerance(null, null, Tolerance.Mode.ABSOLUTE);
        assertEquals(new Tolerance(1e-3, 1e-5, Tolerance.Mode.ABSOLUTE), p.tolerance());
        assertEquals(GRADIENT, p.toleranceFor(MSE, MSE.gradient("X")), "rules still win over the command line");
    }

    @Test
    void toleranceOverrideOfNothingIsTheSamePolicy() {
        Policy p = layered();
        assertSame(p, p.withTolerance(null, null, null));
    }

    @Test
    void toleranceOverrideRejectsNegativeValues() {
        assertThrows(IllegalArgumentException.class, () -> Policy.defaults().withTolerance(-1.0, null, null));
    }

    @Test
    void seedsMustBeDistinctAndPresent() {
        assertThrows(IllegalArgumentException.class, () -> Policy.defaults().withSeeds(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Policy.defaults().withSeeds(List.of(5L, 5L)));
    }

    @Test
    void limitsArePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(0, 1, 1, 1, 1));
    }

    @org.junit.jupiter.api.Test
    void includeSelectsTheGradedExercisesAndTheirTotal() throws PolicyException {
        Policy p = PolicyLoader.parse("{\"include\": [\"makemore-batchnorm\", \"makemore-manual\"]}", "p.json");
        assertEquals(
                List.of("makemore-manual", "makemore-batchnorm"),
                p.selected().stream().map(e -> e.id()).toList(),
                "catalog order");
        assertEquals(27.0, p.maxScore());
        assertEquals(p.include(), p.withSeeds(List.of(3L)).include(), "overrides keep the selection");
        assertEquals(Catalog.maxScore(), Policy.defaults().maxScore(), "no include: the whole catalog");
    }

    @org.junit.jupiter.api.Test
    void includeRejectsUnknownRepeatedOrEmptyListsNamingThePath() {
        PolicyException unknown = org.junit.jupiter.api.Assertions.assertThrows(
                PolicyException.class, () -> PolicyLoader.parse("{\"include\": [\"makemore\"]}", "p.json"));
        org.junit.jupiter.api.Assertions.assertTrue(
                unknown.getMessage().contains("$.include[0]"), unknown.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(
                PolicyException.class,
                () -> PolicyLoader.parse("{\"include\": [\"mse-linear\", \"mse-linear\"]}", "p.json"));
        org.junit.jupiter.api.Assertions.assertThrows(
                PolicyException.class, () -> PolicyLoader.parse("{\"include\": []}", "p.json"));
    }
}
