package org.backpropgrader.exercises;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpropgrader.reference.Tensor;

/**
 * One notebook cell made gradable: a seeded forward graph with the notebook's names, the {@code …Backward}
 * interface students implement, and the gradients it checks in the notebook's order.
 *
 * @param <F> the {@code …Forward} record: one component per named tensor, leaves first, in forward order
 * @param <B> the {@code …Backward} interface: one method per checked gradient
 */
public interface Exercise<F extends Record, B> {
    /** The stable id used on the command line and in reports, e.g. {@code mse-linear}. */
    String id();

    /** A one-line description for people. */
    String title();

    /** The interface a submission implements for this exercise. */
    Class<B> backwardType();

    /** The forward record's class, e.g. {@code MseLinearForward.class}. */
    Class<F> forwardType();

    /**
     * The forward pass on inputs drawn as the notebook draws them after
     * {@code torch.Generator().manual_seed(seed)}, including draws of earlier cells whose generator the notebook
     * continues.
     */
    F forward(long seed);

    /** The name of the tensor that is differentiated: {@code loss}, or {@code pred} in {@code l2-linear}. */
    default String outputName() {
        return "loss";
    }

    /**
     * The batch size N of the forward pass, which lets a hint name a forgotten or extra {@code 1/N} of a mean.
     * Declared, not guessed from a tensor: the first leaf is not always the batch ({@code C} in makemore is the
     * embedding table).
     */
    int batchSize();

    /** The gradients this exercise checks, from the loss backwards, in the notebook's order. */
    List<Gradient<F, B>> gradients();

    /** The tensor named {@link #outputName()} in {@code forward}. */
    default Tensor output(F forward) {
        return tensors(forward).get(outputName());
    }

    /**
     * The tensors whose true gradients are handed to a method as upstream although this exercise does not check
     * them ({@code hpreact} in {@code makemore-batchnorm}, whose {@code hprebn(f, dhpreact)} is given the true
     * {@code dhpreact}): in order of first use, without the output.
     */
    default List<String> givenUpstream() {
        java.util.Set<String> checked = new java.util.HashSet<>();
        gradients().forEach(g -> checked.add(g.name()));
        java.util.LinkedHashSet<String> given = new java.util.LinkedHashSet<>();
        for (Gradient<F, B> g : gradients()) {
            for (String u : g.upstream()) {
                if (!checked.contains(u) && !u.equals(outputName())) {
                    given.add(u);
                }
            }
        }
        return List.copyOf(given);
    }

    /** Every named tensor of a forward record, in component order (leaves first), keyed by the notebook's name. */
    default Map<String, Tensor> tensors(F forward) {
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (RecordComponent c : forward.getClass().getRecordComponents()) {
            try {
                named.put(c.getName(), (Tensor) c.getAccessor().invoke(forward));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + forward.getClass(), e);
            }
        }
        return Collections.unmodifiableMap(named);
    }

    /** The gradient named {@code name}. */
    default Gradient<F, B> gradient(String name) {
        for (Gradient<F, B> g : gradients()) {
            if (g.name().equals(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException(id() + " has no gradient named '" + name + "'");
    }
}
