package org.backpropgrader.grader.compare;

import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Status;

/**
 * The verdict on one student tensor against one true gradient, as {@link GradientComparator} measures it.
 *
 * @param status {@link Status#EXACT}, {@link Status#CLOSE}, {@link Status#WRONG} or {@link Status#SHAPE}
 * @param exact same shape and every element equal as floats
 * @param close every element within the tolerance (implied by {@code exact})
 * @param maxdiff max |s - t| over all elements: NaN if a NaN is involved anywhere, Infinity if one side is
 *     infinite where the other is not (equal infinities count 0); NaN for {@link Status#SHAPE}
 * @param relerr {@code maxdiff / max|t|} over the finite elements of the truth ({@code maxdiff} itself when that
 *     maximum is 0); NaN for {@link Status#SHAPE}
 * @param hint what the mistake looks like ({@link Hints}), for WRONG and SHAPE; null if nothing fits
 * @param hintCode the mistake's category ({@link Hints.Kind#code()}), present exactly for WRONG and SHAPE
 * @param message {@code torch.testing.assert_close}-style detail for WRONG and SHAPE, a note when a shape was
 *     accepted only by {@link ShapeRule#SQUEEZE}, else null
 */
public record Comparison(
        Status status,
        boolean exact,
        boolean close,
        double maxdiff,
        double relerr,
        String hint,
        String hintCode,
        String message) {

    public Comparison {
        if (status != Status.EXACT && status != Status.CLOSE && status != Status.WRONG && status != Status.SHAPE) {
            throw new IllegalArgumentException("a comparison is EXACT, CLOSE, WRONG or SHAPE, not " + status);
        }
    }

    /** This comparison as the check of one seed in one mode. */
    public Check toCheck(long seed, Mode mode) {
        return new Check(seed, mode, status, exact, close, maxdiff, relerr, hint, hintCode, message);
    }
}
