package org.backpropgrader.grader.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.grading.GradingRequest;
import org.backpropgrader.grader.grading.GradingRun;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.grading.TruthCache;
import org.backpropgrader.grader.load.LoadedSubmission;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.Json;
import org.backpropgrader.grader.run.SubmissionRunner;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * A JUnit Platform engine in which every gradient check is a test, every exercise a container (filed under the
 * student's class) and every submission a container, so that IDEs, Maven Surefire and Gradle show the same checks
 * as {@code grader check}. A thin adapter: {@link Discovery} maps selectors to the tree, and execution hands the
 * selected gradients to the grading core ({@link GradingRun}), running the student's code in this JVM, and turns
 * each result into a test event (a failure unless it earned its points) with the result as a report entry.
 */
public final class GradingTestEngine implements TestEngine {
    public static final String ID = "backprop-grader";
    static final String GRADIENT_ENTRY = "gradient";

    private final SubmissionCache submissions = new SubmissionCache();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest discovery, UniqueId uniqueId) {
        return new Discovery(discovery, uniqueId, submissions).discover();
    }

    @Override
    public void execute(ExecutionRequest execution) {
        TestDescriptor root = execution.getRootTestDescriptor();
        EngineExecutionListener listener = execution.getEngineExecutionListener();
        listener.executionStarted(root);
        for (TestDescriptor child : root.getChildren()) {
            executeSubmission((Descriptors.SubmissionNode) child, listener);
        }
        listener.executionFinished(root, TestExecutionResult.successful());
    }

    private static void executeSubmission(Descriptors.SubmissionNode node, EngineExecutionListener listener) {
        listener.executionStarted(node);
        LoadedSubmission loaded = node.loaded;
        Policy policy = node.submission.policy();
        Map<String, Descriptors.ExerciseNode> exercises = new HashMap<>();
        node.getChildren().forEach(c -> {
            Descriptors.ExerciseNode e = (Descriptors.ExerciseNode) c;
            exercises.put(e.exercise.id(), e);
        });
        List<Exercise<?, ?>> selected = Exercises.all().stream()
                .filter(e -> exercises.containsKey(e.id()))
                .toList();
        String compilerOutput = loaded.compiled() ? null : String.join("\n", loaded.diagnostics());
        try (SubmissionRunner runner = SubmissionGrader.IN_PROCESS.create(loaded, policy)) {
            GradingRequest request = new GradingRequest(
                    node.getDisplayName(),
                    selected,
                    loaded.implementations(),
                    compilerOutput,
                    policy,
                    runner,
                    new TruthCache());
            GradingRun.grade(
                    request, (e, g) -> exercises.get(e.id()).gradient(g.name()).isPresent(), new GradingRun.Listener() {
                        @Override
                        public void exerciseStarted(Exercise<?, ?> exercise) {
                            listener.executionStarted(exercises.get(exercise.id()));
                        }

                        @Override
                        public void gradientGraded(Exercise<?, ?> exercise, GradientResult result) {
                            report(
                                    listener,
                                    exercises
                                            .get(exercise.id())
                                            .gradient(result.name())
                                            .orElseThrow(),
                                    result);
                        }

                        @Override
                        public void exerciseFinished(Exercise<?, ?> exercise, ExerciseResult result) {
                            // The container fails only for a problem of its own (missing, ambiguous, does not
                            // compile); failing gradients already fail as tests.
                            listener.executionFinished(
                                    exercises.get(exercise.id()),
                                    result.message() != null
                                            ? TestExecutionResult.failed(
                                                    new ExerciseProblem(exercise.id() + ": " + result.message()))
                                            : TestExecutionResult.successful());
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The compiler's messages, once per submission.
        listener.executionFinished(
                node,
                compilerOutput == null
                        ? TestExecutionResult.successful()
                        : TestExecutionResult.failed(
                                new ExerciseProblem("the submission does not compile:\n" + compilerOutput)));
    }

    private static void report(EngineExecutionListener listener, Descriptors.GradientNode node, GradientResult r) {
        listener.executionStarted(node);
        listener.reportingEntryPublished(node, ReportEntry.from(GRADIENT_ENTRY, Json.COMPACT.toJson(r)));
        listener.executionFinished(
                node,
                r.status().earnsPoints()
                        ? TestExecutionResult.successful()
                        : TestExecutionResult.failed(new GradientCheckFailure(r)));
    }
}
