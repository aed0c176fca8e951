package org.backpropgrader.grader.truth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.reference.Autograd;
import org.backpropgrader.reference.Tensor;

/**
 * The answer key for one exercise and seed: the forward values and autograd's gradient of every checked tensor.
 * Computed only in the grader's own process (DESIGN.md "Trust boundary").
 *
 * @param forward the exercise's {@code …Forward} record
 * @param output the differentiated tensor ({@code loss}, or {@code pred})
 * @param gradients the true gradient of every checked tensor, in the exercise's order, keyed by name
 */
public record Truth(Exercise<?, ?> exercise, long seed, Record forward, Tensor output, Map<String, Tensor> gradients) {

    public Truth {
        gradients = Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
    }

    /** Runs the forward pass for {@code seed} and differentiates the output with respect to every checked tensor. */
    public static <F extends Record, B> Truth compute(Exercise<F, B> exercise, long seed) {
        F forward = exercise.forward(seed);
        List<Gradient<F, B>> checked = exercise.gradients();
        Tensor[] wrt = new Tensor[checked.size()];
        for (int i = 0; i < wrt.length; i++) {
            wrt[i] = checked.get(i).tensor().apply(forward);
        }
        Tensor output = exercise.output(forward);
        List<Tensor> grads = Autograd.gradients(output, wrt);
        Map<String, Tensor> byName = new LinkedHashMap<>();
        for (int i = 0; i < wrt.length; i++) {
            byName.put(checked.get(i).name(), grads.get(i));
        }
        return new Truth(exercise, seed, forward, output, byName);
    }

    /** The true gradient of the tensor named {@code name}; the output's own gradient is ones. */
    public Tensor gradient(String name) {
        if (name.equals(exercise.outputName())) {
            return Tensor.onesLike(output);
        }
        Tensor g = gradients.get(name);
        if (g == null) {
            throw new IllegalArgumentException(exercise.id() + " checks no gradient named '" + name + "'");
        }
        return g;
    }

    /** Every named tensor of the forward pass, leaves first. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Map<String, Tensor> tensors() {
        return ((Exercise) exercise).tensors(forward);
    }
}
