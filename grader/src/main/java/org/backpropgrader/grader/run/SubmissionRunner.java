package org.backpropgrader.grader.run;

import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.truth.Truth;

/**
 * Runs a submission's code. The in-process runner serves the student's self-check (fast, trusts the code); a
 * child-JVM runner isolates untrusted code for grading. Either way the truth stays in the grader: a runner only
 * ever receives the upstream gradients a method is called with.
 */
public interface SubmissionRunner extends AutoCloseable {
    /**
     * A fresh instance of {@code implementationClass} working on {@code truth}'s exercise and seed.
     *
     * @throws RunnerException when the class cannot be loaded or instantiated; every gradient of this exercise
     *     and seed then gets that reason
     */
    ExerciseSession open(Truth truth, String implementationClass) throws RunnerException;

    /**
     * As {@link #open(Truth, String)}, for a lane of {@code mode}, which a runner may name in its messages ("child
     * exited with code 3 during mse-linear/diff (seed 7, isolated)").
     */
    default ExerciseSession open(Truth truth, String implementationClass, Mode mode) throws RunnerException {
        return open(truth, implementationClass);
    }

    /**
     * What the student's code printed to standard output and error, capped by the policy's {@code outputCapBytes}
     * (a runner that does not capture it, like the in-process one, where the student sees it directly, returns "").
     */
    default String capturedOutput() {
        return "";
    }

    @Override
    void close();
}
