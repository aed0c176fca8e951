package org.backpropgrader.grader.classreport;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Status;

/**
 * The data of the index page's students × gradients grid, in the compact form {@code grid.js} reads: small enough
 * for 2,000 students × 50 gradients in one page, and safe inside a script element.
 */
final class GridData {
    /** Status letters of the grid data, one per gradient (the script keeps the same table). */
    static final Map<Status, Character> LETTER = Map.of(
            Status.EXACT,
            'E',
            Status.CLOSE,
            'C',
            Status.WRONG,
            'W',
            Status.SHAPE,
            'S',
            Status.NOT_IMPLEMENTED,
            'N',
            Status.ERROR,
            'R',
            Status.TIMEOUT,
            'T',
            Status.MISSING,
            'M',
            Status.NOT_RUN,
            '-');
    /** Gson's default HTML-safe escaping ({@code <} as a Unicode escape): the grid data sits inside a script element. */
    private static final Gson SCRIPT_SAFE = new GsonBuilder().create();

    private GridData() {}

    /**
     * The grid's data, compact: {@code ex} the exercises ({@code [id, title, gradient count]}), {@code g} the
     * gradient names in the same order, {@code s} one row per submission: {@code [id, page, score, max, statuses,
     * flags, codes]}, statuses one letter per gradient ({@link #LETTER}, {@code ?} without a report), flags the
     * flag codes joined by spaces, codes one character per gradient: {@code .} for none, else a letter indexing
     * {@code c}, the hint codes met in this class. One character per cell keeps 2,000 × 50 cells small.
     */
    static String json(ClassResults.Loaded loaded, Map<String, List<Flags.Flag>> flags) {
        List<Object> exercises = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Exercise<?, ?> ex : Exercises.all()) {
            exercises.add(List.of(ex.id(), ex.title(), ex.gradients().size()));
            for (Gradient<?, ?> g : ex.gradients()) {
                names.add(g.name());
                keys.add(ex.id() + "/" + g.name());
            }
        }
        List<Object> rows = new ArrayList<>();
        List<String> codeTable = new ArrayList<>();
        for (ClassResults.Entry e : loaded.entries()) {
            StringBuilder letters = new StringBuilder();
            StringBuilder codes = new StringBuilder();
            Double score = null;
            Double max = null;
            if (e.report() != null) {
                Map<String, GradientResult> byKey = new HashMap<>();
                for (ExerciseResult ex : e.report().exercises()) {
                    ex.gradients().forEach(g -> byKey.put(ex.id() + "/" + g.name(), g));
                }
                for (int i = 0; i < keys.size(); i++) {
                    GradientResult g = byKey.get(keys.get(i));
                    letters.append(g == null || g.status() == null ? '-' : LETTER.get(g.status()));
                    codes.append(g == null || g.hintCode() == null ? '.' : codeLetter(codeTable, g.hintCode()));
                }
                score = finite(e.report().score());
                max = finite(e.report().maxScore());
            } else {
                letters.append("?".repeat(keys.size()));
                codes.append(".".repeat(keys.size()));
            }
            List<String> flagCodes = flags.getOrDefault(e.id(), List.of()).stream()
                    .map(f -> f.kind().code())
                    .toList();
            List<Object> row = new ArrayList<>();
            row.add(e.id());
            row.add(Links.segment(Links.pageFile(e.id())));
            row.add(score);
            row.add(max);
            row.add(letters.toString());
            row.add(String.join(" ", flagCodes));
            row.add(codes.toString());
            rows.add(row);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ex", exercises);
        data.put("g", names);
        data.put("s", rows);
        data.put("c", codeTable);
        return SCRIPT_SAFE.toJson(data);
    }

    /** The letter of {@code code} in {@code table} ({@code a}, {@code b}, …), added if new. */
    private static char codeLetter(List<String> table, String code) {
        int i = table.indexOf(code);
        if (i < 0) {
            table.add(code);
            i = table.size() - 1;
        }
        // letters, then the characters after them: far more than the kinds of hint there are
        return (char) ((i < 26 ? 'a' : 'A' - 26) + i);
    }

    private static double finite(double x) {
        return Double.isFinite(x) ? x : 0;
    }
}
