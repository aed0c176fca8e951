package org.backpropgrader.grader.junit;

import org.backpropgrader.grader.model.Status;

/** What an exercise container reports about itself; its gradients report their own results. */
record ExerciseHeader(String id, String title, double weight, Status status, String message) {
    static final String ENTRY = "exercise";
}
