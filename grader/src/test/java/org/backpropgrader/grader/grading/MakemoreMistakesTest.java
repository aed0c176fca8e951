package org.backpropgrader.grader.grading;

import static org.backpropgrader.grader.grading.Submissions.gradient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.GradeReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/mistakes} on the makemore exercises: each classic mistake of the issue gets its status and a hint
 * that names it, in both modes, and the correct lines around it keep their points in isolated mode.
 */
class MakemoreMistakesTest {
    private static final Path MISTAKES = Path.of("../examples/mistakes");
    private static final List<Exercise<?, ?>> MAKEMORE = List.of(
            Exercises.byId("makemore-manual").orElseThrow(),
            Exercises.byId("makemore-cross-entropy").orElseThrow(),
            Exercises.byId("makemore-batchnorm").orElseThrow());
    /** exercise/gradient -> the status and a part of the hint that names the mistake. */
    private static final Map<String, List<String>> EXPECTED = Map.of(
            "makemore-manual/bndiff2", List.of("WRONG", "variance without Bessel's correction (off by (n-1)/n)"),
            "makemore-manual/bngain", List.of("SHAPE", "no sum over the batch"),
            "makemore-manual/bnbias", List.of("SHAPE", "no sum over the batch"),
            "makemore-manual/C", List.of("WRONG", "dC assigned instead of accumulated"),
            "makemore-cross-entropy/logits", List.of("WRONG", "the -1 at the target is missing"),
            "makemore-batchnorm/hprebn", List.of("WRONG", "variance without Bessel's correction"));

    private static SubmissionGrader grader;
    private static GradeReport report;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void grade() throws IOException {
        grader = new SubmissionGrader();
        report = Submissions.grade(
                grader,
                MISTAKES,
                Policy.defaults().withSeeds(List.of(Policy.NOTEBOOK_SEED, 7L)),
                MAKEMORE,
                Files.createDirectories(tmp.resolve("w")));
    }

    @AfterAll
    static void closeGrader() throws IOException {
        grader.close();
    }

    @Test
    void eachClassicMistakeHasItsStatusAndAHintThatNamesIt() {
        EXPECTED.forEach((where, expected) -> {
            String[] id = where.split("/");
            GradientResult g = gradient(report, id[0], id[1]);
            assertEquals(Status.valueOf(expected.get(0)), g.status(), where + ": " + g);
            assertEquals(0, g.points(), where);
            for (Check c : g.checks()) {
                if (c.mode() == Mode.ISOLATED) {
                    assertNotNull(c.hint(), where + " seed " + c.seed() + " has no hint: " + c);
                    assertTrue(c.hint().contains(expected.get(1)), where + " seed " + c.seed() + ": " + c.hint());
                }
            }
        });
    }

    @Test
    void everyOtherMakemoreGradientKeepsItsPointsInIsolatedMode() {
        for (ExerciseResult e : report.exercises()) {
            for (GradientResult g : e.gradients()) {
                if (!EXPECTED.containsKey(e.id() + "/" + g.name())) {
                    assertTrue(g.status().earnsPoints(), e.id() + "/" + g.name() + " is " + g.status() + ": " + g);
                }
            }
        }
    }

    @Test
    void chainedModeNamesTheMistakeOnTheStudentsOwnUpstreamToo() {
        GradientResult c = gradient(report, "makemore-manual", "C");
        Check chained = c.checks().stream()
                .filter(k -> k.mode() == Mode.CHAINED)
                .findFirst()
                .orElseThrow();
        assertEquals(Status.WRONG, chained.status());
        // Chained, dC's upstream already carries the bngain/bnbias/bndiff2 mistakes; the assignment is still named.
        assertTrue(
                chained.hint() != null && chained.hint().contains("dC assigned instead of accumulated"),
                String.valueOf(chained.hint()));
    }
}
