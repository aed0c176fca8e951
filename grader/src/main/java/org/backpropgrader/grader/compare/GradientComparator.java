package org.backpropgrader.grader.compare;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Tensor;

/**
 * Compares one student tensor with one true gradient, by the rules of DESIGN.md "Comparing one gradient":
 *
 * <ul>
 *   <li><b>shape</b> first: a shape other than the truth's is {@link Status#SHAPE}, unless the rule is
 *       {@link ShapeRule#SQUEEZE} and the shapes agree once singleton dimensions are dropped; then the values
 *       are compared (and the result is at best {@link Status#CLOSE}, since exact requires the same shape);
 *   <li><b>exact</b>: every element equal as floats ({@code -0.0 == 0.0}, NaN is never equal);
 *   <li><b>close</b>: per element {@code |s - t| <= rtol * |t| + atol}, {@code atol =
 *       tol.absoluteFloor(max finite |t|)}; equal infinities are close, NaN never is. Computed in double from
 *       the float32 values, so there is no second rounding;
 *   <li><b>maxdiff</b> {@code max|s - t|} and <b>relerr</b> {@code maxdiff / max finite |t|} (maxdiff itself when
 *       that is 0). Nothing is skipped: a NaN on either side makes maxdiff NaN, an infinity on one side only
 *       makes it Infinity, so a non-finite answer can never look small.
 * </ul>
 *
 * <p>WRONG and SHAPE results carry a {@link Hints hint} and an {@code assert_close}-style message.
 */
public final class GradientComparator {
    private GradientComparator() {}

    /** {@link #compare(Tensor, Tensor, Tolerance, ShapeRule, int)} without a known batch size. */
    public static Comparison compare(Tensor student, Tensor truth, Tolerance tol, ShapeRule shapes) {
        return compare(student, truth, tol, shapes, 0);
    }

    /** {@link #compare(Tensor, Tensor, Tolerance, ShapeRule, int, Tensor)} with the floor scaled by the truth. */
    public static Comparison compare(Tensor student, Tensor truth, Tolerance tol, ShapeRule shapes, int batchSize) {
        return compare(student, truth, tol, shapes, batchSize, null);
    }

    /**
     * The tensor whose magnitude scales the absolute floor of {@code gradient}: null (the truth itself) for an
     * ordinary gradient; for one that is zero in exact arithmetic, the true gradient of the tensor it is summed from
     * (see {@link #compare(Tensor, Tensor, Tolerance, ShapeRule, int, Tensor)}).
     */
    public static Tensor floorReference(Gradient<?, ?> gradient, Truth truth) {
        return gradient.isZeroInExactArithmetic() ? truth.gradient(gradient.floorScaleOf()) : null;
    }

