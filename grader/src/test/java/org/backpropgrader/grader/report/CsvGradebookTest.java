package org.backpropgrader.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.report.CsvGradebook.Kind;
import org.backpropgrader.grader.report.CsvGradebook.Options;
import org.backpropgrader.grader.report.CsvGradebook.Row;
import org.backpropgrader.grader.roster.Student;
import org.junit.jupiter.api.Test;

/**
 * The gradebooks as Canvas's and Moodle's importers read them: identity columns, ONE column for the assignment
 * (Canvas: {@code Name (id)}), no {@code Total}; RFC 4180 read back by an independent strict reader.
 */
class CsvGradebookTest {
    private static final Student ALICE = new Student(
            "alice", "lti-7f3a", "Alice Liddell", "S001", "aliddell", "Section 2", "alice@example.edu", "4711");
    /** A strict RFC 4180 reader: records of fields, CRLF between records, quoted fields with doubled quotes. */
    private static List<List<String>> parse(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (c == '"' && field.length() == 0) {
                i++;
                while (true) {
                    char q = csv.charAt(i++);
                    if (q == '"') {
                        if (i < csv.length() && csv.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(q);
                    }
                }
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r') {
                assertEquals('\n', csv.charAt(i + 1), "CR must be followed by LF");
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else {
                assertTrue(c != '\n' && c != '"', "bare LF or quote at " + i);
                field.append(c);
                i++;
            }
        }
        assertTrue(record.isEmpty() && field.length() == 0, "last record must end in CRLF");
        return records;
    }

    private static GradeReport report(String submission, double mse) {
        return GradeReport.of(
                submission,
                null,
                List.of(),
                List.of(
                        new ExerciseResult("mse-linear", "t", Status.WRONG, null, mse, 8, List.of()),
                        Reports.l2Linear()),
                Reports.GRADED_AT,
                Duration.ZERO);
    }

    @Test
    void canvas_headerIsTheIdentityColumnsThenOneColumnNamedWithTheAssignmentsId_andNoTotal() {
        String csv = CsvGradebook.write(
                List.of(new Row(ALICE, Reports.unordered())),
                new Options(Kind.CANVAS, "Backprop HW 3", "12345", false));

        List<List<String>> records = parse(csv);
        assertEquals(
                List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Backprop HW 3 (12345)"),
                records.get(0));
        assertFalse(records.get(0).contains("Total"), "Canvas would take Total for a new assignment");
        assertEquals(List.of("Alice Liddell", "4711", "S001", "aliddell", "Section 2", "6"), records.get(1));
    }

    @Test
    void canvas_withoutAnId_theColumnIsTheName_andWithoutEitherASensibleDefault() {
        assertEquals("Backprop HW 3", new Options(Kind.CANVAS, "Backprop HW 3", null, false).scoreColumn());
        assertEquals("Backprop homework", Options.canvas().scoreColumn());
        assertEquals("Backprop homework (99)", new Options(Kind.CANVAS, " ", "99", false).scoreColumn());
    }

    @Test
    void withoutARoster_studentAndSisLoginIdHoldTheSubmissionsName() {
        List<List<String>> records = parse(
                CsvGradebook.write(List.of(new Row(Student.unlisted("bob"), report("bob", 7.5))), Options.canvas()));

        assertEquals(List.of("bob", "", "", "bob", "", "7.5"), records.get(1));
    }

    @Test
    void aRosterStudentWithoutASubmission_isARowWithZero() {
        List<List<String>> records =
                parse(CsvGradebook.write(List.of(new Row(ALICE, null)), new Options(Kind.CANVAS, null, null, true)));

        assertEquals(List.of("Alice Liddell", "4711", "S001", "aliddell", "Section 2", "0"), records.get(1));
        assertEquals(2, records.size());
    }

    @Test
    void perExerciseColumns_onlyOnRequest_inTheNotebooksOrder_emptyWhereAReportLacksOne() {
        List<Row> rows = List.of(
                new Row(
                        Student.unlisted("zed"),
                        GradeReport.of(
                                "zed",
                                null,
                                List.of(),
                                List.of(Reports.mseLinear()),
                                Reports.GRADED_AT,
                                Duration.ZERO)),
                new Row(Student.unlisted("alice, a."), Reports.unordered()));

        List<List<String>> plain = parse(CsvGradebook.write(rows, Options.canvas()));
        List<List<String>> split = parse(CsvGradebook.write(rows, new Options(Kind.CANVAS, "HW", "5", true)));

        assertEquals(6, plain.get(0).size());
        assertEquals(
                List.of(
                        "Student",
                        "ID",
                        "SIS User ID",
                        "SIS Login ID",
                        "Section",
                        "HW (5)",
                        "HW: mse-linear",
                        "HW: bce-logistic",
                        "HW: l2-linear"),
                split.get(0));
        assertEquals(List.of("alice, a.", "", "", "alice, a.", "", "6", "4", "2", "0"), split.get(1), "sorted");
        assertEquals(List.of("zed", "", "", "zed", "", "4", "4", "", ""), split.get(2));
    }

    @Test
    void moodle_identityColumnsForItsUserMapping_thenTheAssignmentsName() {
        List<List<String>> records = parse(CsvGradebook.write(
                List.of(new Row(ALICE, report("alice", 8))),
                new Options(Kind.MOODLE, "Backprop HW 3", "12345", false)));

        assertEquals(
                List.of("User ID", "Username", "ID number", "Email address", "Full name", "Backprop HW 3"),
                records.get(0),
                "Moodle maps the grade column at import: no id in its header");
        assertEquals(
                List.of("lti-7f3a", "aliddell", "S001", "alice@example.edu", "Alice Liddell", "8"), records.get(1));
    }

    @Test
    void fieldsWithCommasQuotesAndNewlines_areQuotedPerRfc4180_andReadBackByCommonsCsv() throws IOException {
        String tricky = "O'Brien, \"Jr\"\nsecond line\r";
        String csv =
                CsvGradebook.write(List.of(new Row(Student.unlisted(tricky), Reports.unordered())), Options.canvas());

        assertTrue(csv.contains("\"O'Brien, \"\"Jr\"\"\nsecond line\r\""), csv);
        List<List<String>> records = parse(csv);
        assertEquals(tricky, records.get(1).get(0));
        assertEquals(tricky, records.get(1).get(3));
        try (CSVParser p = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180)) {
            List<CSVRecord> read = p.getRecords();
            assertEquals(tricky, read.get(1).get(0));
        }
        assertFalse(csv.startsWith("\uFEFF"), "no byte order mark");
    }

    @Test
    void numbersUseADecimalPointWhateverTheLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals(
                    List.of("bob", "", "", "bob", "", "7.5"),
                    parse(CsvGradebook.write(
                                    List.of(new Row(Student.unlisted("bob"), report("bob", 7.5))), Options.canvas()))
                            .get(1));
            assertEquals("0.000001", Format.plain(1e-6));
            assertEquals("12345678", Format.plain(12345678));
        } finally {
            Locale.setDefault(saved);
        }
    }
}
