package org.backpropgrader.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvGradebookTest {
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

    @Test
    void headerStartsWithCanvasIdentityColumnsThenTotalAndExercises() {
        assertEquals("Student,ID,SIS User ID,SIS Login ID,Section,Total,mse-linear,bce-logistic\r\n",
                CsvGradebook.header(List.of("mse-linear", "bce-logistic")));
    }

    @Test
    void rowPutsTheStudentInStudentAndSisLoginIdWithExerciseScoresInNotebookOrder() {
        assertEquals("alice,,,alice,,6,4,2,0\r\n", CsvGradebook.row("alice", Reports.unordered()));
        assertEquals(List.of("mse-linear", "bce-logistic", "l2-linear"), CsvGradebook.exerciseIds(Reports.unordered()));
    }

    @Test
    void fieldsWithCommasQuotesAndNewlinesAreQuotedPerRfc4180() {
        assertEquals("plain", CsvGradebook.quote("plain"));
        assertEquals("\"a,b\"", CsvGradebook.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvGradebook.quote("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvGradebook.quote("two\nlines"));
        assertEquals("\"cr\rlf\"", CsvGradebook.quote("cr\rlf"));
        String tricky = "O'Brien, \"Jr\"\nsecond line";
        List<List<String>> records = parse(CsvGradebook.row(tricky, Reports.unordered()));
        assertEquals(1, records.size());
        assertEquals(tricky, records.get(0).get(0));
        assertEquals(tricky, records.get(0).get(3));
    }

    @Test
    void numbersUseADecimalPointWhateverTheLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            GradeReport half = GradeReport.of("bob", null, List.of(), List.of(new org.backpropgrader.grader.model
                    .ExerciseResult("mse-linear", "t", org.backpropgrader.grader.model.Status.WRONG, null, 7.5, 8,
                    List.of())), Reports.GRADED_AT, Duration.ZERO);
            assertEquals("bob,,,bob,,7.5,7.5\r\n", CsvGradebook.row("bob", half));
            assertEquals("0.000001", Format.plain(1e-6));
            assertEquals("12345678", Format.plain(12345678));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void gradebookSortsStudentsAndLeavesExercisesAReportLacksEmpty() {
        GradeReport onlyMse = GradeReport.of("zed", null, List.of(), List.of(Reports.mseLinear()), Reports.GRADED_AT,
                Duration.ZERO);
        Map<String, GradeReport> reports = new LinkedHashMap<>();
        reports.put("zed", onlyMse);
        reports.put("alice, a.", Reports.unordered());
        String csv = CsvGradebook.gradebook(reports);
        assertTrue(csv.endsWith("\r\n"));
        List<List<String>> records = parse(csv);
        assertEquals(List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Total", "mse-linear",
                "bce-logistic", "l2-linear"), records.get(0));
        assertEquals(List.of("alice, a.", "", "", "alice, a.", "", "6", "4", "2", "0"), records.get(1));
        assertEquals(List.of("zed", "", "", "zed", "", "4", "4", "", ""), records.get(2));
        assertEquals(3, records.size());
    }
}
