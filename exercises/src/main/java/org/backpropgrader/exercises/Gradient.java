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
 * @param floorScaleOf null for an ordinary gradient; for one that is exactly zero in exact arithmetic (its true
 *     value is rounding noise), the name of the tensor whose true gradient's magnitude scales the absolute floor
 *     instead of the noise's own (see {@link #zeroInExactArithmetic})
 * @param mistakes classic wrong answers that a hint names ({@link #withMistake})
 */
public record Gradient<F, B>(
        String name,
        List<String> upstream,
        java.util.function.Function<F, Tensor> tensor,
        Step<F, B> step,
        double points,
        Tolerance tolerance,
        String floorScaleOf,
        List<KnownMistake<F>> mistakes) {

    public Gradient {
        upstream = List.copyOf(upstream);
        mistakes = List.copyOf(mistakes);
    }

    /** A gradient worth one point at the default tolerance. */
    public static <F, B> Gradient<F, B> of(
            String name, java.util.function.Function<F, Tensor> tensor, Step<F, B> step, String... upstream) {
        return new Gradient<>(name, List.of(upstream), tensor, step, 1.0, Tolerance.DEFAULT, null, List.of());
    }

    /**
     * This gradient, marked as exactly zero in exact arithmetic ({@code b1} under batchnorm, {@code logit_maxes}
     * under the shift-invariant softmax): autograd's value is cancellation noise of the sum that computes it, and a
     * correct formula summed in another order differs by about as much. Its absolute floor is therefore scaled by
     * the magnitude of the true gradient of {@code scaleOf}, the tensor it is summed from (its upstream), not by
     * the noise's own magnitude.
     */
    public Gradient<F, B> zeroInExactArithmetic(String scaleOf) {
        return new Gradient<>(
                name,
                upstream,
                tensor,
                step,
                points,
                tolerance,
                java.util.Objects.requireNonNull(scaleOf, "scaleOf"),
                mistakes);
    }

    /** This gradient with one more classic wrong answer whose hint names it. */
    public Gradient<F, B> withMistake(String hint, KnownMistake.Answer<F> answer) {
        List<KnownMistake<F>> more = new java.util.ArrayList<>(mistakes);
        more.add(new KnownMistake<>(hint, answer));
        return new Gradient<>(name, upstream, tensor, step, points, tolerance, floorScaleOf, more);
    }

    /** Whether this gradient is exactly zero in exact arithmetic ({@link #zeroInExactArithmetic}). */
    public boolean isZeroInExactArithmetic() {
        return floorScaleOf != null;
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
