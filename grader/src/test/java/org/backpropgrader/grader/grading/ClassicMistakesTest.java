package org.backpropgrader.grader.grading;

import static org.backpropgrader.grader.grading.Submissions.exercise;
import static org.backpropgrader.grader.grading.Submissions.gradient;
import static org.backpropgrader.grader.grading.Submissions.modelWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One fixture per classic mistake: the model solution with one line replaced, graded from sources. Each pins the
 * wrong gradient's status and hint, and that in isolated mode the exercise's other gradients keep their points.
 */
class ClassicMistakesTest {
    private static SubmissionGrader grader;

    @TempDir
    Path tmp;

    @BeforeAll
    static void openGrader() {
        grader = new SubmissionGrader();
    }

    @AfterAll
    static void closeGrader() throws IOException {
        grader.close();
    }

    private GradeReport grade(Path submission) throws IOException {
        return Submissions.grade(grader, submission, Policy.defaults(), Files.createDirectories(tmp.resolve("w")));
    }

    /** The model with one line of {@code file} replaced, graded under the default (isolated) policy. */
    private GradeReport gradeModelWith(String file, String line, String replacement) throws IOException {
        return grade(modelWith(Files.createDirectories(tmp.resolve("submission")), file, line, replacement));
    }

    /** The gradient is wrong with {@code status}; every other gradient of every exercise keeps its points. */
    private static GradientResult assertOnlyWrong(GradeReport report, String exerciseId, String name, Status status) {
        GradientResult wrong = gradient(report, exerciseId, name);
        assertEquals(status, wrong.status(), exerciseId + "/" + name + ": " + wrong);
        assertEquals(0, wrong.points());
        for (ExerciseResult e : report.exercises()) {
            for (GradientResult g : e.gradients()) {
                if (e.id().equals(exerciseId) && g.name().equals(name)) {
                    continue;
                }
                assertTrue(g.status().earnsPoints(), e.id() + "/" + g.name() + " lost its points: " + g.status());
                assertEquals(g.maxPoints(), g.points(), e.id() + "/" + g.name());
            }
        }
        assertEquals(report.maxScore() - wrong.maxPoints(), report.score());
        assertEquals(status, exercise(report, exerciseId).status(), "the exercise shows its first failing gradient");
        return wrong;
    }

    /** The check of the scoring (isolated) mode for the notebook's seed. */
    private static Check isolated(GradientResult g) {
        return g.checks().stream()
                .filter(c -> c.mode() == Mode.ISOLATED)
                .findFirst()
                .orElseThrow();
    }

    private static void assertHintContains(GradientResult g, String... parts) {
        assertNotNull(g.hint(), g.name() + " has no hint: " + g);
        for (String part : parts) {
            assertTrue(g.hint().contains(part), "hint of " + g.name() + " lacks '" + part + "': " + g.hint());
        }
    }

    @Nested
    class WrongValues {
        @Test
        void allZeroH3Sum_isWrong_withTheAllZerosHint() throws IOException {
            GradeReport r = gradeModelWith(
                    "MlpSoftmaxMaxNotebook.java",
                    "return f.h3_sum().pow(-2).mul(-1.0).mul(dh3_sum_inv);",
                    "return Tensor.zerosLike(f.h3_sum());");

            GradientResult g = assertOnlyWrong(r, "mlp-softmax-max", "h3_sum", Status.WRONG);
            assertHintContains(g, "all zeros");
        }

        @Test
        void forgottenOneOverNInDiff2_isWrong_withTheBatchSizeFactorHint() throws IOException {
            GradeReport r = gradeModelWith(
                    "MseLinearNotebook.java",
                    "return Tensor.onesLike(f.diff()).mul(1.0 / f.diff().size(0)).mul(1.0).mul(dloss);",
                    "return Tensor.onesLike(f.diff()).mul(dloss);");

            GradientResult g = assertOnlyWrong(r, "mse-linear", "diff2", Status.WRONG);
            assertHintContains(g, "factor of 10", "batch size");
            Check c = isolated(g);
            assertFalse(c.close());
            assertEquals(9.0, c.relerr(), 1e-6, "10x the truth: relative error 9");
        }

