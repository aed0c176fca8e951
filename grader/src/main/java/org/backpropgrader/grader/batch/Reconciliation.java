package org.backpropgrader.grader.batch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backpropgrader.grader.report.CsvGradebook;
import org.backpropgrader.grader.report.GradeReport;
import org.backpropgrader.grader.roster.Roster;
import org.backpropgrader.grader.roster.Student;

/**
 * A batch's submissions held against its roster: who submitted without being on it, who is on it without a
 * submission, and so the gradebook's rows. Without a roster every submission is its own student, named by the
 * submission ({@link Student#unlisted}).
 */
final class Reconciliation {
    private final Roster roster;
    private final List<String> notOnRoster;
    private final List<Student> withoutSubmission;

    private Reconciliation(Roster roster, List<String> notOnRoster, List<Student> withoutSubmission) {
        this.roster = roster;
        this.notOnRoster = List.copyOf(notOnRoster);
        this.withoutSubmission = List.copyOf(withoutSubmission);
    }

    static Reconciliation of(Roster roster, List<Entries.Entry> entries) {
        if (roster == null) {
            return new Reconciliation(null, List.of(), List.of());
        }
        List<String> notOnRoster = new ArrayList<>();
        Set<Student> matched = new HashSet<>();
        for (Entries.Entry e : entries) {
            roster.student(e.id()).ifPresentOrElse(matched::add, () -> notOnRoster.add(e.id()));
        }
        List<Student> without =
                roster.students().stream().filter(s -> !matched.contains(s)).toList();
        return new Reconciliation(roster, notOnRoster, without);
    }

    /** What the batch says about the roster, one line each: once without one, and each mismatch with one. */
    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (roster == null) {
            warnings.add("no --roster: no LTI Scores are written (each needs the student's LMS user id); the"
                    + " gradebook names students by their submission");
            return warnings;
        }
        warnings.addAll(roster.warnings());
        for (String id : notOnRoster) {
            warnings.add("submission '" + id + "' is not on the roster " + roster.file() + ": graded, but no LTI"
                    + " Score, and its gradebook row has only its name");
        }
        for (Student s : withoutSubmission) {
            warnings.add("no submission for '" + s.submission() + "' (user " + s.userId() + ") of the roster "
                    + roster.file() + ": 0 in the gradebook");
        }
        return warnings;
    }

    /** The summary's roster block, or null without a roster. */
    BatchSummary.RosterCheck summary() {
        return roster == null
                ? null
                : new BatchSummary.RosterCheck(
                        roster.file(),
                        roster.students().size(),
                        notOnRoster,
                        withoutSubmission.stream().map(Student::submission).toList());
    }

    /** The gradebook: every graded submission (its roster row, else its name) and every roster student without one. */
    List<CsvGradebook.Row> rows(Map<String, GradeReport> reports) {
        List<CsvGradebook.Row> rows = new ArrayList<>();
        reports.forEach((id, report) -> rows.add(new CsvGradebook.Row(
                roster == null ? Student.unlisted(id) : roster.student(id).orElse(Student.unlisted(id)), report)));
        withoutSubmission.forEach(s -> rows.add(new CsvGradebook.Row(s, null)));
        return rows;
    }
}
