package org.backpropgrader.grader.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.grader.compare.Comparison;
import org.backpropgrader.grader.compare.GradientComparator;
import org.backpropgrader.grader.compare.Numbers;
import org.backpropgrader.grader.model.Seeds;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Tensor;

/**
 * The grader checks its own policy (DESIGN.md): for every exercise, seed and gradient it grades the classic wrong
 * answers (all zeros, negated, doubled, transposed where that keeps the shape) against the truth and warns where
 * the policy would accept one; and it flags seeds that cannot tell right from wrong: a non-finite loss, a true
 * gradient that is all zeros or not finite. Gradients that are zero in exact arithmetic
 * ({@link Gradient#isZeroInExactArithmetic()}) accept every classic wrong answer by design (their truth is noise,
 * and so are those answers): the check names each of them once instead.
 */
public final class PolicyCheck {
    private PolicyCheck() {}

    /** The warnings for {@code policy}, exercise by exercise in catalog order, then seed by seed; empty if none. */
    public static List<String> warnings(Policy policy) {
        Map<String, Truth> cache = new LinkedHashMap<>();
        return warnings(policy, (e, seed) -> cache.computeIfAbsent(e.id() + "@" + seed, k -> Truth.compute(e, seed)));
    }

    /** As {@link #warnings(Policy)}, taking the truths from {@code truths} (a grader's cache). */
    public static List<String> warnings(Policy policy, BiFunction<Exercise<?, ?>, Long, Truth> truths) {
        List<String> warnings = new ArrayList<>();
        for (Exercise<?, ?> e : policy.selected()) {
            for (Gradient<?, ?> g : e.gradients()) {
                if (g.isZeroInExactArithmetic()) {
                    warnings.add(e.id() + "/" + g.name() + " is zero in exact arithmetic (its true gradient is"
                            + " rounding noise): any answer within the floor scaled by d" + g.floorScaleOf()
                            + " passes, all zeros included");
                }
            }
            for (long seed : policy.seeds()) {
                check(policy, e, seed, truths.apply(e, seed), warnings);
            }
        }
        return warnings;
    }

    private static void check(Policy policy, Exercise<?, ?> e, long seed, Truth truth, List<String> warnings) {
        for (float v : truth.output().toFloatArray()) {
            if (!Float.isFinite(v)) {
                warnings.add("seed " + Seeds.toString(seed) + ": " + e.id() + " " + e.outputName() + " is " + v
                        + ": this seed cannot grade it");
                return;
            }
        }
        for (Gradient<?, ?> g : e.gradients()) {
            if (g.isZeroInExactArithmetic()) {
                continue;
            }
            String name = e.id() + "/" + g.name();
            Tensor t = truth.gradient(g.name());
            float[] values = t.toFloatArray();
            int nonFinite = 0;
            boolean allZero = true;
            for (float v : values) {
                nonFinite += Float.isFinite(v) ? 0 : 1;
                allZero &= v == 0;
            }
            if (nonFinite > 0) {
                warnings.add("seed " + Seeds.toString(seed) + ": " + name + " true gradient has " + nonFinite
                        + " non-finite value"
                        + (nonFinite == 1 ? "" : "s") + ": this seed cannot grade it");
                continue;
            }
            if (allZero) {
                warnings.add("seed " + Seeds.toString(seed) + ": " + name
                        + " gradient is all zeros (dead ReLU?): any all-zero answer passes");
                continue;
            }
            Tolerance tol = policy.toleranceFor(e, g);
            tryClassic("an all-zero answer", Tensor.zerosLike(t), t, tol, policy, name, seed, warnings);
            tryClassic("a negated answer", t.neg(), t, tol, policy, name, seed, warnings);
            tryClassic("a doubled answer", t.mul(2), t, tol, policy, name, seed, warnings);
            if (t.dim() == 2 && t.size(0) == t.size(1)) {
                tryClassic("a transposed answer", t.T(), t, tol, policy, name, seed, warnings);
            }
        }
    }

    private static void tryClassic(
            String what,
            Tensor answer,
            Tensor truth,
            Tolerance tol,
            Policy policy,
            String name,
            long seed,
            List<String> warnings) {
        Comparison c = GradientComparator.compare(answer, truth, tol, policy.shapes());
        // An answer equal to the truth (negating zeros, transposing a symmetric gradient) is not a wrong answer.
        if (c.close() && !c.exact()) {
            warnings.add("policy accepts " + what + " for " + name + " at seed " + Seeds.toString(seed) + " ("
                    + Numbers.describe(tol) + ")");
        }
    }
}
