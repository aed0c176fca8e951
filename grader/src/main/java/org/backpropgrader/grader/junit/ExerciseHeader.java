package org.backpropgrader.grader.junit;

import org.backpropgrader.grader.model.Status;

/**
 * What an exercise container reports about itself: why it could not run ({@code status} MISSING or ERROR and the
 * message), or nulls when it ran. Its gradients report their own results; title and weight come from the plan.
 */
record ExerciseHeader(String id, Status status, String message) {
    static final String ENTRY = "exercise";
}
