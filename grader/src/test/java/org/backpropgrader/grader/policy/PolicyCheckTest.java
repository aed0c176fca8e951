package org.backpropgrader.grader.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Tolerance;
import org.junit.jupiter.api.Test;

class PolicyCheckTest {
    /** relu-neuron's five pre-activations are all negative for this seed (found by scanning seeds 1..200: 42, 53, 66, 77, 141). */
    private static final long DEAD_RELU_SEED = 42;
    /** The first seed from 1 whose spelled-out BCE overflows: one probability rounds to 1 with label 0, log(0). */
    private static final long INFINITE_BCE_SEED = 1708;

    /** Named once each, whatever the seeds: their truth is rounding noise, so every classic answer passes. */
    private static final List<String> ZERO_IN_EXACT_ARITHMETIC = List.of(
            "makemore-manual/logit_maxes is zero in exact arithmetic (its true gradient is rounding noise): any answer"
                    + " within the floor scaled by dnorm_logits passes, all zeros included",
            "makemore-manual/b1 is zero in exact arithmetic (its true gradient is rounding noise): any answer within"
                    + " the floor scaled by dhprebn passes, all zeros included");

    @Test
    void defaultsWarnOnlyAboutTheGradientsThatAreZeroInExactArithmeticForSeed111111() {
        assertEquals(ZERO_IN_EXACT_ARITHMETIC, PolicyCheck.warnings(Policy.defaults()));
    }

    @Test
    void gradientsThatAreZeroInExactArithmeticAreNamedOnceWhateverTheSeeds() {
        List<String> warnings = PolicyCheck.warnings(Policy.defaults().withSeeds(List.of(111111L, 7L, 8L)));
        assertEquals(
                ZERO_IN_EXACT_ARITHMETIC,
                warnings.stream().filter(w -> w.contains("zero in exact")).toList());
        assertTrue(
                warnings.stream()
                        .filter(w -> !ZERO_IN_EXACT_ARITHMETIC.contains(w))
                        .noneMatch(
                                w -> w.contains("makemore-manual/b1 ") || w.contains("makemore-manual/logit_maxes ")),
                warnings.toString());
    }

    @Test
    void absoluteAllcloseToleranceWarnsAboutH3() {
        Policy allclose = Policy.defaults().withTolerance(null, 1e-8, Tolerance.Mode.ABSOLUTE);
        String tol = " at seed 111111 (rtol=1e-05, atol=1e-08 absolute)";
        assertEquals(
                List.of(
                        "policy accepts an all-zero answer for mlp-softmax-max/h3_sum" + tol,
                        "policy accepts a negated answer for mlp-softmax-max/h3_sum" + tol,
                        "policy accepts a doubled answer for mlp-softmax-max/h3_sum" + tol,
                        "policy accepts an all-zero answer for mlp-softmax-max/h3" + tol,
                        "policy accepts a negated answer for mlp-softmax-max/h3" + tol,
                        "policy accepts a doubled answer for mlp-softmax-max/h3" + tol,
                        "policy accepts a transposed answer for mlp-softmax-max/h3" + tol),
                PolicyCheck.warnings(allclose).stream()
                        .filter(w -> !ZERO_IN_EXACT_ARITHMETIC.contains(w))
                        .toList());
    }

    @Test
    void looseGradientRuleWarnsOnlyForThatGradient() throws PolicyException {
        Policy p = PolicyLoader.parse(
                "{\"exercises\": {\"relu-neuron\": {\"gradients\": {\"w\": " + "{\"tolerance\": {\"rtol\": 1}}}}}}",
                "policy.json");
        assertEquals(
                List.of(
                        "policy accepts an all-zero answer for relu-neuron/w at seed 111111 (rtol=1.0, atolScale=1e-05)",
                        "policy accepts a doubled answer for relu-neuron/w at seed 111111 (rtol=1.0, atolScale=1e-05)"),
                PolicyCheck.warnings(p).stream()
                        .filter(w -> !ZERO_IN_EXACT_ARITHMETIC.contains(w))
                        .toList());
    }

    @Test
    void deadReluSeedIsFlagged() {
        assertEquals(
                List.of(
                        "seed 42: relu-neuron/pre gradient is all zeros (dead ReLU?): any all-zero answer passes",
                        "seed 42: relu-neuron/x gradient is all zeros (dead ReLU?): any all-zero answer passes",
                        "seed 42: relu-neuron/w gradient is all zeros (dead ReLU?): any all-zero answer passes"),
                PolicyCheck.warnings(Policy.defaults().withSeeds(List.of(DEAD_RELU_SEED))).stream()
                        .filter(w -> w.contains("relu-neuron"))
                        .toList());
    }

    @Test
    void nonFiniteLossSeedIsFlaggedOnceForItsExercise() {
        List<String> warnings = PolicyCheck.warnings(Policy.defaults().withSeeds(List.of(INFINITE_BCE_SEED)));
        assertEquals(
                List.of("seed 1708: bce-logistic loss is Infinity: this seed cannot grade it"),
                warnings.stream().filter(w -> w.contains("bce-logistic")).toList());
    }

    @Test
    void warningsComeExerciseByExerciseThenSeedBySeed() {
        List<String> warnings =
                PolicyCheck.warnings(Policy.defaults().withSeeds(List.of(INFINITE_BCE_SEED, DEAD_RELU_SEED, 111111L)));
        List<String> seeded =
                warnings.stream().filter(w -> w.startsWith("seed ")).toList();
        assertTrue(seeded.get(0).startsWith("seed 1708: bce-logistic"), warnings.toString());
        assertTrue(seeded.get(1).startsWith("seed 42: relu-neuron/pre"), warnings.toString());
    }

    @Test
    void truthsComeFromTheGivenSourceOncePerExerciseAndSeed() {
        int[] calls = {0};
        PolicyCheck.warnings(Policy.defaults().withSeeds(List.of(1L, 2L)), (e, seed) -> {
            calls[0]++;
            return org.backpropgrader.grader.truth.Truth.compute(e, seed);
        });
        assertEquals(2 * Exercises.all().size(), calls[0]);
    }
}