    /**
     * Compares {@code student} with {@code truth}.
     *
     * <p>Note [Zero in exact arithmetic]. Some true gradients are exactly zero ({@code db1 = dhprebn.sum(0)} under
     * batchnorm, {@code dlogit_maxes = -dnorm_logits.sum(1)} under softmax); autograd's float32 value is the
     * cancellation noise of that sum, about {@code sqrt(n)·2^-24·max|dhprebn|}, and a correct formula summed in
     * another order has noise of the same size but not the same values. A floor scaled by the noise's own
     * magnitude would reject it. Their floor is {@code atolScale · max|floorReference|}, the magnitude of the
     * gradient they are summed from: with the default 1e-5 that is ~20× the noise measured against PyTorch
     * (ratios 3e-7 and 5e-7), while a real mistake (a missing sum, a wrong upstream) is of the order of that
     * magnitude itself. Every other gradient keeps the floor scaled by its own truth, so the classic wrong answers
     * are still rejected there.
     *
     * @param batchSize the exercise's batch size ({@code Exercise.batchSize()}), which lets the hints name a
     *     forgotten {@code 1/N}; 0 when unknown
     * @param floorReference null to scale the absolute floor by {@code max|truth|}; otherwise the floor is scaled by
     *     the larger of {@code max|truth|} and {@code max|floorReference|}
     */
    public static Comparison compare(
            Tensor student, Tensor truth, Tolerance tol, ShapeRule shapes, int batchSize, Tensor floorReference) {
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(tol, "tol");
        Objects.requireNonNull(shapes, "shapes");
        if (student.dtype() != Tensor.Dtype.FLOAT32) {
            return new Comparison(
                    Status.WRONG,
                    false,
                    false,
                    Double.NaN,
                    Double.NaN,
                    "an int64 (index) tensor is not a gradient: gradients are float32",
                    Hints.Kind.OTHER.code(),
                    "dtype " + student.dtype() + " != expected " + truth.dtype());
        }
        int[] studentShape = student.shape();
        int[] truthShape = truth.shape();
        boolean sameShape = Arrays.equals(studentShape, truthShape);
        String note = null;
        if (!sameShape) {
            if (shapes == ShapeRule.SQUEEZE && Hints.sameSqueezed(studentShape, truthShape)) {
                note = "shape " + Numbers.shape(studentShape) + " compared as " + Numbers.shape(truthShape)
                        + " (shapes: squeeze)";
            } else {
                Hints.Hint hint = Hints.hint(student, truth, tol, batchSize);
                return new Comparison(
                        Status.SHAPE,
                        false,
                        false,
                        Double.NaN,
                        Double.NaN,
                        hint.text(),
                        hint.code(),
                        "shape " + Numbers.shape(studentShape) + " != expected " + Numbers.shape(truthShape));
            }
        }
        if (sameShape && student.equal(truth)) {
            // What a correct formula returns most of the time: every difference is 0, so are maxdiff and relerr,
            // whatever the floor. The grader compares about a hundred tensors a submission.
            return new Comparison(Status.EXACT, true, true, 0.0, 0.0, null, null, null);
        }
        double[] s = Elementwise.values(student);
        TrueValues truthValues = TrueValues.of(truth);
        double[] t = truthValues.values;
        double maxAbs = truthValues.maxAbs;
        double atol = tol.absoluteFloor(
                floorReference == null ? maxAbs : Math.max(maxAbs, TrueValues.of(floorReference).maxAbs));

        // Not EXACT from here on: the shapes differ, or some element does (Tensor.equal is float ==, as EXACT is).
        int mismatches = 0;
        double maxdiff = 0;
        for (int i = 0; i < s.length; i++) {
            if (!Elementwise.close(s[i], t[i], tol.rtol(), atol)) {
                mismatches++;
            }
            double d = Elementwise.diff(s[i], t[i]);
            if (greater(d, maxdiff)) {
                maxdiff = d;
            }
        }
        double relerr = maxAbs == 0 ? maxdiff : maxdiff / maxAbs;
        if (mismatches == 0) {
            return new Comparison(Status.CLOSE, false, true, maxdiff, relerr, null, null, note);
        }
        Tensor compared = sameShape ? student : student.reshape(truthShape);
        String message = mismatchMessage(s, t, truthShape, tol.rtol(), atol, mismatches);
        if (note != null) {
            message = note + "\n" + message;
        }
        Hints.Hint hint = Hints.hint(compared, s, truth, truthValues, tol, batchSize);
        return new Comparison(
                Status.WRONG,
                false,
                false,
                maxdiff,
                relerr,
                hint == null ? null : hint.text(),
                hint == null ? Hints.Kind.OTHER.code() : hint.code(),
                message);
    }

    /**
     * The lines {@code torch.testing.assert_close} prints: mismatched count, then the greatest absolute and
     * relative differences among the mismatched elements, with their index and what was allowed.
     */
    private static String mismatchMessage(
            double[] s, double[] t, int[] shape, double rtol, double atol, int mismatches) {
        int absAt = -1;
        int relAt = -1;
        double absMax = 0;
        double relMax = 0;
        for (int i = 0; i < s.length; i++) {
            if (Elementwise.close(s[i], t[i], rtol, atol)) {
                continue;
            }
            double abs = Elementwise.diff(s[i], t[i]);
            double rel = abs / Math.abs(t[i]);
            if (absAt < 0 || greater(abs, absMax)) {
                absAt = i;
                absMax = abs;
            }
            if (relAt < 0 || greater(rel, relMax)) {
                relAt = i;
                relMax = rel;
            }
        }
        StringBuilder m = new StringBuilder();
        m.append("Mismatched elements: ")
                .append(mismatches)
                .append(" / ")
                .append(s.length)
                .append(String.format(Locale.ROOT, " (%.1f%%)", 100.0 * mismatches / s.length))
                .append('\n');
        m.append("Greatest absolute difference: ")
                .append(Numbers.repr(absMax))
                .append(" at index ")
                .append(Numbers.index(absAt, shape));
        if (atol > 0) {
            m.append(" (up to ").append(Numbers.repr(atol)).append(" allowed)");
        }
        m.append('\n')
                .append("Greatest relative difference: ")
                .append(Numbers.repr(relMax))
                .append(" at index ")
                .append(Numbers.index(relAt, shape));
        if (rtol > 0) {
            m.append(" (up to ").append(Numbers.repr(rtol)).append(" allowed)");
        }
        return m.toString();
    }

    /** Like {@code torch.max}: a NaN is the greatest and the first NaN wins. */
    private static boolean greater(double x, double currentMax) {
        return !Double.isNaN(currentMax) && (Double.isNaN(x) || x > currentMax);
    }
}
