package org.backpropgrader.grader.report;

import com.google.gson.annotations.SerializedName;
import java.util.ArrayList;
import java.util.List;
import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.policy.Policy;

/**
 * Gradescope's {@code /autograder/results/results.json}, as its "Autograder Specifications" page defines it
 * (gradescope-autograders.readthedocs.io/en/latest/specs/): a top-level {@code score}, {@code execution_time} in
 * seconds, {@code output}, {@code visibility} and {@code stdout_visibility}, and one test per gradient.
 *
 * <p>Each test is one gradient ({@code "mse-linear: diff2"}, number {@code "1.1"}): {@code status} is
 * {@code passed} or {@code failed}, and the points are the gradient's points scaled by its exercise's weight, so the
 * tests add up to the top-level score. An exercise without gradients (missing before any was listed) is one test.
 * Standard output stays {@code hidden}: it is for the instructor (the grader's own warnings go there). The top-level
 * {@code output_format} is {@code text}: Gradescope's default there, {@code simple_format}, renders HTML, which would
 * swallow a compiler message's {@code List<Tensor>} (tests' output is {@code text} by default).
 *
 * @param executionTime whole seconds, as the specification's example ({@code 136})
 */
public record GradescopeResults(
        double score,
        @SerializedName("execution_time") long executionTime,
        String output,
        @SerializedName("output_format") String outputFormat,
        String visibility,
        @SerializedName("stdout_visibility") String stdoutVisibility,
        List<Test> tests) {

    /** Shown to students as soon as the autograder finishes. */
    public static final String VISIBLE = "visible";
    /** Instructors only. */
    public static final String HIDDEN = "hidden";

    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    /** Plain text, shown as written. */
    public static final String TEXT = "text";

    public GradescopeResults {
        tests = List.copyOf(tests);
    }

    /**
     * One Gradescope test case.
     *
     * @param output the status, hint and every seed × mode, shown in a collapsed {@code <pre>}
     */
    public record Test(
            String name,
            String number,
            double score,
            @SerializedName("max_score") double maxScore,
            String status,
            String output,
            String visibility) {}

    public static GradescopeResults of(GradeReport report) {
        List<Test> tests = new ArrayList<>();
        List<ExerciseResult> exercises = ExerciseOrder.sorted(report.exercises(), ExerciseResult::id);
        for (int i = 0; i < exercises.size(); i++) {
            ExerciseResult e = exercises.get(i);
            String number = String.valueOf(i + 1);
            if (e.gradients().isEmpty()) {
                tests.add(new Test(
                        e.id(),
                        number,
                        finite(e.score()),
                        finite(e.maxScore()),
                        e.status().earnsPoints() ? PASSED : FAILED,
                        exerciseOutput(e),
                        VISIBLE));
                continue;
            }
            double weight = weight(e);
            for (int j = 0; j < e.gradients().size(); j++) {
                GradientResult g = e.gradients().get(j);
                String output = gradientOutput(g);
                if (j == 0 && e.message() != null) {
                    output = exerciseOutput(e) + "\n" + output;
                }
                tests.add(new Test(
                        e.id() + ": " + g.name(),
                        number + "." + (j + 1),
                        finite(g.points() * weight),
                        finite(g.maxPoints() * weight),
                        g.status().earnsPoints() ? PASSED : FAILED,
                        output,
                        VISIBLE));
            }
        }
        long seconds = Math.round(report.executionTimeSeconds());
        return new GradescopeResults(
                finite(report.score()), seconds, summary(report, exercises), TEXT, VISIBLE, HIDDEN, tests);
    }

    /** These results with {@code notes} (what was graded, how it was isolated) above the summary. */
    public GradescopeResults withNotes(List<String> notes) {
        if (notes.isEmpty()) {
            return this;
        }
        return new GradescopeResults(
                score,
                executionTime,
                String.join("\n", notes) + "\n" + output,
                outputFormat,
                visibility,
                stdoutVisibility,
                tests);
    }

    public String toJson() {
        return Json.PRETTY.toJson(this);
    }

    /** Exercise points per gradient point: weights are folded into the exercise's score, so unfold them here. */
    static double weight(ExerciseResult e) {
        double points = 0;
        for (GradientResult g : e.gradients()) {
            points += g.maxPoints();
        }
        return points > 0 && Double.isFinite(points) ? e.maxScore() / points : 0;
    }

    /** Gradescope's JSON parser rejects NaN; a score that is not a number earns nothing. */
    private static double finite(double x) {
        return Double.isFinite(x) ? x : 0;
    }

    private static String summary(GradeReport report, List<ExerciseResult> exercises) {
        StringBuilder out = new StringBuilder();
        out.append("Score ")
                .append(Format.points(report.score()))
                .append('/')
                .append(Format.points(report.maxScore()))
                .append('\n');
        if (report.compilerOutput() != null && !report.compilerOutput().isBlank()) {
            // Once, for the whole submission: each exercise says only that the sources do not compile.
            out.append("The submission does not compile:\n")
                    .append(indent(report.compilerOutput()))
                    .append('\n');
        }
        for (ExerciseResult e : exercises) {
            out.append(e.id())
                    .append(": ")
                    .append(Format.points(e.score()))
                    .append('/')
                    .append(Format.points(e.maxScore()))
                    .append("  ")
                    .append(e.status())
                    .append('\n');
            if (e.message() != null) {
                out.append(indent(e.message())).append('\n');
            }
        }
        return out.toString();
    }

    private static String exerciseOutput(ExerciseResult e) {
        return e.status() + (e.message() == null ? "" : "\n" + indent(e.message()));
    }

    /**
     * Students read this output, so only the notebook's public seed is named: the others are the instructor's hidden
     * seeds, shown as "hidden seed #k" (k in order of first appearance), or a student could compute their answers
     * with PyTorch and hard-code them.
     */
    private static String seedLabel(long seed, List<Long> hidden) {
        if (seed == Policy.NOTEBOOK_SEED) {
            return "seed " + seed;
        }
        if (!hidden.contains(seed)) {
            hidden.add(seed);
        }
        return "hidden seed #" + (hidden.indexOf(seed) + 1);
    }

    private static String gradientOutput(GradientResult g) {
        StringBuilder out = new StringBuilder();
        out.append("status: ").append(g.status()).append('\n');
        if (g.hint() != null) {
            out.append("hint: ").append(g.hint()).append('\n');
        }
        List<Long> hidden = new ArrayList<>();
        for (Check c : g.checks()) {
            out.append(seedLabel(c.seed(), hidden))
                    .append(" (")
                    .append(c.mode().label())
                    .append("): ")
                    .append(c.status())
                    .append("  exact ")
                    .append(Format.bool(c.exact()))
                    .append("  close ")
                    .append(Format.bool(c.close()))
                    .append("  maxdiff ")
                    .append(Format.compact(c.maxdiff()))
                    .append("  relerr ")
                    .append(Format.compact(c.relerr()));
            if (c.hint() != null) {
                out.append("  hint: ").append(c.hint());
            }
            out.append('\n');
            if (c.message() != null) {
                out.append(indent(c.message())).append('\n');
            }
        }
        return out.toString();
    }

    private static String indent(String text) {
        return "  " + text.strip().replace("\r\n", "\n").replace("\n", "\n  ");
    }
}
