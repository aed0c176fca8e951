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
 * @param given the true gradients handed to methods as upstream although not checked
 *     ({@link Exercise#givenUpstream()}, e.g. {@code hpreact} in {@code makemore-batchnorm}), keyed by name
 */
public record Truth(
        Exercise<?, ?> exercise,
        long seed,
        Record forward,
        Tensor output,
        Map<String, Tensor> gradients,
        Map<String, Tensor> given) {

    public Truth {
        gradients = Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
        given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
    }

    /** Runs the forward pass for {@code seed} and differentiates the output with respect to every checked tensor. */
    public static <F extends Record, B> Truth compute(Exercise<F, B> exercise, long seed) {
        F forward = exercise.forward(seed);
        List<Gradient<F, B>> checked = exercise.gradients();
        List<String> givenNames = exercise.givenUpstream();
        Map<String, Tensor> named = exercise.tensors(forward);
        Tensor[] wrt = new Tensor[checked.size() + givenNames.size()];
        for (int i = 0; i < checked.size(); i++) {
            wrt[i] = checked.get(i).tensor().apply(forward);
        }
        for (int i = 0; i < givenNames.size(); i++) {
            wrt[checked.size() + i] = named.get(givenNames.get(i));
        }
        Tensor output = exercise.output(forward);
        List<Tensor> grads = Autograd.gradients(output, wrt);
        Map<String, Tensor> byName = new LinkedHashMap<>();
        for (int i = 0; i < checked.size(); i++) {
            byName.put(checked.get(i).name(), grads.get(i));
        }
        Map<String, Tensor> given = new LinkedHashMap<>();
        for (int i = 0; i < givenNames.size(); i++) {
            given.put(givenNames.get(i), grads.get(checked.size() + i));
        }
        return new Truth(exercise, seed, forward, output, byName, given);
    }

    /**
     * The true gradient of the tensor named {@code name}, checked or given as upstream; the output's own gradient is
     * ones.
     */
    public Tensor gradient(String name) {
        if (name.equals(exercise.outputName())) {
            return Tensor.onesLike(output);
        }
        Tensor g = gradients.containsKey(name) ? gradients.get(name) : given.get(name);
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
