package org.backpropgrader.grader.compare;

import java.util.Arrays;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.exercises.KnownMistake;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.reference.Tensor;

/**
 * The exercise-specific classic mistakes an exercise declares with a gradient ({@link Gradient#mistakes()}): a wrong
 * answer that is close to one of them gets that mistake's hint, which names it better than any generic hint can
 * (an assignment instead of an accumulation is not a constant factor or a transpose).
 */
public final class KnownMistakes {
    private KnownMistakes() {}

    /**
     * The hint of the first declared mistake {@code student} is close to (same shape, {@link Tolerance#DEFAULT}), or
     * null. Each mistake is computed from the forward values and the upstream gradients the method was given, so in
     * chained mode it is the mistake made on the student's own upstream.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static String hint(Gradient<?, ?> gradient, Record forward, Tensor[] upstream, Tensor student) {
        if (student.dtype() != Tensor.Dtype.FLOAT32) {
            return null;
        }
        double[] s = Elementwise.values(student);
        for (KnownMistake m : (java.util.List<KnownMistake>) (java.util.List) gradient.mistakes()) {
            Tensor wrong;
            try {
                wrong = m.answer().apply(forward, upstream.clone());
            } catch (RuntimeException e) {
                continue; // an upstream of another shape (chained mode): this mistake cannot be told apart here
            }
            if (Arrays.equals(wrong.shape(), student.shape())
                    && Elementwise.allClose(s, Elementwise.values(wrong), Tolerance.DEFAULT)) {
                return m.hint();
            }
        }
        return null;
    }
}
