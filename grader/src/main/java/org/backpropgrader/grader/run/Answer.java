package org.backpropgrader.grader.run;

import org.backpropgrader.grader.model.Status;
import org.backpropgrader.reference.Tensor;

/** What one call of a student's {@code …Backward} method came to. */
public sealed interface Answer {
    /** The method returned a tensor. */
    record Returned(Tensor value) implements Answer {}

    /**
     * The method gave no tensor: {@link Status#NOT_IMPLEMENTED}, {@link Status#ERROR} (it threw, returned null, or
     * the code running it failed) or {@link Status#TIMEOUT}.
     */
    record Failed(Status status, String message) implements Answer {}
}
