package org.backpropgrader.grader.batch;

/** A batch cannot start or cannot save its results; the message is one line the instructor can act on. */
public final class BatchException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why, so that the command line can choose its exit code. */
    public enum Kind {
        /** The output directory holds results and {@code --resume} was not given: nothing is overwritten. */
        EXISTING_RESULTS,
        /** The submissions directory is missing or unreadable. */
        UNREADABLE_SUBMISSIONS,
        /** A result, the gradebook or the summary could not be written. */
        OUTPUT
    }

    private final Kind kind;

    public BatchException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
