package org.backpropgrader.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.Catalog;
import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.GradeReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The untouched student template scores 0 and reads "not implemented" everywhere, in both modes: a student who has
 * not started sees the template's own TODO messages, not errors or "not run".
 */
class TemplateTest {
    private static SubmissionGrader grader;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void openGrader() {
        grader = new SubmissionGrader();
    }

    @AfterAll
    static void closeGrader() throws IOException {
        grader.close();
    }

    @ParameterizedTest(name = "scoring mode {0}")
    @EnumSource(Mode.class)
    void scoresZero_withEveryGradientNotImplemented(Mode scoring) {
        Policy policy =
                Policy.defaults().withSeeds(List.of(Policy.NOTEBOOK_SEED, 7L)).withScoringMode(scoring);
        GradeReport report = Submissions.grade(grader, Submissions.TEMPLATE, policy, tmp);

        assertEquals(0, report.score());
        assertEquals(Catalog.maxScore(), report.maxScore());
        assertEquals(
                Exercises.ids(),
                report.exercises().stream().map(ExerciseResult::id).toList());
        for (ExerciseResult e : report.exercises()) {
            assertEquals(Status.NOT_IMPLEMENTED, e.status(), e.id());
            assertEquals(0, e.score(), e.id());
            for (GradientResult g : e.gradients()) {
                String where = e.id() + "/" + g.name();
                assertEquals(Status.NOT_IMPLEMENTED, g.status(), where);
                assertEquals(0, g.points(), where);
                assertNull(g.hint(), where);
                assertEquals(4, g.checks().size(), where + ": 2 seeds x 2 modes");
                for (Check c : g.checks()) {
                    assertEquals(
                            Status.NOT_IMPLEMENTED,
                            c.status(),
                            where + " seed " + c.seed() + " " + c.mode() + ": " + c.message());
                    assertEquals("TODO " + g.name(), c.message(), where + " " + c.mode());
                }
            }
        }
    }
}
