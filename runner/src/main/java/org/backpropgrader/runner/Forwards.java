package org.backpropgrader.runner;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.reference.Tensor;

/** An exercise's {@code …Forward} record to and from its tensors by the notebook's names, as they travel. */
public final class Forwards {
    private Forwards() {}

    @SuppressWarnings({"unchecked", "rawtypes"}) // Exercise<F, B>.tensors(F) with F known only at run time
    public static Map<String, Tensor> toTensors(Exercise<?, ?> exercise, Record forward) {
        return new LinkedHashMap<String, Tensor>(((Exercise) exercise).tensors(forward));
    }

    /**
     * The record whose components are {@code tensors}.
     *
     * @throws IllegalArgumentException if a component has no tensor
     */
    public static Record fromTensors(Exercise<?, ?> exercise, Map<String, Tensor> tensors) {
        Class<? extends Record> type = exercise.forwardType();
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            Tensor t = tensors.get(components[i].getName());
            if (t == null) {
                throw new IllegalArgumentException(exercise.id() + ": no forward value for " + components[i].getName());
            }
            values[i] = t;
        }
        try {
            Constructor<? extends Record> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getName() + ": " + e, e);
        }
    }
}
