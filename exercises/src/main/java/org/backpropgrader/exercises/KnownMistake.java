package org.backpropgrader.exercises;

import java.util.Objects;
import org.backpropgrader.reference.Tensor;

/**
 * A classic wrong answer of one gradient, declared with the exercise: how to compute it from the forward values and
 * the upstream gradients the method was given, and the hint that names it. When a student's answer is not close to
 * the truth but is close to this, the grader says so in these words (e.g. "dC assigned instead of accumulated").
 *
 * @param hint what the mistake is and how to fix it, for the student
 * @param answer the wrong answer, computed as a student who makes the mistake would
 */
public record KnownMistake<F>(String hint, Answer<F> answer) {
    public KnownMistake {
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(answer, "answer");
    }

    /** Computes the wrong answer from the forward record and the upstream gradients, in parameter order. */
    @FunctionalInterface
    public interface Answer<F> {
        Tensor apply(F forward, Tensor[] upstream);
    }
}
