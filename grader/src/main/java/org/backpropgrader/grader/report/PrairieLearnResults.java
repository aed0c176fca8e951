package org.backpropgrader.grader.report;

import com.google.gson.annotations.SerializedName;
import java.util.ArrayList;
import java.util.List;

/**
 * PrairieLearn's {@code /grade/results/results.json}, as its "External Grading" page defines it
 * (prairielearn.readthedocs.io/en/latest/externalGrading/, "Grading results"): {@code score} in [0, 1],
 * {@code gradable} ({@code false} for input that could not be graded, "for example if it has a syntax error that
 * prevented compilation": then no points are awarded or lost and no attempt is spent), {@code format_errors}
 * saying why, a {@code message}, an {@code output}, and the tests {@code <pl-external-grader-results>} renders with
 * {@code name}, {@code description}, {@code points}, {@code max_points}, {@code message} and {@code output}.
 *
 * <p>The tests are {@link GradescopeResults}'s, one per gradient, so both platforms show the same lines: students
 * read only the public seed's number, the others are "hidden seed #k".
 */
public record PrairieLearnResults(
        boolean gradable,
        double score,
        String message,
        String output,
        @SerializedName("format_errors") List<String> formatErrors,
        List<Test> tests) {

    public PrairieLearnResults {
        formatErrors = List.copyOf(formatErrors);
        tests = List.copyOf(tests);
    }

    /** One rendered test: a gradient ({@code description} is its exercise). */
    public record Test(
            String name,
            String description,
            double points,
            @SerializedName("max_points") double maxPoints,
            String message,
            String output) {}

    /**
     * The results of {@code report}.
     *
     * @param formatErrors why the submission could not be graded (nothing found, its sources do not compile); empty
     *     when it was gradable
     * @param notes lines for the top of the message (what was graded, how it was isolated)
     */
    public static PrairieLearnResults of(GradeReport report, List<String> formatErrors, List<String> notes) {
        GradescopeResults g = GradescopeResults.of(report);
        List<Test> tests = new ArrayList<>();
        for (GradescopeResults.Test t : g.tests()) {
            int colon = t.name().indexOf(": ");
            String exercise = colon < 0 ? t.name() : t.name().substring(0, colon);
            String firstLine = t.output().lines().findFirst().orElse("");
            tests.add(new Test(t.name(), "exercise " + exercise, t.score(), t.maxScore(), firstLine, t.output()));
        }
        double fraction = report.maxScore() > 0 && Double.isFinite(report.score())
                ? Math.max(0, Math.min(1, report.score() / report.maxScore()))
                : 0;
        String message = (notes.isEmpty() ? "" : String.join("\n", notes) + "\n") + g.output();
        return new PrairieLearnResults(formatErrors.isEmpty(), fraction, message, g.output(), formatErrors, tests);
    }

    public String toJson() {
        return Json.PRETTY.toJson(this);
    }
}
