package org.backpropgrader.grader.model;

/**
 * One gradient checked for one seed in one mode.
 *
 * @param maxdiff max |s - t| (NaN when not comparable: wrong shape, not run)
 * @param relerr maxdiff / max|t| (NaN when not comparable)
 * @param hint what the mistake looks like, or null
 * @param hintCode the mistake's stable category ({@code compare.Hints.Kind}: {@code sign}, {@code batch-size},
 *     {@code keepdim}, …) for a WRONG or SHAPE check, else null
 * @param message a human-readable detail (mismatch summary, exception, compiler output), or null
 */
public record Check(long seed, Mode mode, Status status, boolean exact, boolean close, double maxdiff,
        double relerr, String hint, String hintCode, String message) {

    /** A check that could not compare values (not run, not implemented, error, timeout, missing). */
    public static Check notCompared(long seed, Mode mode, Status status, String message) {
        return new Check(seed, mode, status, false, false, Double.NaN, Double.NaN, null, null, message);
    }
}
