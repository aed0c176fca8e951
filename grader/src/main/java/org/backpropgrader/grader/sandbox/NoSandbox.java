package org.backpropgrader.grader.sandbox;

import java.nio.file.Path;
import java.util.List;
import org.backpropgrader.grader.policy.Policy;

/**
 * {@code --sandbox none}: the child JVM runs as the grader's own user, with the grader's view of the machine. Its
 * heap, stack, time and output are still capped, and the load-time API check still applies, but nothing stops
 * native code or a process it starts; so every report says so.
 */
public final class NoSandbox implements Sandbox {
    public static final NoSandbox INSTANCE = new NoSandbox();

    static final String WARNING = "unsandboxed (--sandbox none): student code ran as the grader's own user, with"
            + " no OS sandbox around its child JVM";

    private NoSandbox() {}

    @Override
    public String name() {
        return "none";
    }

    @Override
    public Path childWorkDir(Path scratch) {
        return scratch;
    }

    /** An unconfined child writes wherever its user may. */
    @Override
    public boolean keepsReadOnlyPathsReadOnly() {
        return false;
    }

    @Override
    public Confinement confine(List<String> command, Path scratch, List<Path> readOnly, Policy.Limits limits) {
        List<String> copy = List.copyOf(command);
        return new Confinement() {
            @Override
            public List<String> command() {
                return copy;
            }

            @Override
            public String deathCause() {
                return null;
            }

            @Override
            public void close() {
                // nothing was made
            }
        };
    }

    @Override
    public List<String> warnings(Policy.Limits limits) {
        return List.of(WARNING);
    }
}
