package org.backpropgrader.grader.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.backpropgrader.grader.model.ExerciseResult;

/**
 * A gradebook CSV that both Canvas and Moodle import.
 *
 * <p>Header: {@code Student,ID,SIS User ID,SIS Login ID,Section,Total,<exercise id>…}. Why:
 * <ul>
 *   <li><b>Canvas</b> ("How do I import grades in the Gradebook?") reads the layout of its own gradebook export: the
 *       identity columns {@code Student}, {@code ID}, {@code SIS User ID}, {@code SIS Login ID}, {@code Section},
 *       then one column per assignment, matched by name; a column with a new name becomes a new assignment (the
 *       preview lets you ignore it). Canvas finds the student by any one identity column (OSU's CarmenCanvas guide:
 *       name, Canvas ID or SIS User ID; and the SIS Login ID), so {@code ID} and {@code SIS User ID}, which this
 *       grader cannot know, stay empty and the submission name goes to {@code Student} and {@code SIS Login ID}
 *       (a login, as Canvas guides for TAs use it).</li>
 *   <li><b>Moodle</b> (MoodleDocs "Grade import", CSV) accepts any header: at import you map one column ("Map from",
 *       here {@code SIS Login ID}) to a user field ("Map to": username, ID number or email) and each score column
 *       to a grade item or "ignore". Moodle would take any extra row for a user, so there is no Canvas
 *       "Points Possible" row.</li>
 * </ul>
 * Format: RFC 4180 (a field with a comma, quote, CR or LF is quoted, quotes doubled), {@code \r\n} after every record,
 * numbers with {@code .} as decimal point and no exponent whatever the locale; write the text as UTF-8 without a BOM.
 * An exercise a report does not have is an empty cell.
 */
public final class CsvGradebook {
    /** Canvas's identity columns, in its export's order. */
    public static final List<String> IDENTITY = List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section");
    public static final String TOTAL = "Total";
    static final String EOL = "\r\n";

    private CsvGradebook() {}

    /** The header record for these exercise columns, ending in {@code \r\n}. */
    public static String header(List<String> exerciseIds) {
        List<String> fields = new ArrayList<>(IDENTITY);
        fields.add(TOTAL);
        fields.addAll(exerciseIds);
        return record(fields);
    }

    /** One student's record, its columns those of {@code header(exerciseIds(report))}, ending in {@code \r\n}. */
    public static String row(String studentId, GradeReport report) {
        return row(studentId, report, exerciseIds(report));
    }

    /** The exercise columns of one report, in the notebook's order. */
    public static List<String> exerciseIds(GradeReport report) {
        return ExerciseOrder.sorted(report.exercises(), ExerciseResult::id).stream().map(ExerciseResult::id).toList();
    }

    /**
     * Header and one record per student, sorted by student id; the exercise columns are every exercise any report
     * has, in the notebook's order.
     */
    public static String gradebook(Map<String, GradeReport> reportsByStudent) {
        Map<String, GradeReport> sorted = new TreeMap<>(reportsByStudent);
        Set<String> ids = new LinkedHashSet<>();
        for (GradeReport r : sorted.values()) {
            ids.addAll(exerciseIds(r));
        }
        List<String> columns = ExerciseOrder.sorted(new ArrayList<>(ids), id -> id);
        StringBuilder out = new StringBuilder(header(columns));
        sorted.forEach((student, report) -> out.append(row(student, report, columns)));
        return out.toString();
    }

    static String row(String studentId, GradeReport report, List<String> exerciseIds) {
        List<String> fields = new ArrayList<>(List.of(studentId, "", "", studentId, ""));
        fields.add(Format.plain(report.score()));
        for (String id : exerciseIds) {
            fields.add(report.exercises().stream().filter(e -> e.id().equals(id)).findFirst()
                    .map(e -> Format.plain(e.score())).orElse(""));
        }
        return record(fields);
    }

    static String record(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        return out.append(EOL).toString();
    }

    /** RFC 4180: quote a field holding a comma, a double quote, CR or LF, doubling its quotes. */
    static String quote(String field) {
        if (field == null) {
            return "";
        }
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
