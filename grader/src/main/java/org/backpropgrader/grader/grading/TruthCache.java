package org.backpropgrader.grader.grading;

import java.util.List;
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

    /**
     * Starts computing the answer keys of {@code exercises} for {@code seeds} on a background thread, in order, so
     * that a single check or grade has them ready by the time it reaches each exercise: the other core computes
     * them while this one starts up, loads and vets the submission. A {@link #get} of a key being computed waits
     * for it; one not reached yet is computed by its caller (then the background thread finds it there).
     */
    public void prefetch(List<Exercise<?, ?>> exercises, List<Long> seeds) {
        Thread prefetch = new Thread(
                () -> {
                    for (Exercise<?, ?> e : exercises) {
                        for (long seed : seeds) {
                            try {
                                get(e, seed);
                            } catch (RuntimeException failure) {
                                return; // the caller's own get() meets it and reports it
                            }
                        }
                    }
                },
                "answer-key prefetch");
        prefetch.setDaemon(true);
        prefetch.start();
    }
}
