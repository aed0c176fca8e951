package org.backpropgrader.grader.compare;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.reference.Tensor;

/**
 * A true gradient's values widened to double, with the magnitude that scales their absolute floor: what comparing
 * a student's tensor with it, and every hint tried against it, reads. Made once per truth tensor and kept while that
 * tensor lives ({@link #of}): a batch compares the same truths (its TruthCache) with every submission, and a truth of
 * mlp-softmax-max has 60 000 elements. Never changed once made.
 */
final class TrueValues {
    /** By tensor identity ({@code Tensor} keeps Object's equals), weakly: an entry goes with its truth. */
    private static final Map<Tensor, TrueValues> KNOWN = Collections.synchronizedMap(new WeakHashMap<>());

    final double[] values;
    final double maxAbs;

    TrueValues(double[] values) {
        this.values = values;
        this.maxAbs = Elementwise.maxAbsFinite(values);
    }

    /** The values of {@code truth}, a float32 tensor, widened once for as long as it lives. */
    static TrueValues of(Tensor truth) {
        return KNOWN.computeIfAbsent(truth, t -> new TrueValues(Elementwise.values(t)));
    }

    /** Every element of {@code candidate} close to these values under {@code tol}. */
    boolean closeTo(double[] candidate, Tolerance tol) {
        return Elementwise.allClose(candidate, values, tol, maxAbs);
    }

    /** {@code candidate} would be close to these values under {@code tol} or the default tolerance. */
    boolean wouldMatch(double[] candidate, Tolerance tol) {
        return closeTo(candidate, tol) || closeTo(candidate, Tolerance.DEFAULT);
    }
}
