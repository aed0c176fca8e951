package org.backpropgrader.grader.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import org.backpropgrader.grader.Catalog;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.grading.TruthCache;
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
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The JUnit Platform integration: one container per exercise, one test per gradient named like its method, a
 * success for every gradient that earned its points and a failure carrying status and hint for every other; and a
 * run that breaks off still has a row for every gradient, none of them full marks.
 */
class GradingTestEngineTest {
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
        replace(sources.resolve("MseLinearNotebook.java"),
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
        return new GradingRequest("submission", Exercises.all(), submission.implementations(), null, POLICY, runner,
                new TruthCache());
    }

    private static SubmissionRunner inProcess() throws IOException {
        return SubmissionGrader.IN_PROCESS.create(submission, POLICY);
    }

    /** Runs the engine alone through the testkit, as an IDE or Surefire would see it. */
    private static EngineExecutionResults executeWithTestKit(GradingRequest request) {
        String key = GradingRequests.register(request);
        try {
            return EngineTestKit.engine(new GradingTestEngine())
                    .selectors(DiscoverySelectors.selectUniqueId(UniqueId.forEngine(GradingTestEngine.ID)))
                    .configurationParameter(GradingTestEngine.REQUEST_KEY, key)
                    .execute();
        } finally {
            GradingRequests.unregister(key);
        }
    }

    private static int gradientCount() {
        return Exercises.all().stream().mapToInt(e -> e.gradients().size()).sum();
    }

    @Test
    void gradingLauncher_recordsEveryExerciseAndGradient_inTheNotebooksOrder() throws IOException {
        List<ExerciseResult> results;
        try (SubmissionRunner runner = inProcess()) {
            results = GradingLauncher.run(request(runner));
        }

        assertEquals(Exercises.ids(), results.stream().map(ExerciseResult::id).toList());
        for (int i = 0; i < results.size(); i++) {
            Exercise<?, ?> e = Exercises.all().get(i);
            ExerciseResult r = results.get(i);
            assertEquals(e.title(), r.title());
            assertEquals(e.gradients().stream().map(Gradient::name).toList(),
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

    /** What the student template's {@code SelfCheckTest} is: discovery by annotation, as Surefire and IDEs do it. */
    @SelfCheck(submission = "../student-template/src/main/java")
    static class TemplateSelfCheck {}

    @Test
    void selfCheckAnnotatedClassIsDiscoveredAndChecksTheTemplateOneTestPerGradient() {
        EngineExecutionResults results = EngineTestKit.engine(new GradingTestEngine())
                .selectors(DiscoverySelectors.selectClass(TemplateSelfCheck.class))
                .execute();

        results.testEvents().assertStatistics(s -> s.started(gradientCount()).failed(gradientCount()));
        results.testEvents().failed().stream().forEach(ev -> assertTrue(
                failureMessage(ev).contains("NOT_IMPLEMENTED"), failureMessage(ev)));
        Event first = results.testEvents().started().list().get(0);
        assertEquals("diff2(dloss)", first.getTestDescriptor().getDisplayName());
        assertEquals("MethodSource [className = 'student.MseLinearSolution', methodName = 'diff2', "
                + "methodParameterTypes = 'org.backpropgrader.exercises.mselinear.MseLinearForward, "
                + "org.backpropgrader.reference.Tensor']",
                first.getTestDescriptor().getSource().orElseThrow().toString());
    }

    @Test
    void classesWithoutSelfCheckDiscoverNothing() {
        EngineExecutionResults results = EngineTestKit.engine(new GradingTestEngine())
                .selectors(DiscoverySelectors.selectClass(GradingTestEngineTest.class))
                .execute();

        results.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void testKit_seesOneContainerPerExercise_andOneTestPerGradient() throws IOException {
        EngineExecutionResults results;
        try (SubmissionRunner runner = inProcess()) {
            results = executeWithTestKit(request(runner));
        }

        // the engine's root, then one container per exercise; a container fails only for a problem of its own
        // (missing, ambiguous, does not compile), not because some of its gradients failed as tests
        int containers = 1 + Catalog.exercises();
        results.containerEvents().assertStatistics(s -> s.started(containers).finished(containers)
                .succeeded(containers).failed(0));
        List<String> names = results.containerEvents().started().stream()
                .map(ev -> ev.getTestDescriptor().getDisplayName()).toList();
        List<String> expected = new ArrayList<>();
        expected.add("backprop-grader: submission");
        Exercises.all().forEach(e -> expected.add(e.id() + ": " + e.title()));
        assertEquals(expected, names);

        results.testEvents().assertStatistics(s -> s.started(gradientCount()).succeeded(gradientCount() - 2).failed(2)
                .skipped(0).aborted(0));
        List<String> tests = results.testEvents().started().stream()
                .map(ev -> ev.getTestDescriptor().getDisplayName()).toList();
        List<String> methods = new ArrayList<>();
        Exercises.all().forEach(e -> e.gradients().forEach(g -> methods.add(g.name() + "("
                + String.join(", ", g.upstreamParameters()) + ")")));
        assertEquals(methods, tests);
        assertTrue(tests.contains("probs(dpositive_probs, dnegative_probs)"));
        assertTrue(tests.contains("W(dlinear, dW_2)"));

        List<String> failures = results.testEvents().failed().stream().map(GradingTestEngineTest::failureMessage).toList();
        assertEquals(2, failures.size());
        assertTrue(failures.get(0).startsWith("diff2: WRONG (hint: off by a factor of 10 (the batch size)"),
                failures.get(0));
        assertTrue(failures.get(0).contains("\nseed 111111, isolated: Mismatched elements: 10 / 10 (100.0%)"),
                failures.get(0));
        assertEquals("b: SHAPE (hint: same values, extra singleton dimension: drop keepdim)\n"
                + "seed 111111, isolated: shape [1, 1] != expected [1]", failures.get(1));
        results.testEvents().failed().stream().forEach(ev -> assertInstanceOf(GradientCheckFailure.class,
                throwable(ev)));

        // every gradient test publishes its result for the listener
        assertEquals(gradientCount(), results.allEvents().reportingEntryPublished().stream()
                .filter(ev -> ev.getTestDescriptor().isTest()).count());
    }

    @Test
    void runThatBreaksOff_hasANotRunRowForEveryUngradedGradient_andNoneWithFullMarks() throws IOException {
        // mse-linear: 8 gradients in 2 lanes (16 calls); bce-logistic: neg_log_probs and log_probs (4 calls), then
        // the first call for new_probs throws
        List<ExerciseResult> results;
        try (SubmissionRunner runner = new BreakingRunner(inProcess(), 20)) {
            results = GradingLauncher.run(request(runner));
        }

        assertEquals(Exercises.ids(), results.stream().map(ExerciseResult::id).toList(),
                "every exercise has a row, graded or not");
        assertEquals(gradientCount(), results.stream().mapToInt(r -> r.gradients().size()).sum(),
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
            assertTrue(r.message().contains("caused by java.lang.IllegalStateException: runner broke down at"
                    + " new_probs"), r.message());
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

    private static Throwable throwable(Event event) {
        TestExecutionResult result = event.getPayload(TestExecutionResult.class).orElseThrow();
        return result.getThrowable().orElseThrow();
    }

    private static String failureMessage(Event event) {
        return throwable(event).getMessage();
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
