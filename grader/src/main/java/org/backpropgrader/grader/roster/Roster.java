package org.backpropgrader.grader.roster;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A class roster: which LMS user each submission belongs to. A CSV file (RFC 4180, UTF-8, with or without a byte
 * order mark, CRLF or LF) whose first record is a header naming its columns:
 *
 * <ul>
 *   <li>{@code submission} (required): the submission's name as {@code batch} derives it, the entry's name without
 *       {@code .zip} or {@code .jar} ({@code alice} for {@code alice.zip});
 *   <li>{@code user_id} (required, never empty): the LMS user id, the {@code userId} of an LTI Score;
 *   <li>optional: {@code name}, {@code sis_user_id}, {@code sis_login_id}, {@code section}, {@code email} and
 *       {@code canvas_id} (Canvas's numeric user id, its gradebook's {@code ID}), for the gradebooks.
 * </ul>
 *
 * Column names are matched without regard to case, surrounding spaces, or spaces and hyphens for underscores, so a
 * header copied from a Canvas export ({@code SIS User ID}) is understood. Other columns are ignored (and listed in
 * {@link #warnings()}). Each submission and each user id appears once; a record has as many fields as the header.
 */
public final class Roster {
    public static final String SUBMISSION = "submission";
    public static final String USER_ID = "user_id";
    static final List<String> REQUIRED = List.of(SUBMISSION, USER_ID);
    static final List<String> OPTIONAL =
            List.of("name", "sis_user_id", "sis_login_id", "section", "email", "canvas_id");

    private final String file;
    private final List<Student> students;
    private final Map<String, Student> bySubmission;
    private final List<String> warnings;

    private Roster(String file, List<Student> students, List<String> warnings) {
        this.file = file;
        this.students = List.copyOf(students);
        Map<String, Student> map = new LinkedHashMap<>();
        students.forEach(s -> map.put(s.submission(), s));
        this.bySubmission = Collections.unmodifiableMap(map);
        this.warnings = List.copyOf(warnings);
    }

    /** Reads a roster file; errors name the file as given. */
    public static Roster read(Path path) throws RosterException {
        String name = path.toString();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RosterException(name, 0, null, "a readable CSV file", "no such file");
        } catch (CharacterCodingException e) {
            throw new RosterException(name, 0, null, "UTF-8 text", "bytes that are not UTF-8");
        } catch (IOException e) {
            throw new RosterException(name, 0, null, "a readable CSV file", String.valueOf(e.getMessage()));
        }
        return parse(text, name);
    }

    /**
     * Parses roster text.
     *
     * @param file what errors call the text, e.g. the file name
     */
    public static Roster parse(String text, String file) throws RosterException {
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text; // Excel's "CSV UTF-8" starts with a BOM
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
        List<CSVRecord> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), format)) {
            Iterator<CSVRecord> it = parser.iterator();
            while (it.hasNext()) {
                records.add(it.next());
            }
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            throw new RosterException(file, 0, null, "well-formed CSV (RFC 4180)", String.valueOf(cause.getMessage()));
        }
        if (records.isEmpty()) {
            throw new RosterException(
                    file, 1, null, "a header with the columns submission and user_id", "an empty file");
        }
        CSVRecord header = records.get(0);
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String column = normalise(header.get(i));
            if (REQUIRED.contains(column) || OPTIONAL.contains(column)) {
                Integer earlier = columns.putIfAbsent(column, i);
                if (earlier != null) {
                    throw new RosterException(
                            file,
                            line(csv, header),
                            column,
                            "each column once",
                            "it in fields " + (earlier + 1) + " and " + (i + 1));
                }
            } else {
                warnings.add(file + ": column '" + header.get(i).strip() + "' is not used (known: "
                        + String.join(", ", REQUIRED) + ", " + String.join(", ", OPTIONAL) + ")");
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw new RosterException(
                        file,
                        line(csv, header),
                        required,
                        "a header with the columns " + String.join(" and ", REQUIRED),
                        "the columns "
                                + String.join(
                                        ", ",
                                        header.toList().stream()
                                                .map(String::strip)
                                                .toList()));
            }
        }
        List<Student> students = new ArrayList<>();
        Map<String, Integer> submissionLine = new HashMap<>();
        Map<String, Integer> userLine = new HashMap<>();
        for (CSVRecord r : records.subList(1, records.size())) {
            int line = line(csv, r);
            if (r.size() != header.size()) {
                throw new RosterException(
                        file,
                        line,
                        null,
                        header.size() + " fields, as the header has",
                        r.size() + " field" + (r.size() == 1 ? "" : "s"));
            }
            String submission = r.get(columns.get(SUBMISSION)).strip();
            String userId = r.get(columns.get(USER_ID)).strip();
            if (submission.isEmpty()) {
                throw new RosterException(file, line, SUBMISSION, "a submission's name", "an empty cell");
            }
            if (userId.isEmpty()) {
                throw new RosterException(file, line, USER_ID, "an LMS user id", "an empty cell");
            }
            Integer earlier = submissionLine.putIfAbsent(submission, line);
            if (earlier != null) {
                throw new RosterException(
                        file,
                        line,
                        SUBMISSION,
                        "each submission once",
                        "'" + submission + "' again (first on line " + earlier + ")");
            }
            earlier = userLine.putIfAbsent(userId, line);
            if (earlier != null) {
                throw new RosterException(
                        file,
                        line,
                        USER_ID,
                        "each user id once (one grade per student)",
                        "'" + userId + "' again (first on line " + earlier + ")");
            }
            students.add(new Student(
                    submission,
                    userId,
                    optional(r, columns, "name"),
                    optional(r, columns, "sis_user_id"),
                    optional(r, columns, "sis_login_id"),
                    optional(r, columns, "section"),
                    optional(r, columns, "email"),
                    optional(r, columns, "canvas_id")));
        }
        return new Roster(file, students, warnings);
    }

    /** The roster file as given. */
    public String file() {
        return file;
    }

    /** Every student, in the file's order. */
    public List<Student> students() {
        return students;
    }

    /** Columns the roster has that nothing reads, one line each. */
    public List<String> warnings() {
        return warnings;
    }

    /** The student whose {@code submission} column is exactly {@code name} (a name as batch derives it). */
    public Optional<Student> student(String name) {
        return Optional.ofNullable(bySubmission.get(name));
    }

    /**
     * The student a submission (a file name or a name) belongs to: by its name as {@code batch} derives it, so
     * {@code alice.zip} and {@code alice} both find the row {@code alice}.
     */
    public Optional<Student> find(String submission) {
        Student s = bySubmission.get(submission);
        if (s == null) {
            s = bySubmission.get(submissionName(submission));
        }
        return Optional.ofNullable(s);
    }

    /** A submission's name as {@code batch} derives it from a file name: without {@code .zip} or {@code .jar}. */
    public static String submissionName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if ((lower.endsWith(".zip") || lower.endsWith(".jar")) && fileName.length() > 4) {
            return fileName.substring(0, fileName.length() - 4);
        }
        return fileName;
    }

    private static String optional(CSVRecord r, Map<String, Integer> columns, String column) {
        Integer i = columns.get(column);
        return i == null ? "" : r.get(i).strip();
    }

    /** {@code User ID}, {@code sis-user-id} and {@code SIS_USER_ID} are all {@code sis_user_id}. */
    static String normalise(String header) {
        return header.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }

    /** The line a record starts on, counting CRLF, LF and a lone CR as one line end each. */
    private static int line(String text, CSVRecord record) {
        long end = Math.min(record.getCharacterPosition(), text.length());
        int line = 1;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        return line;
    }
}
