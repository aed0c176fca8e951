package org.backpropgrader.runner;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.reference.Tensor;

/** An exercise's {@code …Forward} record to and from the wire: one tensor per component, by the notebook's name. */
public final class Forwards {
    private Forwards() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Map<String, WireTensor> toWire(Exercise<?, ?> exercise, Record forward) {
        Map<String, WireTensor> wire = new LinkedHashMap<>();
        ((Exercise) exercise).tensors(forward).forEach((name, t) -> wire.put((String) name, WireTensor.of((Tensor) t)));
        return wire;
    }

    /**
     * The record whose components are {@code wire}'s tensors.
     *
     * @throws IllegalArgumentException if a component has no tensor or a tensor is malformed
     */
    public static Record fromWire(Exercise<?, ?> exercise, Map<String, WireTensor> wire) {
        Class<? extends Record> type = exercise.forwardType();
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            WireTensor t = wire.get(components[i].getName());
            if (t == null) {
                throw new IllegalArgumentException(exercise.id() + ": no forward value for " + components[i].getName());
            }
            values[i] = t.toTensor();
        }
        try {
            Constructor<? extends Record> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getName() + ": " + e, e);
        }
    }
}
