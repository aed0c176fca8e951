package org.backpropgrader.reference;

/**
 * Whether ops record the autograd graph: the JVM-wide switch ({@value Autograd#PROPERTY}, read once) and the
 * per-thread {@link Autograd#noGrad()} depth. It lives apart from {@link Autograd} so that the child JVM that runs
 * untrusted code can carry the engine without {@code Autograd}: its jar holds no code that walks a graph and
 * computes a gradient, whatever the student's code does to system properties or class loaders.
 */
final class GraphRecording {
    static final boolean ENABLED = !"off".equalsIgnoreCase(System.getProperty(Autograd.PROPERTY, "on"));

    /**
     * Depth of nested no-grad scopes on this thread; backward passes run inside one. A subclass, not {@code
     * withInitial(lambda)}: the child JVM links no lambda at all (see runner's BackwardMethods).
     */
    private static final ThreadLocal<int[]> NO_GRAD_DEPTH = new ThreadLocal<>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    private GraphRecording() {}

    /** Whether ops on this thread record the graph now. */
    static boolean isRecording() {
        return ENABLED && NO_GRAD_DEPTH.get()[0] == 0;
    }

    static void enterNoGrad() {
        NO_GRAD_DEPTH.get()[0]++;
    }

    static void exitNoGrad() {
        NO_GRAD_DEPTH.get()[0]--;
    }
}
