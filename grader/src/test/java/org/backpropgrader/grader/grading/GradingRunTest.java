package org.backpropgrader.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.grader.load.LoadedSubmission;
import org.backpropgrader.grader.load.SubmissionLoader;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.run.Answer;
import org.backpropgrader.grader.run.ExerciseSession;
import org.backpropgrader.grader.run.RunnerException;
import org.backpropgrader.grader.run.SubmissionRunner;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grading core called directly, as {@code grade}, {@code check} and batch workers call it: every exercise and
 * gradient in the notebook's order, a selection that grades only some gradients, listener events as results
 * appear, and a run that breaks off still has a row for every gradient, none of them full marks.
 */
class GradingRunTest {
    private static final Policy POLICY = Policy.defaults();
    private static SubmissionLoader loader;
    private static LoadedSubmission submission;

    @TempDir
    static Path tmp;

    /** The model solution with the notebook's keepdim in bce-logistic's db (SHAPE) and no 1/N in mse-linear's. */
    @BeforeAll
    static void loadSubmission() throws Exception {
        Path sources = Files.createDirectories(tmp.resolve("submission/notebook"));
        try (Stream<Path> files = Files.list(Path.of("../examples/correct/notebook"))) {
            for (Path f : files.toList()) {
                Files.copy(f, sources.resolve(f.getFileName()));
            }
        }
        replace(sources.resolve("BceLogisticNotebook.java"), "return dlogits.sum(0);", "return dlogits.sum(0, true);");
        replace(
                sources.resolve("MseLinearNotebook.java"),
                "return Tensor.onesLike(f.diff()).mul(1.0 / f.diff().size(0)).mul(1.0).mul(dloss);",
                "return Tensor.onesLike(f.diff()).mul(dloss);");
        loader = new SubmissionLoader();
        submission = loader.load(sources.getParent(), Files.createDirectories(tmp.resolve("work")));
        assertTrue(submission.compiled(), () -> String.join("\n", submission.diagnostics()));
    }

    @AfterAll
    static void closeLoader() throws IOException {
        loader.close();
    }

