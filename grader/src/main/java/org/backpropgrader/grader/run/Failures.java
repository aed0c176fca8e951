package org.backpropgrader.grader.run;

import org.backpropgrader.grader.model.Status;
import org.backpropgrader.runner.StudentFailures;

/** Turns what a student's method threw into an {@link Answer.Failed} with a message a student can act on. */
public final class Failures {
    private Failures() {}

    public static Answer.Failed of(Throwable t) {
        if (t instanceof UnsupportedOperationException) {
            return new Answer.Failed(
                    Status.NOT_IMPLEMENTED, t.getMessage() == null ? "not implemented" : t.getMessage());
        }
        return new Answer.Failed(Status.ERROR, describe(t));
    }

    /** {@code threw java.lang.ArithmeticException: / by zero (at Foo.java:12)}, the first frame outside the JDK. */
    public static String describe(Throwable t) {
        return StudentFailures.describe(t);
    }
}
