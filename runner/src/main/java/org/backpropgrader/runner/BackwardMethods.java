package org.backpropgrader.runner;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.reference.Tensor;
import org.backpropgrader.runner.Protocol.Reply;

/**
 * The {@code …Backward} method a call names: the one named after the gradient, taking the forward record and then
 * one tensor per upstream gradient (every exercise's {@code Gradient.Step} calls exactly that method, in that order:
 * ExerciseContractTest pins it).
 *
 * <p>The child calls it by reflection rather than through the exercise's steps: those are lambdas, and a JVM links
 * each lambda the first time its exercise is made, the first one at all costing some 7 ms and every other a few
 * hundred microseconds even from the CDS archive; a child made five exercises for about 15 ms before it ran a line
 * of student code. The child now links no lambda at all.
 */
final class BackwardMethods {
    private final Map<String, Method> found = new HashMap<>();

    /**
     * The method of {@code exercise}'s {@code …Backward} interface for {@code gradient} and {@code upstream} upstream
     * tensors.
     *
     * @throws NoSuchMethodException if the interface has no such method
     */
    Method of(Exercise<?, ?> exercise, String gradient, int upstream) throws NoSuchMethodException {
        String key = exercise.id() + "/" + gradient + "/" + upstream;
        Method method = found.get(key);
        if (method == null) {
            Class<?>[] parameters = new Class<?>[1 + upstream];
            parameters[0] = exercise.forwardType();
            Arrays.fill(parameters, 1, parameters.length, Tensor.class);
            method = exercise.backwardType().getMethod(gradient, parameters);
            found.put(key, method);
        }
        return method;
    }

    /** A call's arguments: the forward record, then the upstream tensors in order (none if {@code upstream} is null). */
    static Object[] arguments(Record forward, List<Tensor> upstream) {
        int count = upstream == null ? 0 : upstream.size();
        Object[] arguments = new Object[1 + count];
        arguments[0] = forward;
        for (int i = 0; i < count; i++) {
            arguments[1 + i] = upstream.get(i);
        }
        return arguments;
    }

    /**
     * {@code method} called on the student's {@code backward} object, as the reply to request {@code id}: what it
     * returned, or what it threw (unwrapped from the reflective call), or that it returned null.
     */
    static Reply answer(long id, Method method, Object backward, Object[] arguments) {
        Object value;
        try {
            value = method.invoke(backward, arguments);
        } catch (Throwable t) {
            Throwable thrown = t instanceof InvocationTargetException ? t.getCause() : t;
            return Reply.failed(id, StudentFailures.status(thrown), StudentFailures.message(thrown));
        }
        if (value == null) {
            return Reply.failed(id, StudentFailures.ERROR, "returned null");
        }
        return Reply.ok(id, (Tensor) value);
    }
}
