package org.backpropgrader.grader.run;

import org.backpropgrader.grader.model.Status;

/** A runner could not start a session; the status and message become every affected gradient's result. */
public final class RunnerException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Status status;

    public RunnerException(Status status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public Status status() {
        return status;
    }
}