    private static void replace(Path file, String line, String replacement) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains(line), file + " lacks " + line);
        Files.writeString(file, text.replace(line, replacement), StandardCharsets.UTF_8);
    }

    private static GradingRequest request(SubmissionRunner runner) {
        return new GradingRequest(
                "submission", Exercises.all(), submission.implementations(), null, POLICY, runner, new TruthCache());
    }

    private static SubmissionRunner inProcess() throws IOException {
        return SubmissionGrader.IN_PROCESS.create(submission, POLICY);
    }

    private static int gradientCount() {
        return Exercises.all().stream().mapToInt(e -> e.gradients().size()).sum();
    }

    @Test
    void gradesEveryExerciseAndGradient_inTheNotebooksOrder() throws IOException {
        List<ExerciseResult> results;
        try (SubmissionRunner runner = inProcess()) {
            results = GradingRun.grade(request(runner));
        }

        assertEquals(Exercises.ids(), results.stream().map(ExerciseResult::id).toList());
        for (int i = 0; i < results.size(); i++) {
            Exercise<?, ?> e = Exercises.all().get(i);
            ExerciseResult r = results.get(i);
            assertEquals(e.title(), r.title());
            assertEquals(
                    e.gradients().stream().map(Gradient::name).toList(),
                    r.gradients().stream().map(GradientResult::name).toList());
        }
        assertEquals(Status.WRONG, results.get(0).status(), "mse-linear: diff2 without 1/N");
        assertEquals(7, results.get(0).score());
        assertEquals(Status.SHAPE, results.get(1).status(), "bce-logistic: db with keepdim");
        assertEquals(12, results.get(1).score());
        results.subList(2, 5).forEach(r -> assertEquals(Status.EXACT, r.status(), r.id()));
        GradientResult db = results.get(1).gradients().get(12);
        assertEquals("same values, extra singleton dimension: drop keepdim", db.hint());
    }

    @Test
    void runThatBreaksOff_hasANotRunRowForEveryUngradedGradient_andNoneWithFullMarks() throws IOException {
        // mse-linear: 8 gradients in 2 lanes (16 calls: its chained lane stops following at diff, after diff2's
        // mistake); bce-logistic: neg_log_probs and log_probs (2 calls: the chained lane follows the isolated one,
        // Note [Chained lanes follow]), then the first call for new_probs throws
        List<ExerciseResult> results;
        try (SubmissionRunner runner = new BreakingRunner(inProcess(), 18)) {
            results = GradingRun.grade(request(runner));
        }

        assertEquals(
                Exercises.ids(),
                results.stream().map(ExerciseResult::id).toList(),
                "every exercise has a row, graded or not");
        assertEquals(
                gradientCount(),
                results.stream().mapToInt(r -> r.gradients().size()).sum(),
                "every gradient has a row, graded or not");
        ExerciseResult mse = results.get(0);
        assertEquals(Status.WRONG, mse.status(), "graded before the break, as usual");
        assertEquals(7, mse.score());

        ExerciseResult bce = results.get(1);
        assertEquals("logistic regression, binary cross-entropy spelled out elementwise", bce.title());
        List<String> reported = List.of("neg_log_probs", "log_probs");
        for (ExerciseResult r : results.subList(1, results.size())) {
            assertEquals(Status.ERROR, r.status(), r.id());
            assertTrue(r.message().startsWith("internal error: "), r.message());
            assertTrue(
                    r.message().contains("java.lang.IllegalStateException: runner broke down at new_probs"),
                    r.message());
            assertTrue(r.score() < r.maxScore(), r.id() + " reads as full marks");
            double rows = 0;
            for (GradientResult g : r.gradients()) {
                rows += g.points();
                if (r == bce && reported.contains(g.name())) {
                    assertEquals(Status.EXACT, g.status(), g.name() + " reported before the break");
                    continue;
                }
                String where = r.id() + "/" + g.name();
                assertEquals(Status.NOT_RUN, g.status(), where);
                assertEquals(0, g.points(), where);
                assertEquals(1, g.maxPoints(), where);
                assertEquals(2, g.checks().size(), where);
                g.checks().forEach(c -> assertEquals(Status.NOT_RUN, c.status(), where));
            }
            assertEquals(rows, r.score(), r.id() + ": the score is the sum of the rows");
            assertEquals(r.gradients().size(), r.maxScore(), r.id());
        }
        assertEquals(2, bce.score());
    }

    @Test
    void selection_gradesOnlyTheSelectedGradients_andTheListenerHearsEachResultInOrder() throws IOException {
        List<String> events = new ArrayList<>();
        List<ExerciseResult> results;
        try (SubmissionRunner runner = inProcess()) {
            results = GradingRun.grade(
                    request(runner),
                    (e, g) -> e.id().equals("bce-logistic")
                            && List.of("probs", "b").contains(g.name()),
                    new GradingRun.Listener() {
                        @Override
                        public void exerciseStarted(Exercise<?, ?> exercise) {
                            events.add("start " + exercise.id());
                        }

                        @Override
                        public void gradientGraded(Exercise<?, ?> exercise, GradientResult result) {
                            events.add(result.name() + " " + result.status());
                        }

                        @Override
                        public void exerciseFinished(Exercise<?, ?> exercise, ExerciseResult result) {
                            events.add("finish " + exercise.id() + " " + result.score() + "/" + result.maxScore());
                        }
                    });
        }

        assertEquals(List.of("start bce-logistic", "probs EXACT", "b SHAPE", "finish bce-logistic 1.0/2.0"), events);
        assertEquals(1, results.size());
        assertEquals(
                List.of("probs", "b"),
                results.get(0).gradients().stream().map(GradientResult::name).toList());
        GradientResult probs = results.get(0).gradients().get(0);
        assertTrue(
                probs.checks().stream().allMatch(c -> c.status() == Status.EXACT),
                "chained mode has the student's own earlier answers, graded silently: " + probs.checks());
    }

    @Test
    void methodThatTimesOutInIsolatedMode_isNotRunAgainInChainedMode_andIsTimeoutInBoth() throws IOException {
        AtomicInteger predCalls = new AtomicInteger();
        SubmissionRunner hanging = new SubmissionRunner() {
            private final SubmissionRunner delegate = inProcess();

            @Override
            public ExerciseSession open(Truth truth, String implementationClass) throws RunnerException {
                ExerciseSession session = delegate.open(truth, implementationClass);
                return new ExerciseSession() {
                    @Override
                    public Answer call(Gradient<?, ?> gradient, Tensor[] upstream) {
                        if (gradient.name().equals("pred")) {
                            predCalls.incrementAndGet();
                            return new Answer.Failed(Status.TIMEOUT, "did not return within 10000 ms");
                        }
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
        };
        List<ExerciseResult> results;
        try (hanging) {
            results = GradingRun.grade(new GradingRequest(
                    "s",
                    List.of(Exercises.byId("mse-linear").orElseThrow()),
                    submission.implementations(),
                    null,
                    POLICY.withSeeds(List.of(111111L, 7L)),
                    hanging,
                    new TruthCache()));
        }

        assertEquals(2, predCalls.get(), "one call per seed, in isolated mode only");
        GradientResult pred = results.get(0).gradients().stream()
                .filter(g -> g.name().equals("pred"))
                .findFirst()
                .orElseThrow();
        assertEquals(Status.TIMEOUT, pred.status());
        assertEquals(4, pred.checks().size());
        pred.checks().forEach(c -> assertEquals(Status.TIMEOUT, c.status(), c.toString()));
        assertTrue(pred.checks().stream()
                .filter(c -> c.mode() == org.backpropgrader.grader.model.Mode.CHAINED)
                .allMatch(c -> c.message().endsWith("(in isolated mode; not run again in chained mode)")));
    }

    /** A runner whose sessions answer {@code calls} calls and then throw: a runner bug, or a child JVM gone. */
    private static final class BreakingRunner implements SubmissionRunner {
        private final SubmissionRunner delegate;
        private final AtomicInteger left;

        BreakingRunner(SubmissionRunner delegate, int calls) {
            this.delegate = delegate;
            this.left = new AtomicInteger(calls);
        }

        @Override
        public ExerciseSession open(Truth truth, String implementationClass) throws RunnerException {
            ExerciseSession session = delegate.open(truth, implementationClass);
            return new ExerciseSession() {
                @Override
                public Answer call(Gradient<?, ?> gradient, Tensor[] upstream) {
                    if (left.getAndDecrement() <= 0) {
                        throw new IllegalStateException("runner broke down at " + gradient.name());
                    }
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
}
