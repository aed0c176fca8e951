package org.backpropgrader.reference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode automatic differentiation over the graph that tensor ops record.
 *
 * <p>This is deliberately not a {@code backward()} on {@link Tensor}: students compute gradients with tensor
 * ops, the grader computes the truth here. The whole JVM can be started with autograd off
 * ({@code -Dbackprop.autograd=off}, read once): ops then record no graph at all, and asking for gradients
 * throws, so code running under that flag has nothing to reach the truth through.
 *
 * <h2>Note [Bit-exact float32]</h2>
 * Every primitive's backward is written with the engine's own public ops, in the textbook (notebook) order of
 * operands: {@code exp}'s is {@code grad * result}, {@code log}'s is {@code (1 / self) * grad},
 * {@code sigmoid}'s is {@code result * (1 - result) * grad}. A student who writes the same formula runs the
 * same float32 operations in the same order and gets the same bits, which is what lets the grader report
 * {@code EXACT} where the notebook printed {@code exact: True}. Where our order differs from PyTorch's
 * {@code derivatives.yaml} the op's javadoc says so; the difference is at most a rounding, and forward values
 * and gradients are compared with PyTorch's only up to a tolerance.
 *
 * <p>Some backwards run their formula as one loop instead of a chain of ops ({@code relu}, {@code sigmoid}, and
 * {@code matmul} reading a transposed operand in place): the same float32 operations in the same order, so the same
 * bits, without the intermediate tensors; {@code FusedBackwardsTest} and {@code MatMulKernelTest} pin them to the
 * public-op formulas.
 */
public final class Autograd {
    /** The system property that switches autograd off for a whole JVM when set to {@code off}. */
    public static final String PROPERTY = "backprop.autograd";

    private Autograd() {}

    /** Whether this JVM was started with autograd on. */
    public static boolean isEnabled() {
        return GraphRecording.ENABLED;
    }

    /** A scope in which ops record no graph, like {@code torch.no_grad()}. Close it to end the scope. */
    public static NoGrad noGrad() {
        GraphRecording.enterNoGrad();
        return new NoGrad();
    }

    /** Ends a {@link #noGrad()} scope; not reentrant: close each scope once. */
    public static final class NoGrad implements AutoCloseable {
        private boolean closed;

