package org.backpropgrader.grader.sandbox;

import java.util.List;

/** The sandboxes {@code --sandbox} names. The host's bubblewrap is probed once per process. */
public final class Sandboxes {
    /** The default: every child JVM in bubblewrap. */
    public static final String BUBBLEWRAP = "bubblewrap";
    /** The opt-out: child JVMs as the grader's own user. */
    public static final String NONE = "none";

    public static final List<String> NAMES = List.of(BUBBLEWRAP, NONE);

    private static BubblewrapSandbox bubblewrap;
    /** Why the probe failed, once it has: each caller gets its own exception with this message. */
    private static String unavailable;

    private Sandboxes() {}

    /** The sandbox called {@code name}; IllegalArgumentException for an unknown name. */
    public static Sandbox named(String name) throws SandboxUnavailableException {
        return switch (name) {
            case BUBBLEWRAP -> bubblewrap();
            case NONE -> NoSandbox.INSTANCE;
            default ->
                throw new IllegalArgumentException(
                        "unknown sandbox '" + name + "'; expected one of " + String.join(", ", NAMES));
        };
    }

    /** This host's bubblewrap sandbox, probed on first use. */
    public static synchronized BubblewrapSandbox bubblewrap() throws SandboxUnavailableException {
        if (bubblewrap == null && unavailable == null) {
            try {
                bubblewrap = BubblewrapSandbox.probe();
            } catch (SandboxUnavailableException e) {
                unavailable = String.valueOf(e.getMessage());
            }
        }
        if (unavailable != null) {
            throw new SandboxUnavailableException(unavailable);
        }
        return bubblewrap;
    }
}
