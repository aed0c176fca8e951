package org.backpropgrader.grader.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.backpropgrader.grader.policy.Policy;

/**
 * How a child JVM that runs student code is confined (DESIGN.md "Trust boundary"): {@link BubblewrapSandbox} on
 * Linux, {@link NoSandbox} when an instructor opts out. The child JVM's command is built as for an unconfined run;
 * the sandbox wraps it and exposes the host paths it names at the same paths inside, read-only.
 */
public interface Sandbox {
    /** {@code --sandbox} as the command line spells it. */
    String name();

    /** The directory the child runs in and uses as its temp directory, given the scratch directory made for it. */
    Path childWorkDir(Path scratch);

    /**
     * Whether the child can neither change nor delete what {@link #confine} exposes read-only. Then a child is handed
     * the submission's classes where the loader wrote them; otherwise it gets a copy of its own, so that one child
     * cannot change the classes the next is started with.
     */
    boolean keepsReadOnlyPathsReadOnly();

    /**
     * Wraps {@code command} so that it runs confined.
     *
     * @param command the child JVM's command line
     * @param scratch the child's scratch directory on the host (the unconfined child's working directory)
     * @param readOnly host paths the child must read (the child jar's directory, the submission's classes), exposed
     *     read-only at the same paths
     * @param limits the policy's limits, the sandbox's among them
     */
    Confinement confine(List<String> command, Path scratch, List<Path> readOnly, Policy.Limits limits)
            throws IOException;

    /**
     * What every report graded under this sandbox must say about it: that nothing confined the student's code, or
     * which limits this host could not enforce. Empty when everything holds.
     */
    List<String> warnings(Policy.Limits limits);

    /** One child's confinement: the command to start, and what is left to clean up after it. */
    interface Confinement extends AutoCloseable {
        List<String> command();

        /**
         * Why the child died, where the sandbox knows better than the exit code ("it exceeded the memory limit of
         * 512 MB"); null when it does not.
         */
        String deathCause();

        /** Kills whatever is left of the child and frees what the sandbox made for it. */
        @Override
        void close();
    }
}
