package org.backpropgrader.grader.report;

/**
 * The grader's own report: the {@link GradeReport} record as JSON, every exercise, gradient, seed and mode with its
 * status, numbers, hint and points, as strict JSON ({@link Json}). Nulls are written ({@code "hint": null}); numbers
 * that were not compared are {@code null}, a non-finite number that was (a student's NaN) is the string
 * {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"}; seeds are unsigned, as torch's {@code initial_seed()}.
 */
public final class NativeJson {
    private NativeJson() {}

    public static String write(GradeReport report) {
        return Json.PRETTY.toJson(report);
    }
}
