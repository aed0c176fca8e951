package org.backpropgrader.grader.run;

import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.reference.Tensor;

/** One student object for one exercise and seed; its methods are called one gradient at a time. */
public interface ExerciseSession extends AutoCloseable {
    /** Calls the method of {@code gradient} with the forward values and these upstream gradients. Never throws. */
    Answer call(Gradient<?, ?> gradient, Tensor[] upstream);

    @Override
    void close();
}
