package org.backpropgrader.exercises;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.backpropgrader.exercises.bcelogistic.BceLogistic;
import org.backpropgrader.exercises.l2linear.L2Linear;
import org.backpropgrader.exercises.makemorebatchnorm.MakemoreBatchnorm;
import org.backpropgrader.exercises.makemorecrossentropy.MakemoreCrossEntropy;
import org.backpropgrader.exercises.makemoremanual.MakemoreManual;
import org.backpropgrader.exercises.mlpsoftmaxmax.MlpSoftmaxMax;
import org.backpropgrader.exercises.mselinear.MseLinear;
import org.backpropgrader.exercises.reluneuron.ReluNeuron;

/**
 * The catalog: every exercise, the notebook's five in its order, then the makemore three. A new exercise is its own
 * package plus one line here (README "Adding an exercise").
 */
public final class Exercises {
    private static final List<Exercise<?, ?>> ALL = List.of(
            new MseLinear(),
            new BceLogistic(),
            new ReluNeuron(),
            new MlpSoftmaxMax(),
            new L2Linear(),
            new MakemoreManual(),
            new MakemoreCrossEntropy(),
            new MakemoreBatchnorm());

    private static final Map<String, Exercise<?, ?>> BY_ID = byId();

    private Exercises() {}

    public static List<Exercise<?, ?>> all() {
        return ALL;
    }

    public static Optional<Exercise<?, ?>> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The ids, in order, for messages like "unknown exercise 'x'; known: mse-linear, …". */
    public static List<String> ids() {
        return ALL.stream().map(Exercise::id).toList();
    }

    private static Map<String, Exercise<?, ?>> byId() {
        Map<String, Exercise<?, ?>> map = new LinkedHashMap<>();
        for (Exercise<?, ?> e : ALL) {
            if (map.put(e.id(), e) != null) {
                throw new IllegalStateException("two exercises share the id " + e.id());
            }
        }
        return map;
    }
}
