package org.backpropgrader.grader.cli;

/** A command cannot go on; its message is the one line the user sees, and its exit code says why. */
final class CommandException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    CommandException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CommandException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static CommandException usage(String message) {
        return new CommandException(ExitCode.USAGE, message);
    }

    ExitCode exitCode() {
        return exitCode;
    }
}
