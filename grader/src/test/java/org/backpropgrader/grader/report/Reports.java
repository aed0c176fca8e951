package org.backpropgrader.grader.report;

import static org.backpropgrader.grader.model.Mode.CHAINED;
import static org.backpropgrader.grader.model.Mode.ISOLATED;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Status;

/** Reports built by hand from the model records: what a grading run would produce, without running one. */
final class Reports {
    static final long SEED_A = 111111;
    static final long SEED_B = 222222;
    static final String SHAPE_HINT = "same values, extra singleton dimension: drop keepdim";
    static final String MISSING_MESSAGE = "no class implements L2LinearBackward\nlooked in: submission.jar";
    static final Instant GRADED_AT = Instant.parse("2026-11-26T19:40:58.123Z");

    private Reports() {}

    static Check pass(long seed, Status status, double relerr) {
        return new Check(seed, ISOLATED, status, status == Status.EXACT, true, relerr * 2, relerr, null, null, null);
    }

    /** Full marks: two gradients of one point, weighted to 4 points, exact or close for both seeds in both modes. */
    static ExerciseResult mseLinear() {
        GradientResult diff2 = new GradientResult(
                "diff2",
                Status.EXACT,
                1,
                1,
                null,
                null,
                List.of(
                        pass(SEED_A, Status.EXACT, 0),
                        pass(SEED_B, Status.EXACT, 0),
                        new Check(SEED_A, CHAINED, Status.EXACT, true, true, 0, 0, null, null, null),
                        new Check(SEED_B, CHAINED, Status.EXACT, true, true, 0, 0, null, null, null)));
        GradientResult b = new GradientResult(
                "b",
                Status.CLOSE,
                1,
                1,
                null,
                null,
                List.of(
                        pass(SEED_A, Status.CLOSE, 1e-7),
                        pass(SEED_B, Status.CLOSE, 3.25e-6),
                        new Check(SEED_A, CHAINED, Status.CLOSE, false, true, 1e-7, 1e-7, null, null, null),
                        new Check(SEED_B, CHAINED, Status.CLOSE, false, true, 1e-7, 1e-7, null, null, null)));
        return new ExerciseResult(
                "mse-linear", "linear regression, mean squared error", Status.CLOSE, null, 4, 4, List.of(diff2, b));
    }

    /**
     * One WRONG (sign flipped, second seed), one SHAPE (NaN maxdiff), one close in isolation but wrong when chained;
     * 3 gradient points weighted to 6, 1 earned: score 2.
     */
    static ExerciseResult bceLogistic() {
        GradientResult z = new GradientResult(
                "z",
                Status.WRONG,
                0,
                1,
                "sign flipped",
                "sign",
                List.of(
                        pass(SEED_A, Status.CLOSE, 1e-6),
                        new Check(
                                SEED_B,
                                ISOLATED,
                                Status.WRONG,
                                false,
                                false,
                                0.0123,
                                2.0,
                                "sign flipped",
                                "sign",
                                "Mismatched elements: 3 / 100 (3.0%)"),
                        new Check(
                                SEED_A, CHAINED, Status.WRONG, false, false, 0.0456, 2.0, "sign flipped", "sign", null),
                        new Check(
                                SEED_B,
                                CHAINED,
                                Status.WRONG,
                                false,
                                false,
                                0.0123,
                                2.0,
                                "sign flipped",
                                "sign",
                                null)));
        GradientResult b = new GradientResult(
                "b",
                Status.SHAPE,
                0,
                1,
                SHAPE_HINT,
                "keepdim",
                List.of(
                        new Check(
                                SEED_A,
                                ISOLATED,
                                Status.SHAPE,
                                false,
                                false,
                                Double.NaN,
                                Double.NaN,
                                SHAPE_HINT,
                                "keepdim",
                                "shape [1, 1] != expected [1]"),
                        new Check(
                                SEED_B,
                                ISOLATED,
                                Status.SHAPE,
                                false,
                                false,
                                Double.NaN,
                                Double.NaN,
                                SHAPE_HINT,
                                "keepdim",
                                "shape [1, 1] != expected [1]")));
        GradientResult w = new GradientResult(
                "w",
                Status.CLOSE,
                1,
                1,
                null,
                null,
                List.of(
                        pass(SEED_A, Status.CLOSE, 2e-6),
                        pass(SEED_B, Status.CLOSE, 4e-6),
                        new Check(SEED_A, CHAINED, Status.WRONG, false, false, 0.5, 0.25, null, "other", null)));
        return new ExerciseResult(
                "bce-logistic",
                "logistic regression, binary cross-entropy",
                Status.WRONG,
                null,
                2,
                6,
                List.of(z, b, w));
    }

    /** No class: no gradients, five points lost. */
    static ExerciseResult l2Linear() {
        return new ExerciseResult(
                "l2-linear", "linear layer, L2 loss", Status.MISSING, MISSING_MESSAGE, 0, 5, List.of());
    }

    /** Given out of notebook order (bce-logistic, mse-linear, l2-linear), which {@code of} puts right; 6 of 15. */
    static GradeReport report() {
        return GradeReport.of(
                "alice",
                Map.of("seeds", List.of(SEED_A, SEED_B), "rtol", 1e-5),
                List.of("seed 222222: loss is not finite"),
                List.of(bceLogistic(), mseLinear(), l2Linear()),
                GRADED_AT,
                Duration.ofMillis(2600));
    }

    /** The same report built by its constructor, exercises left out of notebook order: outputs must reorder them. */
    static GradeReport unordered() {
        GradeReport r = report();
        return new GradeReport(
                r.submission(),
                r.score(),
                r.maxScore(),
                r.policy(),
                r.grader(),
                r.warnings(),
                List.of(bceLogistic(), mseLinear(), l2Linear()),
                r.gradedAt(),
                r.executionTimeSeconds(),
                "",
                null);
    }
}
