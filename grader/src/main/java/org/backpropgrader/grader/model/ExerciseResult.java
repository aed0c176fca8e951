package org.backpropgrader.grader.model;

import java.util.List;

/**
 * One exercise of one submission.
 *
 * @param status {@link Status#MISSING} with no implementing class, {@link Status#ERROR} when the exercise could
 *     not run at all (two implementing classes, compile error, crash before any gradient), else the worst
 *     gradient status
 * @param message why, for MISSING and ERROR; else null
 * @param score weighted points earned
 * @param maxScore weighted points possible
 */
public record ExerciseResult(
        String id,
        String title,
        Status status,
        String message,
        double score,
        double maxScore,
        List<GradientResult> gradients) {

    public ExerciseResult {
        gradients = List.copyOf(gradients);
    }
}
