package org.backpropgrader.grader.cli;

/** The process exit codes, from BSD's sysexits.h as jlox uses them. */
public enum ExitCode {
    /** Graded (whatever the score), or a command that did what it was asked. */
    OK(0),
    /**
     * {@code check} only: some gradient is short of full points, as a test runner fails ({@code grade} and
     * {@code batch} exit 0 whatever the score).
     */
    NOT_FULL_MARKS(1),
    /** The command line was wrong: unknown command or option, bad value. */
    USAGE(64),
    /** The input could not be used: an unloadable submission, a bad policy file. */
    DATA(65),
    /** A service the command needs is missing here: the OS sandbox cannot start (bubblewrap, user namespaces). */
    UNAVAILABLE(69),
    /** A bug in the grader. */
    INTERNAL(70);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
