package org.backpropgrader.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.grader.load.LoadedSubmission;
import org.backpropgrader.grader.load.SubmissionLoader;
import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.run.Answer;
import org.backpropgrader.grader.run.ExerciseSession;
import org.backpropgrader.grader.run.RunnerException;
import org.backpropgrader.grader.run.SubmissionRunner;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Note [Chained lanes follow] in {@link ExerciseGrading}: a chained lane whose arguments are bit for bit its isolated
 * twin's takes the twin's answer without a call; once they differ it opens its own object and gives it the calls it
 * skipped, in order, before its own; either way its checks are those of calling it every time.
 */
class ChainedLanesFollowTest {
    private static final Exercise<?, ?> MSE = Exercises.byId("mse-linear").orElseThrow();

    @TempDir
    Path tmp;

    /** What a runner was asked to do: "open chained", "isolated diff2", … in order. */
    private static final class RecordingRunner implements SubmissionRunner {
        final List<String> events = new ArrayList<>();
        private final SubmissionRunner delegate;

        RecordingRunner(SubmissionRunner delegate) {
            this.delegate = delegate;
        }

        @Override
        public ExerciseSession open(Truth truth, String implementationClass) throws RunnerException {
            throw new AssertionError("grading names the mode of every session it opens");
        }

        @Override
        public ExerciseSession open(Truth truth, String implementationClass, Mode mode) throws RunnerException {
            String lane = mode.name().toLowerCase(java.util.Locale.ROOT);
            events.add("open " + lane);
            ExerciseSession session = delegate.open(truth, implementationClass, mode);
            return new ExerciseSession() {
                @Override
                public Answer call(Gradient<?, ?> gradient, Tensor[] upstream) {
                    events.add(lane + " " + gradient.name());
                    return session.call(gradient, upstream);
                }

                @Override
                public void close() {
                    session.close();
                }
            };
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private List<GradientResult> grade(Path sources, RecordingRunner[] runnerOut) throws Exception {
        try (SubmissionLoader loader = new SubmissionLoader()) {
            LoadedSubmission loaded = loader.load(sources, Files.createDirectories(tmp.resolve("work")));
            assertTrue(loaded.compiled(), () -> String.join("\n", loaded.diagnostics()));
            Policy policy = Policy.defaults();
            try (RecordingRunner runner = new RecordingRunner(SubmissionGrader.IN_PROCESS.create(loaded, policy))) {
                runnerOut[0] = runner;
                List<ExerciseResult> results = GradingRun.grade(new GradingRequest(
                        "submission", List.of(MSE), loaded.implementations(), null, policy, runner, new TruthCache()));
                return results.get(0).gradients();
            }
        }
    }

    private static List<String> names(String prefix) {
        return MSE.gradients().stream().map(g -> prefix + g.name()).toList();
    }

    @Test
    void chainedLaneOfACorrectSolutionCallsNoMethodAndReportsTheIsolatedChecks() throws Exception {
        RecordingRunner[] runner = new RecordingRunner[1];
        List<GradientResult> gradients = grade(Submissions.copyOfModel(tmp.resolve("model")), runner);

        List<String> expected = new ArrayList<>(List.of("open isolated"));
        expected.addAll(names("isolated "));
        assertEquals(expected, runner[0].events, "the chained lane never opens an object of its own");
        for (GradientResult g : gradients) {
            assertEquals(2, g.checks().size(), g.name());
            Check isolated = g.checks().get(0);
            Check chained = g.checks().get(1);
            assertEquals(Mode.ISOLATED, isolated.mode());
            assertEquals(Mode.CHAINED, chained.mode());
            assertEquals(Status.EXACT, chained.status(), g.name());
            assertEquals(isolated.inMode(Mode.CHAINED), chained, g.name());
        }
    }

    @Test
    void chainedLaneThatMeetsAMistakeReplaysTheCallsItSkippedBeforeItsOwn() throws Exception {
        // pred returns twice the right gradient: the chained lane follows up to pred, then matmul's upstream (its
        // own dpred) differs from the truth's
        Path sources = Submissions.modelWith(
                tmp.resolve("mistake"),
                "MseLinearNotebook.java",
                "return Tensor.onesLike(f.pred()).neg().mul(ddiff);",
                "return Tensor.onesLike(f.pred()).neg().mul(ddiff).mul(2);");
        RecordingRunner[] runner = new RecordingRunner[1];
        List<GradientResult> gradients = grade(sources, runner);

        List<String> names = MSE.gradients().stream().map(Gradient::name).toList();
        int pred = names.indexOf("pred");
        int matmul = names.indexOf("matmul");
        assertEquals(pred + 1, matmul, names.toString());
        assertEquals(expectedEvents(names, matmul), runner[0].events);
        assertEquals(Status.WRONG, gradients.get(pred).checks().get(0).status());
        assertEquals(Status.WRONG, gradients.get(pred).checks().get(1).status(), "followed: the twin's check");
        assertEquals(Status.EXACT, gradients.get(matmul).checks().get(0).status());
        assertEquals(
                Status.WRONG, gradients.get(matmul).checks().get(1).status(), "chained matmul gets the doubled dpred");
    }

    @Test
    void chainedObjectThatKeepsStateBetweenMethodsIsInTheStateCallingItEveryTimeWouldLeave() throws Exception {
        // diff2 counts its calls in a field that W reads, and pred's answer is off by an ulp (close, not the same
        // bits), so the chained lane stops following at matmul: had its object missed the calls it skipped, its W
        // would be three times too large
        Path sources = Submissions.modelWith(
                tmp.resolve("stateful"),
                "MseLinearNotebook.java",
                "return Tensor.onesLike(f.pred()).neg().mul(ddiff);",
                "return Tensor.onesLike(f.pred()).neg().mul(ddiff).mul(1.0000001);");
        Path file = sources.resolve("notebook/MseLinearNotebook.java");
        Submissions.replaceLine(
                file,
                "return Tensor.onesLike(f.diff()).mul(1.0 / f.diff().size(0)).mul(1.0).mul(dloss);",
                "diff2Calls++; return Tensor.onesLike(f.diff()).mul(1.0 / f.diff().size(0)).mul(1.0).mul(dloss);");
        Submissions.replaceLine(
                file,
                "return f.X().T().matmul(dmatmul);",
                "return diff2Calls == 1 ? f.X().T().matmul(dmatmul) : f.X().T().matmul(dmatmul).mul(3);");
        Submissions.replaceLine(
                file,
                "public class MseLinearNotebook implements MseLinearBackward {",
                "public class MseLinearNotebook implements MseLinearBackward { private int diff2Calls;");
        RecordingRunner[] runner = new RecordingRunner[1];
        List<GradientResult> gradients = grade(sources, runner);

        List<String> names = MSE.gradients().stream().map(Gradient::name).toList();
        assertEquals(expectedEvents(names, names.indexOf("matmul")), runner[0].events);
        GradientResult w = gradients.get(names.indexOf("W"));
        assertEquals(Status.EXACT, w.checks().get(0).status());
        assertEquals(Status.CLOSE, w.checks().get(1).status(), "the chained object saw diff2 once, as the twin did");
    }

    /**
     * Every isolated call; the chained lane opens only at {@code diverge}, gets the calls before it, in order, then
     * calls its own from there.
     */
    private static List<String> expectedEvents(List<String> names, int diverge) {
        List<String> expected = new ArrayList<>(List.of("open isolated"));
        for (int i = 0; i < names.size(); i++) {
            expected.add("isolated " + names.get(i));
            if (i == diverge) {
                expected.add("open chained");
                for (int j = 0; j < diverge; j++) {
                    expected.add("chained " + names.get(j));
                }
            }
            if (i >= diverge) {
                expected.add("chained " + names.get(i));
            }
        }
        return expected;
    }
}
