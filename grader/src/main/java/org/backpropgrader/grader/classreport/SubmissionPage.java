package org.backpropgrader.grader.classreport;

import java.util.ArrayList;
import java.util.List;
import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.report.Format;
import org.backpropgrader.grader.report.GradeReport;
import org.backpropgrader.grader.report.TerminalTable;

/**
 * What one submission's page shows: the table {@code check} prints (same columns, same row choice,
 * {@link TerminalTable#shown}), the reasons of every gradient that is not EXACT (every seed and mode), what the
 * student's code printed, and the submission's flags.
 */
public record SubmissionPage(
        String id,
        String score,
        String maxScore,
        String gradedAt,
        String grader,
        String problem,
        List<Flags.Flag> flags,
        List<ExerciseTable> exercises,
        List<Reason> reasons,
        String output,
        List<String> warnings,
        String resultHref,
        IndexPage.Assets assets) {

    /** One exercise as {@code check} shows it. */
    public record ExerciseTable(
            String id,
            String title,
            String score,
            String maxScore,
            String status,
            String css,
            String message,
            List<Row> rows) {}

    /** One row of {@code check}'s table. */
    public record Row(
            String gradient,
            String status,
            String css,
            String exact,
            String close,
            String maxdiff,
            String relerr,
            String points,
            String hint) {}

    /** Why a gradient is not EXACT: its hint and every check. */
    public record Reason(String key, String status, String css, String hint, String hintCode, List<CheckLine> checks) {}

    /** One seed in one mode. */
    public record CheckLine(
            String seed,
            String mode,
            String status,
            String css,
            String maxdiff,
            String relerr,
            String hint,
            String message) {}

    static SubmissionPage of(ClassResults.Entry entry, List<Flags.Flag> flags, IndexPage.Assets assets) {
        String resultHref = "../../results/" + Links.segment(entry.id() + ".json");
        GradeReport report = entry.report();
        if (report == null) {
            return new SubmissionPage(
                    entry.id(),
                    "-",
                    "-",
                    "",
                    "",
                    entry.problem(),
                    flags,
                    List.of(),
                    List.of(),
                    "",
                    List.of(),
                    resultHref,
                    assets);
        }
        List<ExerciseTable> tables = new ArrayList<>();
        List<Reason> reasons = new ArrayList<>();
        for (ExerciseResult e : report.exercises()) {
            List<Row> rows = new ArrayList<>();
            for (GradientResult g : e.gradients()) {
                rows.add(row(e, g));
                if (g.status() != Status.EXACT) {
                    reasons.add(reason(e, g));
                }
            }
            tables.add(new ExerciseTable(
                    e.id(),
                    e.title(),
                    Format.points(e.score()),
                    Format.points(e.maxScore()),
                    String.valueOf(e.status()),
                    IndexPage.css(String.valueOf(e.status())),
                    e.message(),
                    rows));
        }
        String grader = report.grader() == null
                ? ""
                : "grader " + report.grader().version() + ", Java "
                        + report.grader().java();
        return new SubmissionPage(
                entry.id(),
                Format.points(report.score()),
                Format.points(report.maxScore()),
                report.gradedAt() == null ? "" : report.gradedAt(),
                grader,
                entry.problem(),
                flags,
                tables,
                reasons,
                report.studentOutput(),
                report.warnings(),
                resultHref,
                assets);
    }

    /** {@code check}'s row: the shown check's numbers; without a hint, the first line of its message. */
    private static Row row(ExerciseResult e, GradientResult g) {
        Check c = TerminalTable.shown(g);
        String hint = g.hint() != null ? g.hint() : c == null ? null : c.hint();
        if (hint == null && c != null && c.message() != null && !g.status().earnsPoints() && e.message() == null) {
            hint = c.message().lines().findFirst().orElse("");
        }
        String status = String.valueOf(g.status());
        return new Row(
                g.name(),
                status,
                IndexPage.css(status),
                c == null ? "-" : Format.bool(c.exact()),
                c == null ? "-" : Format.bool(c.close()),
                c == null ? "-" : Format.compact(c.maxdiff()),
                c == null ? "-" : Format.compact(c.relerr()),
                Format.points(g.points()) + "/" + Format.points(g.maxPoints()),
                hint == null ? "" : hint);
    }

    private static Reason reason(ExerciseResult e, GradientResult g) {
        List<CheckLine> lines = new ArrayList<>();
        for (Check c : g.checks()) {
            String status = String.valueOf(c.status());
            lines.add(new CheckLine(
                    Long.toString(c.seed()),
                    c.mode() == null ? "" : c.mode().label(),
                    status,
                    IndexPage.css(status),
                    Format.compact(c.maxdiff()),
                    Format.compact(c.relerr()),
                    c.hint() == null ? "" : c.hint(),
                    c.message() == null ? "" : c.message()));
        }
        String status = String.valueOf(g.status());
        return new Reason(
                e.id() + "/" + g.name(),
                status,
                IndexPage.css(status),
                g.hint() == null ? "" : g.hint(),
                g.hintCode() == null ? "" : g.hintCode(),
                lines);
    }
}
