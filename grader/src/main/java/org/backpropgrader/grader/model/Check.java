package org.backpropgrader.grader.model;

import com.google.gson.annotations.JsonAdapter;

/**
 * One gradient checked for one seed in one mode.
 *
 * @param seed the seed's 64 bits ({@link Seeds}); JSON writes it unsigned, as torch's {@code initial_seed()}
 * @param maxdiff max |s - t| (NaN when not comparable: wrong shape, not run); JSON writes {@code null} when values
 *     were not {@link #compared()}, and a non-finite value that was compared as the string {@code "NaN"},
 *     {@code "Infinity"} or {@code "-Infinity"}
 * @param relerr maxdiff / max|t| (NaN when not comparable), written like {@code maxdiff}
 * @param hint what the mistake looks like, or null
 * @param hintCode the mistake's stable category ({@code compare.Hints.Kind}: {@code sign}, {@code batch-size},
 *     {@code keepdim}, …) for a WRONG or SHAPE check, else null
 * @param message a human-readable detail (mismatch summary, exception, compiler output), or null
 */
public record Check(
        @JsonAdapter(Seeds.Json.class) long seed,
        Mode mode,
        Status status,
        boolean exact,
        boolean close,
        double maxdiff,
        double relerr,
        String hint,
        String hintCode,
        String message) {

    /**
     * Whether values were compared ({@link Status#EXACT}, {@link Status#CLOSE}, {@link Status#WRONG}): only then do
     * {@code maxdiff} and {@code relerr} mean anything, even when a NaN in the student's tensor made them NaN.
     */
    public boolean compared() {
        return status == Status.EXACT || status == Status.CLOSE || status == Status.WRONG;
    }

    /** This check as made in {@code other} mode: what a chained lane that followed its isolated twin reports. */
    public Check inMode(Mode other) {
        return new Check(seed, other, status, exact, close, maxdiff, relerr, hint, hintCode, message);
    }

    /** A check that could not compare values (not run, not implemented, error, timeout, missing). */
    public static Check notCompared(long seed, Mode mode, Status status, String message) {
        return new Check(seed, mode, status, false, false, Double.NaN, Double.NaN, null, null, message);
    }
}
