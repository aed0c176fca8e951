package org.backpropgrader.runner;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.reference.Tensor;

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
}
