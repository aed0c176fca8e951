package org.backpropgrader.grader.compare;

import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.reference.Tensor;

/**
 * The per-element rules of DESIGN.md "Comparing one gradient", shared by the comparator and the hints. Values are
 * float32 widened to double, so differences are computed without a second rounding.
 */
final class Elementwise {
    private Elementwise() {}

    static double[] values(Tensor t) {
        return widened(t.toFloatArray());
    }

    /** {@code f}'s values as doubles, exactly. */
    static double[] widened(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Equal as floats: {@code -0.0 == 0.0}, NaN never. */
    static boolean equal(double s, double t) {
        return s == t;
    }

    /** {@code |s - t| <= rtol * |t| + atol}; equal values (and so equal infinities) are close, NaN never is. */
    static boolean close(double s, double t, double rtol, double atol) {
        if (s == t) {
            return true;
        }
        if (!Double.isFinite(s) || !Double.isFinite(t)) {
            return false;
        }
        return Math.abs(s - t) <= rtol * Math.abs(t) + atol;
    }

    /** |s - t|, 0 for equal values (equal infinities too), NaN if either is NaN, Infinity if one is infinite. */
    static double diff(double s, double t) {
        return s == t ? 0 : Math.abs(s - t);
    }

    /** The largest finite |t|: the magnitude that scales the absolute floor. 0 for an empty or all-non-finite truth. */
    static double maxAbsFinite(double[] t) {
        double m = 0;
        for (double v : t) {
            if (Double.isFinite(v)) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    /** Every element of {@code s} close to {@code t} (same length) under {@code tol}. */
    static boolean allClose(double[] s, double[] t, Tolerance tol) {
        return allClose(s, t, tol, maxAbsFinite(t));
    }

    /** {@link #allClose(double[], double[], Tolerance)} with {@code t}'s {@link #maxAbsFinite} already known. */
    static boolean allClose(double[] s, double[] t, Tolerance tol, double maxAbsT) {
        double atol = tol.absoluteFloor(maxAbsT);
        for (int i = 0; i < s.length; i++) {
            if (!close(s[i], t[i], tol.rtol(), atol)) {
                return false;
            }
        }
        return true;
    }

    static boolean allZero(double[] v) {
        for (double x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
