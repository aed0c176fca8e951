package org.backpropgrader.grader.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.roster.Student;

/**
 * A gradebook CSV that fills one existing assignment when Canvas or Moodle imports it: the student's identity
 * columns, then ONE column with the assignment's score (the report's total), then, only when asked, one column per
 * exercise. Nothing else: no {@code Total}, which Canvas's importer would take for a new assignment.
 *
 * <ul>
 *   <li><b>{@link Kind#CANVAS}</b>, the layout of Canvas's own gradebook export, which its importer reads ("How do
 *       I import grades in the Gradebook?"): {@code Student, ID, SIS User ID, SIS Login ID, Section}, then
 *       {@code <assignment name> (<assignment id>)}. Canvas matches an assignment column by the id in parentheses
 *       (its export writes every assignment so) and otherwise by name; a column it cannot match becomes a new
 *       assignment. It finds the student by {@code ID}, {@code SIS User ID}, {@code SIS Login ID} or name (the Ohio
 *       State CarmenCanvas guide: one of Student name, ID or SIS User ID, plus SIS Login ID and Section).</li>
 *   <li><b>{@link Kind#MOODLE}</b>, for Moodle's "Import grades: CSV file" (MoodleDocs "Grade import";
 *       {@code grade/import/csv}): any header; at import one column is mapped ("Map from") to a user field ("Map
 *       to": {@code userid}, {@code username}, {@code useridnumber} or {@code useremail}) and each score column to a
 *       grade item. A row whose mapped user field is empty is skipped. Columns: {@code User ID, Username, ID number,
 *       Email address, Full name}, then {@code <assignment name>}.</li>
 * </ul>
 *
 * Written with Apache Commons CSV as RFC 4180: a field with a comma, quote, CR or LF is quoted with its quotes
 * doubled, every record ends in CRLF; UTF-8 without a byte order mark. Scores are plain decimals with {@code .} and no
 * exponent whatever the locale. A student without a submission (a roster row nobody submitted for) scores 0.
 */
public final class CsvGradebook {
    /** The assignment's name when none is given. */
    public static final String DEFAULT_ASSIGNMENT_NAME = "Backprop homework";

    /** Which LMS's importer the file is for. */
    public enum Kind {
        CANVAS,
        MOODLE;

        /** The identity columns, in order. */
        public List<String> identity() {
            return switch (this) {
                case CANVAS -> List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section");
                case MOODLE -> List.of("User ID", "Username", "ID number", "Email address", "Full name");
            };
        }

        /** A student's values of the {@link #identity() identity columns}, in order. */
        List<String> identityOf(Student s) {
            return switch (this) {
                case CANVAS ->
                    List.of(
                            s.name().isEmpty() ? s.submission() : s.name(),
                            s.canvasId(),
                            s.sisUserId(),
                            s.sisLoginId(),
                            s.section());
                case MOODLE -> List.of(s.userId(), s.sisLoginId(), s.sisUserId(), s.email(), s.name());
            };
        }

        /** {@code canvas} or {@code moodle}, as the command line spells it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What the gradebook looks like.
     *
     * @param assignmentName the assignment's name in the LMS; null or blank for {@link #DEFAULT_ASSIGNMENT_NAME}
     * @param assignmentId the LMS's assignment id (Canvas's number in the assignment's URL), or null
     * @param perExercise also one column per exercise, {@code <assignment name>: <exercise id>} (Canvas makes each a
     *     new assignment; Moodle maps each to a grade item or ignores it)
     */
    public record Options(Kind kind, String assignmentName, String assignmentId, boolean perExercise) {
        public Options {
            Objects.requireNonNull(kind, "kind");
            assignmentName = assignmentName == null || assignmentName.isBlank()
                    ? DEFAULT_ASSIGNMENT_NAME
                    : assignmentName.strip();
            assignmentId = assignmentId == null || assignmentId.isBlank() ? null : assignmentId.strip();
        }

        /** A Canvas gradebook for the default assignment name. */
        public static Options canvas() {
            return new Options(Kind.CANVAS, null, null, false);
        }

        /**
         * The score column's header: Canvas's {@code Name (id)} when there is an id, else the name (Moodle maps the
         * column at import, so there it is always the name).
         */
        public String scoreColumn() {
            return kind == Kind.CANVAS && assignmentId != null
                    ? assignmentName + " (" + assignmentId + ")"
                    : assignmentName;
        }
    }

    /**
     * One student's row.
     *
     * @param report their report, or null when they have no submission (a 0)
     */
    public record Row(Student student, GradeReport report) {
        public Row {
            Objects.requireNonNull(student, "student");
        }
    }

    private CsvGradebook() {}

    /** The header fields for these exercise columns. */
    public static List<String> header(Options options, List<String> exerciseIds) {
        List<String> fields = new ArrayList<>(options.kind().identity());
        fields.add(options.scoreColumn());
        if (options.perExercise()) {
            exerciseIds.forEach(id -> fields.add(options.assignmentName() + ": " + id));
        }
        return fields;
    }

    /**
     * The gradebook: header, then one record per row sorted by submission name. The exercise columns (when asked
     * for) are every exercise any report has, in the notebook's order.
     */
    public static String write(List<Row> rows, Options options) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(r -> r.student().submission()));
        Set<String> ids = new LinkedHashSet<>();
        for (Row r : sorted) {
            if (r.report() != null) {
                r.report().exercises().forEach(e -> ids.add(e.id()));
            }
        }
        List<String> exerciseIds = ExerciseOrder.sorted(new ArrayList<>(ids), id -> id);
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            csv.printRecord(header(options, exerciseIds));
            for (Row r : sorted) {
                csv.printRecord(fields(r, options, exerciseIds));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static List<String> fields(Row row, Options options, List<String> exerciseIds) {
        List<String> fields = new ArrayList<>(options.kind().identityOf(row.student()));
        GradeReport report = row.report();
        fields.add(Format.plain(report == null ? 0 : report.score()));
        if (options.perExercise()) {
            for (String id : exerciseIds) {
                fields.add(
                        report == null
                                ? "0"
                                : report.exercises().stream()
                                        .filter(e -> e.id().equals(id))
                                        .findFirst()
                                        .map(ExerciseResult::score)
                                        .map(Format::plain)
                                        .orElse(""));
            }
        }
        return fields;
    }
}
