package org.backpropgrader.grader.junit;

import org.backpropgrader.grader.model.GradientResult;
import org.opentest4j.AssertionFailedError;

/** A gradient that earned no points, as a test failure an IDE shows: status, hint and the first check's detail. */
final class GradientCheckFailure extends AssertionFailedError {
    private static final long serialVersionUID = 1L;

    GradientCheckFailure(GradientResult result) {
        super(describe(result));
        setStackTrace(new StackTraceElement[0]); // the grader's frames say nothing about the student's code
    }

    private static String describe(GradientResult r) {
        StringBuilder s = new StringBuilder(r.name()).append(": ").append(r.status());
        if (r.hint() != null) {
            s.append(" (hint: ").append(r.hint()).append(')');
        }
        r.checks().stream()
                .filter(c -> !c.status().earnsPoints() && c.message() != null)
                .findFirst()
                .ifPresent(c -> s.append("\nseed ")
                        .append(c.seed())
                        .append(", ")
                        .append(c.mode().label())
                        .append(": ")
                        .append(c.message()));
        return s.toString();
    }
}
