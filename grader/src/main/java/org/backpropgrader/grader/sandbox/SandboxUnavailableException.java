package org.backpropgrader.grader.sandbox;

/** The OS sandbox cannot start on this host; the message says why, what to install, and the opt-out. */
public final class SandboxUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public SandboxUnavailableException(String message) {
        super(message);
    }
}
