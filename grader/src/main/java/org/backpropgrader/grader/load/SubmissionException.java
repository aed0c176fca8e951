package org.backpropgrader.grader.load;

/**
 * The submission cannot be read at all: the path is missing or unreadable, it is not a directory, jar, zip or
 * {@code .java} file, or it is a corrupt or unsafe zip. The message names the file and what is wrong, in words a
 * student can act on. Compile errors are not this: they are diagnostics of a {@link LoadedSubmission}.
 */
public final class SubmissionException extends Exception {
    private static final long serialVersionUID = 1L;

    public SubmissionException(String message) {
        super(message);
    }

    public SubmissionException(String message, Throwable cause) {
        super(message, cause);
    }
}
