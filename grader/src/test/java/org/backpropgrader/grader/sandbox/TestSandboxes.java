package org.backpropgrader.grader.sandbox;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The sandboxes tests run children in. Where bubblewrap cannot start, a sandbox test is skipped, unless
 * {@code BACKPROP_SANDBOX_REQUIRED=1} (CI sets it), where it fails instead: on CI a skipped sandbox test would
 * prove nothing.
 */
public final class TestSandboxes {
    public static final boolean REQUIRED = "1".equals(System.getenv("BACKPROP_SANDBOX_REQUIRED"));

    private TestSandboxes() {}

    /** This host's bubblewrap sandbox; the test is skipped (or fails, when required) where it cannot start. */
    public static Sandbox bubblewrap() {
        try {
            return Sandboxes.bubblewrap();
        } catch (SandboxUnavailableException e) {
            if (REQUIRED) {
                fail("BACKPROP_SANDBOX_REQUIRED=1 but " + e.getMessage());
            }
            Assumptions.abort(e.getMessage());
            throw new AssertionError("unreachable");
        }
    }

    /**
     * What the grader runs children in by default: bubblewrap, or no sandbox where it cannot start (unless
     * required), for tests of the runner's behaviour that holds in both.
     */
    public static Sandbox standard() {
        try {
            return Sandboxes.bubblewrap();
        } catch (SandboxUnavailableException e) {
            if (REQUIRED) {
                fail("BACKPROP_SANDBOX_REQUIRED=1 but " + e.getMessage());
            }
            return NoSandbox.INSTANCE;
        }
    }
}
