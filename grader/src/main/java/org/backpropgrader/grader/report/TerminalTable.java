package org.backpropgrader.grader.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Status;

/**
 * The report for people at a terminal, in the spirit of the notebook's {@code cmp}: per exercise (notebook order) a
 * header with its points, its message (why it is missing, compiler output) indented under it, a table with one row
 * per gradient, a line on the other mode when it tells a different story, and the total at the end.
 *
 * <p>A row shows the scoring mode: for several seeds the worst check, that is the first check with the gradient's
 * failing status, else the one with the largest relative error. Numbers have three significant digits, {@code -}
 * where nothing was compared. Colour (ANSI) is added only when asked, after padding, so columns stay aligned.
 */
public final class TerminalTable {
    private static final String RESET = "\u001b[0m";
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final int MIN_WIDTH = 78;
    private static final String[] HEADERS = {
        "gradient", "status", "exact", "close", "maxdiff", "relerr", "points", "hint"
    };
    /** Minimum widths, so tables of different exercises line up; the status column fits NOT_IMPLEMENTED. */
    private static final int[] MIN = {14, 15, 5, 5, 9, 9, 6, 0};

    private static final int STATUS = 1;

    private TerminalTable() {}

    /**
     * Whether to colour standard output: not when it is not a terminal, not on a dumb terminal, and not when
     * {@code NO_COLOR} is present with a non-empty value (no-color.org: "when present and not an empty string
     * (regardless of its value)").
     */
    public static boolean colourWanted(Map<String, String> env, boolean stdoutIsTerminal) {
        if (!stdoutIsTerminal) {
            return false;
        }
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        return !"dumb".equals(env.get("TERM"));
    }

    public static String render(GradeReport report, boolean colour) {
        StringBuilder out = new StringBuilder();
        if (report.compilerOutput() != null && !report.compilerOutput().isBlank()) {
            // Once per submission: every exercise that needed these sources says only that they do not compile.
            out.append(paint("the submission does not compile", RED, colour)).append('\n');
            for (String line : report.compilerOutput().strip().split("\\R", -1)) {
                out.append("    ").append(line).append('\n');
            }
            out.append('\n');
        }
        List<ExerciseResult> exercises = ExerciseOrder.sorted(report.exercises(), ExerciseResult::id);
        int lineWidth = MIN_WIDTH;
        for (ExerciseResult e : exercises) {
            lineWidth = Math.max(lineWidth, tableWidth(rows(e)) + HEADERS[HEADERS.length - 1].length());
        }
        for (ExerciseResult e : exercises) {
            exercise(out, e, colour, lineWidth);
            out.append('\n');
        }
        for (String w : report.warnings()) {
            out.append(paint("warning", YELLOW, colour)).append(": ").append(w).append('\n');
        }
        out.append("total ")
                .append(Format.points(report.score()))
                .append('/')
                .append(Format.points(report.maxScore()))
                .append('\n');
        return out.toString();
    }

    private static List<String[]> rows(ExerciseResult e) {
        List<String[]> rows = new ArrayList<>();
        if (nothingRan(e)) {
            return rows;
        }
        for (GradientResult g : e.gradients()) {
            Check c = shown(g);
            String hint = g.hint() != null ? g.hint() : c == null ? null : c.hint();
            if (hint == null && c != null && c.message() != null && !g.status().earnsPoints() && e.message() == null) {
                // No hint fits: say what happened instead (threw, returned null, the shapes, the mismatch count).
                hint = c.message().lines().findFirst().orElse("");
            }
            rows.add(new String[] {
                g.name(),
                g.status().name(),
                c == null ? "-" : Format.bool(c.exact()),
                c == null ? "-" : Format.bool(c.close()),
                c == null ? "-" : Format.compact(c.maxdiff()),
                c == null ? "-" : Format.compact(c.relerr()),
                Format.points(g.points()) + "/" + Format.points(g.maxPoints()),
                hint == null ? "" : hint
            });
        }
        return rows;
    }

    /**
     * An exercise that could not run at all (missing, does not compile): every gradient shares its status, so its
     * rows would repeat the one reason under the header.
     */
    private static boolean nothingRan(ExerciseResult e) {
        return e.message() != null
                && !e.gradients().isEmpty()
                && e.gradients().stream().allMatch(g -> g.status() == e.status());
    }

