package org.backpropgrader.grader.grading;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.grader.truth.Truth;

/** Answer keys computed once per exercise and seed and shared by every submission of a run. Thread-safe. */
public final class TruthCache {
    private final Map<String, Truth> truths = new ConcurrentHashMap<>();

    public Truth get(Exercise<?, ?> exercise, long seed) {
        return truths.computeIfAbsent(exercise.id() + "@" + seed, k -> Truth.compute(exercise, seed));
    }
}