        @Test
        void transposedSquareX_isWrong_withTheTransposedHint() throws IOException {
            GradeReport r = gradeModelWith(
                    "MseLinearNotebook.java",
                    "return dmatmul.matmul(f.W().T());",
                    "return dmatmul.matmul(f.W().T()).T();");

            GradientResult g = assertOnlyWrong(r, "mse-linear", "X", Status.WRONG);
            assertHintContains(g, "transposed");
        }

        @Test
        void negatedLogits_isWrong_withTheSignFlippedHint() throws IOException {
            GradeReport r = gradeModelWith(
                    "BceLogisticNotebook.java",
                    "return Tensor.onesLike(f.logits()).neg().mul(dneg_logits);",
                    "return Tensor.onesLike(f.logits()).mul(dneg_logits);");

            GradientResult g = assertOnlyWrong(r, "bce-logistic", "logits", Status.WRONG);
            assertHintContains(g, "sign flipped");
        }

        @Test
        void nanOutput_isWrong_withTheNanHint() throws IOException {
            GradeReport r = gradeModelWith(
                    "MseLinearNotebook.java",
                    "return Tensor.onesLike(f.y()).mul(ddiff);",
                    "return Tensor.onesLike(f.y()).mul(ddiff).mul(Float.NaN);");

            GradientResult g = assertOnlyWrong(r, "mse-linear", "y", Status.WRONG);
            assertHintContains(g, "10 NaN values", "division by zero");
            assertTrue(Double.isNaN(isolated(g).maxdiff()), "a NaN answer can never look small");
        }
    }

    @Nested
    class WrongShapes {
        @Test
        void keepdimInBceLogisticB_isShape_withTheDropKeepdimHint() throws IOException {
            GradeReport r = gradeModelWith(
                    "BceLogisticNotebook.java", "return dlogits.sum(0);", "return dlogits.sum(0, true);");

            GradientResult g = assertOnlyWrong(r, "bce-logistic", "b", Status.SHAPE);
            assertEquals("same values, extra singleton dimension: drop keepdim", g.hint());
            assertEquals("shape [1, 1] != expected [1]", isolated(g).message());
        }

        @Test
        void transposedW_isShape_withTheTransposedHint() throws IOException {
            GradeReport r = gradeModelWith(
                    "MseLinearNotebook.java", "return f.X().T().matmul(dmatmul);", "return dmatmul.T().matmul(f.X());");

            GradientResult g = assertOnlyWrong(r, "mse-linear", "W", Status.SHAPE);
            assertHintContains(g, "transposed");
            assertEquals("shape [1, 10] != expected [10, 1]", isolated(g).message());
        }

        @Test
        void missingBroadcastSumInB3_isShape_withTheMissingSumHint() throws IOException {
            GradeReport r =
                    gradeModelWith("MlpSoftmaxMaxNotebook.java", "return dh3_preact.sum(0);", "return dh3_preact;");

            GradientResult g = assertOnlyWrong(r, "mlp-softmax-max", "b3", Status.SHAPE);
            assertHintContains(g, "summed over dimension 0", "missing sum over the broadcast dimension");
        }
    }

    @Nested
    class Failures {
        @Test
        void methodThatThrows_isError_namingTheException() throws IOException {
            GradeReport r = gradeModelWith(
                    "ReluNeuronNotebook.java",
                    "return f.pre().gt(0).mul(dres);",
                    "throw new IllegalStateException(\"I give up\");");

            GradientResult g = assertOnlyWrong(r, "relu-neuron", "pre", Status.ERROR);
            for (Check c : g.checks()) {
                assertEquals(Status.ERROR, c.status(), c.mode().label());
                assertTrue(
                        c.message()
                                .startsWith("threw java.lang.IllegalStateException: I give up (at "
                                        + "ReluNeuronNotebook.java:"),
                        c.message());
            }
            for (String after : new String[] {"x", "w"}) {
                Check chained = gradient(r, "relu-neuron", after).checks().stream()
                        .filter(c -> c.mode() == Mode.CHAINED)
                        .findFirst()
                        .orElseThrow();
                assertEquals(Status.NOT_RUN, chained.status(), after + " has no chained upstream to run on");
                assertEquals("not run in chained mode: the upstream dpre has no answer", chained.message());
            }
        }

