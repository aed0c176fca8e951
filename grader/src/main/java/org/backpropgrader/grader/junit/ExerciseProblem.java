package org.backpropgrader.grader.junit;

import org.opentest4j.AssertionFailedError;

/**
 * An exercise or a submission that could not run at all (missing, ambiguous, does not compile), as a container
 * failure.
 */
final class ExerciseProblem extends AssertionFailedError {
    private static final long serialVersionUID = 1L;

    ExerciseProblem(String message) {
        super(message);
    }
}
