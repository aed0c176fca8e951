package org.backpropgrader.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpropgrader.grader.report.CsvGradebook;
import org.backpropgrader.grader.report.GradeReport;
import org.backpropgrader.grader.roster.Roster;
import org.backpropgrader.grader.roster.Student;
import org.junit.jupiter.api.Test;

/** A batch's entries against its roster: each roster row matches at most one submission. */
class ReconciliationTest {
    private static Entries.Entry entry(String id, String file) {
        return new Entries.Entry(id, Path.of("subs", file));
    }

    @Test
    void aSecondEntryForOneStudent_isNotOnTheRoster_soOneStudentNeverGetsTwoGrades() throws Exception {
        Roster roster = Roster.parse("submission,user_id\nalice,u1\nbob,u2\n", "roster.csv");
        // Entries.list names alice/ "alice" and the later alice.zip by its whole file name.
        List<Entries.Entry> entries = List.of(entry("alice", "alice"), entry("alice.zip", "alice.zip"));

        Reconciliation r = Reconciliation.of(roster, entries);

        assertEquals(List.of("alice.zip"), r.summary().notOnRoster());
        assertEquals(List.of("bob"), r.summary().withoutSubmission());
        Map<String, GradeReport> reports = new LinkedHashMap<>();
        reports.put("alice", null);
        reports.put("alice.zip", null);
        List<CsvGradebook.Row> rows = r.rows(reports);
        assertEquals(
                List.of("alice", "alice.zip", "bob"),
                rows.stream().map(x -> x.student().submission()).toList());
        assertEquals("u1", rows.get(0).student().userId());
        assertEquals(Student.unlisted("alice.zip"), rows.get(1).student());
    }

    @Test
    void withoutARoster_everySubmissionIsItsOwnStudent_andOneWarning() {
        Reconciliation r = Reconciliation.of(null, List.of(entry("alice", "alice")));

        assertNull(r.summary());
        assertEquals(1, r.warnings().size());
        Map<String, GradeReport> reports = new LinkedHashMap<>();
        reports.put("alice", null);
        assertEquals(List.of(new CsvGradebook.Row(Student.unlisted("alice"), null)), r.rows(reports));
    }
}
