package org.backpropgrader.exercises;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import org.backpropgrader.reference.Tensor;

/** Builds a {@code …Forward} record from named tensors: each component takes the tensor of its name. */
public final class ForwardRecords {
    private ForwardRecords() {}

    /**
     * The record of type {@code type} whose components are {@code values}' tensors of the same names.
     *
     * @throws IllegalArgumentException naming the component when {@code values} has no tensor for it
     */
    public static <R extends Record> R of(Class<R> type, Map<String, Tensor> values) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = values.get(components[i].getName());
            if (args[i] == null) {
                throw new IllegalArgumentException(type.getSimpleName() + ": no tensor named '"
                        + components[i].getName() + "' among " + values.keySet());
            }
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot make a " + type.getName() + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getName() + ": " + e, e);
        }
    }
}
