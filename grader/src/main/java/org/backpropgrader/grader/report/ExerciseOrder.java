package org.backpropgrader.grader.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.backpropgrader.exercises.Exercises;

/** The notebook's order of exercises ({@link Exercises#ids()}); ids the catalog does not know keep their order, last. */
final class ExerciseOrder {
    private ExerciseOrder() {}

    static int rank(String id) {
        int i = Exercises.ids().indexOf(id);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    static <T> List<T> sorted(List<T> items, Function<T, String> id) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparingInt(t -> rank(id.apply(t)))); // stable: unknown ids keep their order
        return copy;
    }
}