        private NoGrad() {}

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                GraphRecording.exitNoGrad();
            }
        }
    }

    /**
     * The gradient of {@code output} with respect to each of {@code wrt}, leaves and intermediates alike,
     * seeding the backward pass with ones shaped like {@code output} (as {@code loss.backward()} does for a
     * one-element loss). A tensor that {@code output} does not depend on gets zeros.
     */
    public static List<Tensor> gradients(Tensor output, Tensor... wrt) {
        return gradients(output, Tensor.onesLike(output), List.of(wrt));
    }

    /**
     * As {@link #gradients(Tensor, Tensor...)}, seeding the backward pass with {@code gradOutput} (like
     * {@code output.backward(gradOutput)}). The tensors come as a list: a second varargs overload would make every
     * call {@code gradients(loss, x)} ambiguous.
     */
    public static List<Tensor> gradients(Tensor output, Tensor gradOutput, List<Tensor> wrt) {
        if (!GraphRecording.ENABLED) {
            throw new IllegalStateException("autograd is switched off in this JVM (-D" + PROPERTY
                    + "=off): compute every gradient by hand with tensor ops; the grader computes the truth"
                    + " in its own process");
        }
        if (!java.util.Arrays.equals(output.shapeRef(), gradOutput.shapeRef())) {
            throw new ShapeMismatchException(
                    "gradients", output.shapeRef(), gradOutput.shapeRef(), "gradOutput must have the output's shape");
        }
        Map<Tensor, Tensor> grads = backpropagate(output, gradOutput);
        List<Tensor> result = new ArrayList<>(wrt.size());
        for (Tensor t : wrt) {
            Tensor g = grads.get(t);
            result.add(g != null ? g : Tensor.zerosLike(t));
        }
        return Collections.unmodifiableList(result);
    }

    @SuppressWarnings("try") // the NoGrad resource is a scope guard: what it does is enter and leave the scope
    private static Map<Tensor, Tensor> backpropagate(Tensor output, Tensor gradOutput) {
        List<Tensor> order = topologicalOrder(output);
        IdentityHashMap<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(output, gradOutput);
        try (NoGrad scope = noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor grad = grads.get(t);
                Function fn = t.gradFn();
                if (grad == null || fn == null) {
                    continue;
                }
                Tensor[] inputs = fn.inputs();
                Tensor[] inputGrads = fn.backward(grad);
                for (int j = 0; j < inputs.length; j++) {
                    if (inputGrads[j] != null) {
                        accumulate(grads, fn, inputs[j], inputGrads[j]);
                    }
                }
            }
        }
        return grads;
    }

    /** Sums the gradients a tensor receives from its several consumers (the multivariable chain rule). */
    private static void accumulate(Map<Tensor, Tensor> grads, Function fn, Tensor input, Tensor grad) {
        if (!java.util.Arrays.equals(input.shapeRef(), grad.shapeRef())) {
            throw new IllegalStateException("internal error: " + fn.name() + " returned a gradient of shape "
                    + Shapes.format(grad.shapeRef()) + " for an input of shape " + Shapes.format(input.shapeRef()));
        }
        grads.merge(input, grad, Tensor::add);
    }

    /**
     * The graph between named tensors: for each of {@code named} that {@code output} depends on (or is), the named
     * tensors it is computed from directly, looking through unnamed intermediates (broadcasts, reshapes, scalar
     * ops). Tensors off {@code output}'s graph are absent, so a value a student may use but that is not
     * differentiated (makemore's spelled-out values in a fused exercise) consumes nothing. Exercises use it to
     * check each method's upstream parameters against the graph.
     *
     * @return an identity map from each named tensor on the graph to its named inputs, in the order found
     */
    public static Map<Tensor, List<Tensor>> namedInputs(Tensor output, List<Tensor> named) {
        IdentityHashMap<Tensor, Boolean> isNamed = new IdentityHashMap<>();
        named.forEach(t -> isNamed.put(t, Boolean.TRUE));
        IdentityHashMap<Tensor, List<Tensor>> result = new IdentityHashMap<>();
        for (Tensor t : topologicalOrder(output)) {
            if (!isNamed.containsKey(t)) {
                continue;
            }
            List<Tensor> inputs = new ArrayList<>();
            IdentityHashMap<Tensor, Boolean> seen = new IdentityHashMap<>();
            Deque<Tensor> todo = new ArrayDeque<>();
            if (t.gradFn() != null) {
                java.util.Collections.addAll(todo, t.gradFn().inputs());
            }
            while (!todo.isEmpty()) {
                Tensor in = todo.pop();
                if (seen.put(in, Boolean.TRUE) != null) {
                    continue;
                }
                if (isNamed.containsKey(in)) {
                    inputs.add(in);
                } else if (in.gradFn() != null) {
                    java.util.Collections.addAll(todo, in.gradFn().inputs());
                }
            }
            result.put(t, inputs);
        }
        return result;
    }

    /** Every tensor {@code output} depends on, each after all of its inputs; {@code output} is last. */
    private static List<Tensor> topologicalOrder(Tensor output) {
        List<Tensor> order = new ArrayList<>();
        IdentityHashMap<Tensor, Boolean> visited = new IdentityHashMap<>();
        // Iterative post-order DFS: graphs of long chains must not overflow the thread's stack.
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {output, 0});
        visited.put(output, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Tensor[] inputs = t.gradFn() == null ? new Tensor[0] : t.gradFn().inputs();
            if (next < inputs.length) {
                frame[1] = next + 1;
                Tensor in = inputs[next];
                if (visited.put(in, Boolean.TRUE) == null) {
                    stack.push(new Object[] {in, 0});
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
