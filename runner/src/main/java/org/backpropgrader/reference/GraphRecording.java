package org.backpropgrader.reference;

/**
 * The child JVM's stand-in for the engine's {@code GraphRecording}: ops there never record an autograd graph, by
 * code rather than by a flag. The child jar is built with this class in place of the engine's and without
 * {@code Autograd} (see this module's pom), so neither a system property, nor a fresh class loader over the jar, nor
 * {@code Unsafe} writing a {@code static final} field can make the child build a graph or walk one: the only
 * gradients computed there are the student's.
 */
final class GraphRecording {
    static final boolean ENABLED = false;

    private GraphRecording() {}

    static boolean isRecording() {
        return false;
    }

    static void enterNoGrad() {
        // nothing records here
    }

    static void exitNoGrad() {
        // nothing records here
    }
}
