package org.backpropgrader.exercises;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.backpropgrader.exercises.bcelogistic.BceLogistic;
import org.backpropgrader.exercises.bcelogistic.BceLogisticBackward;
import org.backpropgrader.exercises.l2linear.L2Linear;
import org.backpropgrader.exercises.l2linear.L2LinearBackward;
import org.backpropgrader.exercises.makemorebatchnorm.MakemoreBatchnorm;
import org.backpropgrader.exercises.makemorebatchnorm.MakemoreBatchnormBackward;
import org.backpropgrader.exercises.makemorecrossentropy.MakemoreCrossEntropy;
import org.backpropgrader.exercises.makemorecrossentropy.MakemoreCrossEntropyBackward;
import org.backpropgrader.exercises.makemoremanual.MakemoreManual;
import org.backpropgrader.exercises.makemoremanual.MakemoreManualBackward;
import org.backpropgrader.exercises.mlpsoftmaxmax.MlpSoftmaxMax;
import org.backpropgrader.exercises.mlpsoftmaxmax.MlpSoftmaxMaxBackward;
import org.backpropgrader.exercises.mselinear.MseLinear;
import org.backpropgrader.exercises.mselinear.MseLinearBackward;
import org.backpropgrader.exercises.reluneuron.ReluNeuron;
import org.backpropgrader.exercises.reluneuron.ReluNeuronBackward;

/**
 * The catalog: every exercise, the notebook's five in its order, then the makemore three. A new exercise is its own
 * package plus one line here (README "Adding an exercise").
 *
 * <p>An exercise is made the first time it is asked for, by id or in the list, and its gradients the first time
 * they are asked for (each exercise keeps them in a holder class): they link a lambda per gradient method and per
 * forward tensor, about 5 ms an exercise in a fresh JVM even from a CDS archive, and the child JVM, which only needs
 * an exercise's types (runner's BackwardMethods), links none; neither does this catalog, which makes exercises from
 * their classes. The id each is listed under is checked against its own
 * {@link Exercise#id()} when it is made, and so is the {@code Backward} interface it is listed with, which a loader
 * looks for without making the exercise ({@link #backwardTypes()}).
 */
public final class Exercises {
    private static final Map<String, Lazy> BY_ID = new LinkedHashMap<>();

    static {
        add("mse-linear", MseLinearBackward.class, MseLinear.class);
        add("bce-logistic", BceLogisticBackward.class, BceLogistic.class);
        add("relu-neuron", ReluNeuronBackward.class, ReluNeuron.class);
        add("mlp-softmax-max", MlpSoftmaxMaxBackward.class, MlpSoftmaxMax.class);
        add("l2-linear", L2LinearBackward.class, L2Linear.class);
        add("makemore-manual", MakemoreManualBackward.class, MakemoreManual.class);
        add("makemore-cross-entropy", MakemoreCrossEntropyBackward.class, MakemoreCrossEntropy.class);
        add("makemore-batchnorm", MakemoreBatchnormBackward.class, MakemoreBatchnorm.class);
    }

    private Exercises() {}

    /** Every exercise, in catalog order. */
    public static List<Exercise<?, ?>> all() {
        List<Exercise<?, ?>> all = new ArrayList<>(BY_ID.size());
        for (Lazy e : BY_ID.values()) {
            all.add(e.get());
        }
        return List.copyOf(all);
    }

    public static Optional<Exercise<?, ?>> byId(String id) {
        Lazy e = BY_ID.get(id);
        return e == null ? Optional.empty() : Optional.of(e.get());
    }

    /**
     * Every exercise's {@code Backward} interface by id, in catalog order, without making any exercise: what a
     * loader looks for in a submission.
     */
    public static Map<String, Class<?>> backwardTypes() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (Map.Entry<String, Lazy> e : BY_ID.entrySet()) {
            types.put(e.getKey(), e.getValue().backwardType);
        }
        return Collections.unmodifiableMap(types);
    }

    /** The ids, in order, for messages like "unknown exercise 'x'; known: mse-linear, …". */
    public static List<String> ids() {
        return List.copyOf(BY_ID.keySet());
    }

    private static void add(String id, Class<?> backwardType, Class<? extends Exercise<?, ?>> type) {
        if (BY_ID.put(id, new Lazy(id, backwardType, type)) != null) {
            throw new IllegalStateException("two exercises share the id " + id);
        }
    }

    /** One exercise, made on first use. */
    private static final class Lazy {
        private final String id;
        private final Class<?> backwardType;
        private final Class<? extends Exercise<?, ?>> type;
        private volatile Exercise<?, ?> made;

        Lazy(String id, Class<?> backwardType, Class<? extends Exercise<?, ?>> type) {
            this.id = id;
            this.backwardType = backwardType;
            this.type = type;
        }

        Exercise<?, ?> get() {
            Exercise<?, ?> e = made;
            if (e == null) {
                synchronized (this) {
                    e = made;
                    if (e == null) {
                        e = make();
                        if (!e.id().equals(id)) {
                            throw new IllegalStateException("the catalog lists "
                                    + e.getClass().getName() + " as '" + id + "', but its id is '" + e.id() + "'");
                        }
                        if (e.backwardType() != backwardType) {
                            throw new IllegalStateException("the catalog lists " + backwardType.getName() + " for '"
                                    + id + "', but its exercise implements "
                                    + e.backwardType().getName());
                        }
                        made = e;
                    }
                }
            }
            return e;
        }

        /** A new instance, by reflection: a constructor reference would be a lambda (see the class comment). */
        private Exercise<?, ?> make() {
            try {
                return type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make the exercise " + type.getName() + ": " + e, e);
            }
        }
    }
}
