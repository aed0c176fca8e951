package org.backpropgrader.grader.report;

/**
 * The grader's own report: the {@link GradeReport} record as JSON, every exercise, gradient, seed and mode with its
 * status, numbers, hint and points. Nulls are written ({@code "hint": null}); numbers that could not be compared are
 * {@code NaN}, as Python's {@code json} module reads and writes them.
 */
public final class NativeJson {
    private NativeJson() {}

    public static String write(GradeReport report) {
        return Json.PRETTY.toJson(report);
    }
}