        @Test
        void methodThatReturnsNull_isError_returnedNull() throws IOException {
            GradeReport r = gradeModelWith("L2LinearNotebook.java", "return dlinear.sum(0);", "return null;");

            GradientResult g = assertOnlyWrong(r, "l2-linear", "b", Status.ERROR);
            assertEquals("returned null", isolated(g).message());
        }

        @Test
        void twoImplementingClasses_isAnExerciseError_namingBoth() throws IOException {
            Path submission = Submissions.copyOfModel(tmp.resolve("submission"));
            Path original = submission.resolve("notebook/MseLinearNotebook.java");
            Files.writeString(
                    submission.resolve("notebook/MseLinearCopy.java"),
                    Files.readString(original, StandardCharsets.UTF_8)
                            .replace("class MseLinearNotebook", "class MseLinearCopy"),
                    StandardCharsets.UTF_8);

            GradeReport r = grade(submission);

            ExerciseResult e = exercise(r, "mse-linear");
            assertEquals(Status.ERROR, e.status());
            assertEquals(0, e.score());
            assertTrue(e.message().contains("notebook.MseLinearCopy"), e.message());
            assertTrue(e.message().contains("notebook.MseLinearNotebook"), e.message());
            e.gradients().forEach(g -> assertEquals(Status.ERROR, g.status(), g.name()));
            assertEquals(r.maxScore() - e.maxScore(), r.score(), "the other exercises keep their points");
        }

        @Test
        void noImplementingClass_isMissing() throws IOException {
            Path submission = Submissions.copyOfModel(tmp.resolve("submission"));
            Files.delete(submission.resolve("notebook/ReluNeuronNotebook.java"));

            GradeReport r = grade(submission);

            ExerciseResult e = exercise(r, "relu-neuron");
            assertEquals(Status.MISSING, e.status());
            assertEquals("no class implements ReluNeuronBackward", e.message());
            assertEquals(4, e.gradients().size());
            e.gradients().forEach(g -> assertEquals(Status.MISSING, g.status(), g.name()));
            assertEquals(0, e.score());
            assertEquals(4, e.maxScore());
            assertEquals(Catalog.maxScore() - 4, r.score(), "the other exercises keep their points");
            assertEquals(Exercises.all().size(), r.exercises().size());
        }
    }

    @Nested
    class ChainedMode {
        /** ddiff without the 2 of diff**2: every method after it receives a wrong upstream gradient in chained mode. */
        @Test
        void wrongDiff_costsOnlyDiffWhenIsolated_butSpoilsEveryChainedCheckAfterIt() throws IOException {
            GradeReport r = gradeModelWith(
                    "MseLinearNotebook.java", "return f.diff().mul(2).mul(ddiff2);", "return f.diff().mul(ddiff2);");

            GradientResult diff = assertOnlyWrong(r, "mse-linear", "diff", Status.WRONG);
            assertHintContains(diff, "1/2");
            ExerciseResult mse = exercise(r, "mse-linear");
            boolean after = false;
            for (GradientResult g : mse.gradients()) {
                Check chained = g.checks().stream()
                        .filter(c -> c.mode() == Mode.CHAINED)
                        .findFirst()
                        .orElseThrow();
                if (after || g.name().equals("diff")) {
                    assertFalse(chained.close(), g.name() + " chained should not be close: " + chained);
                    assertEquals(Status.WRONG, chained.status(), g.name());
                } else {
                    assertTrue(chained.close(), g.name() + " comes before diff: " + chained);
                }
                after |= g.name().equals("diff");
            }
        }
    }
}
