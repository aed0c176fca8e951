package org.backpropgrader.exercises;

import java.util.List;
import org.backpropgrader.reference.Tensor;

/**
 * One checked gradient: the tensor it differentiates, the {@code …Backward} method that computes it, and the
 * gradients that method receives as upstream parameters (the consumers of that tensor; {@code loss} stands for
 * the ones that seed the backward pass).
 *
 * @param name the notebook's name of the differentiated tensor, which is also the method's name
 * @param upstream the names of the tensors whose gradients are passed, in parameter order
 * @param tensor reads the differentiated tensor from the forward record
 * @param step calls the student's method
 * @param points what a correct gradient earns by default
 * @param tolerance the default tolerance for this gradient
 */
public record Gradient<F, B>(String name, List<String> upstream, java.util.function.Function<F, Tensor> tensor,
        Step<F, B> step, double points, Tolerance tolerance) {

    public Gradient {
        upstream = List.copyOf(upstream);
    }

    /** A gradient worth one point at the default tolerance. */
    public static <F, B> Gradient<F, B> of(String name, java.util.function.Function<F, Tensor> tensor,
            Step<F, B> step, String... upstream) {
        return new Gradient<>(name, List.of(upstream), tensor, step, 1.0, Tolerance.DEFAULT);
    }

    /** The parameter names of the method, e.g. {@code dpositive_probs, dnegative_probs}. */
    public List<String> upstreamParameters() {
        return upstream.stream().map(u -> "d" + u).toList();
    }

    /** Calls one {@code …Backward} method with the forward record and its upstream gradients. */
    @FunctionalInterface
    public interface Step<F, B> {
        Tensor apply(B backward, F forward, Tensor[] upstream);
    }
}