    private static int[] widths(List<String[]> rows) {
        int[] width = MIN.clone();
        for (int i = 0; i < HEADERS.length; i++) {
            width[i] = Math.max(width[i], HEADERS[i].length());
            for (String[] row : rows) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        return width;
    }

    /** The width up to the hint column, which is last and free. */
    private static int tableWidth(List<String[]> rows) {
        int[] width = widths(rows);
        int tableWidth = 2;
        for (int i = 0; i < HEADERS.length - 1; i++) {
            tableWidth += width[i] + 2;
        }
        return tableWidth;
    }

    private static void exercise(StringBuilder out, ExerciseResult e, boolean colour, int lineWidth) {
        List<String[]> rows = rows(e);
        int[] width = widths(rows);
        String title = e.id() + (e.title() == null || e.title().isBlank() ? "" : ": " + e.title());
        String points = Format.points(e.score()) + "/" + Format.points(e.maxScore());
        // Every header's points end in the same column: a title too long for the line is shortened, not the line
        // lengthened.
        int room = lineWidth - points.length() - 2;
        if (title.length() > room) {
            title = title.substring(0, Math.max(0, room - 1)) + "\u2026";
        }
        out.append(title)
                .append(" ".repeat(lineWidth - title.length() - points.length()))
                .append(points)
                .append('\n');
        if (e.message() != null && !e.message().isBlank()) {
            out.append("  ")
                    .append(paint(e.status().name(), colourOf(e.status()), colour))
                    .append('\n');
            for (String line : e.message().strip().split("\\R", -1)) {
                out.append("    ").append(line).append('\n');
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        out.append(line(HEADERS, width, null, false));
        for (int r = 0; r < rows.size(); r++) {
            out.append(line(rows.get(r), width, Status.valueOf(rows.get(r)[STATUS]), colour));
        }
        String other = otherMode(e);
        if (other != null) {
            out.append("  ").append(other).append('\n');
        }
    }

    private static String line(String[] cells, int[] width, Status status, boolean colour) {
        StringBuilder out = new StringBuilder("  ");
        for (int i = 0; i < cells.length; i++) {
            boolean last = i == cells.length - 1;
            String cell = last ? cells[i] : pad(cells[i], width[i]) + "  ";
            if (i == STATUS && status != null) {
                cell = paint(pad(cells[i], width[i]), colourOf(status), colour) + "  ";
            }
            out.append(cell);
        }
        return out.toString().stripTrailing() + "\n";
    }

    /** The check a row shows: the first with the gradient's failing status (else any failing), else the largest relerr. */
    public static Check shown(GradientResult g) {
        List<Check> scoring = scoringChecks(g);
        if (scoring.isEmpty()) {
            return null;
        }
        if (!g.status().earnsPoints()) {
            for (Check c : scoring) {
                if (c.status() == g.status()) {
                    return c;
                }
            }
        }
        for (Check c : scoring) {
            if (!c.status().earnsPoints()) {
                return c;
            }
        }
        Check worst = scoring.get(0);
        for (Check c : scoring) {
            if (Double.compare(c.relerr(), worst.relerr()) > 0) { // NaN counts as the largest
                worst = c;
            }
        }
        return worst;
    }

    /** Checks are stored scoring mode first. */
    private static Mode scoringMode(GradientResult g) {
        return g.checks().isEmpty() ? null : g.checks().get(0).mode();
    }

    private static List<Check> scoringChecks(GradientResult g) {
        Mode mode = scoringMode(g);
        return g.checks().stream().filter(c -> c.mode() == mode).toList();
    }

    /**
     * One line on the mode that does not score, when some gradient passes in one mode and fails in the other:
     * {@code chained mode: first failure at pred (WRONG)}; else null.
     */
    static String otherMode(ExerciseResult e) {
        Mode other = null;
        boolean differs = false;
        GradientResult firstFailure = null;
        Status firstStatus = null;
        for (GradientResult g : e.gradients()) {
            Mode scoring = scoringMode(g);
            List<Check> checks =
                    g.checks().stream().filter(c -> c.mode() != scoring).toList();
            if (checks.isEmpty()) {
                continue;
            }
            other = checks.get(0).mode();
            Check failed = checks.stream()
                    .filter(c -> !c.status().earnsPoints())
                    .findFirst()
                    .orElse(null);
            boolean scoringPasses =
                    scoringChecks(g).stream().allMatch(c -> c.status().earnsPoints());
            differs |= scoringPasses == (failed != null);
            if (failed != null && firstFailure == null) {
                firstFailure = g;
                firstStatus = failed.status();
            }
        }
        if (!differs) {
            return null;
        }
        return other.label() + " mode: "
                + (firstFailure == null
                        ? "every gradient close"
                        : "first failure at " + firstFailure.name() + " (" + firstStatus + ")");
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String colourOf(Status s) {
        return switch (s) {
            case EXACT, CLOSE -> GREEN;
            case WRONG, SHAPE, ERROR, TIMEOUT -> RED;
            case NOT_IMPLEMENTED, MISSING, NOT_RUN -> YELLOW;
        };
    }

    private static String paint(String text, String ansi, boolean colour) {
        return colour ? ansi + text + RESET : text;
    }
}
