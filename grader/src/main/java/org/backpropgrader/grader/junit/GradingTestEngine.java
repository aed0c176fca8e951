package org.backpropgrader.grader.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.grader.grading.ExerciseGrading;
import org.backpropgrader.grader.grading.Scoring;
import org.backpropgrader.grader.load.Implementation;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.report.Json;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * A JUnit Platform engine in which every gradient check is a test and every exercise a container, so that the
 * grader, IDEs and Maven Surefire read the same results. Each gradient test publishes its {@link GradientResult}
 * as a report entry (JSON through the one Gson configuration) and fails unless it earned its points;
 * {@link GradeListener} turns those events back into records.
 */
public final class GradingTestEngine implements TestEngine {
    public static final String ID = "backprop-grader";
    /** The configuration parameter holding a {@link GradingRequests} key. */
    static final String REQUEST_KEY = "backprop-grader.request";
    static final String GRADIENT_ENTRY = "gradient";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest discovery, UniqueId uniqueId) {
        Optional<String> key = discovery.getConfigurationParameters().get(REQUEST_KEY);
        GradingRequest request;
        if (key.isPresent()) {
            request = GradingRequests.lookup(key.get());
        } else {
            Optional<SelfCheck> selfCheck = discovery.getSelectorsByType(ClassSelector.class).stream()
                    .map(s -> s.getJavaClass().getAnnotation(SelfCheck.class)).filter(a -> a != null).findFirst();
            if (selfCheck.isEmpty()) {
                return new EngineDescriptor(uniqueId, ID); // nothing asked of us: an empty run
            }
            request = SelfCheckRequests.of(selfCheck.get());
        }
        Descriptors.Run run = new Descriptors.Run(uniqueId, request, key.isEmpty());
        for (Exercise<?, ?> e : request.exercises()) {
            String cls = request.implementations().get(e.id()) instanceof Implementation.Found f
                    ? f.className() : e.backwardType().getName();
            Descriptors.ExerciseNode node = new Descriptors.ExerciseNode(uniqueId, e, cls);
            for (Gradient<?, ?> g : e.gradients()) {
                node.addChild(new Descriptors.GradientNode(node.getUniqueId(), e, g, cls));
            }
            run.addChild(node);
        }
        return run;
    }

    @Override
    public void execute(ExecutionRequest execution) {
        TestDescriptor root = execution.getRootTestDescriptor();
        EngineExecutionListener listener = execution.getEngineExecutionListener();
        listener.executionStarted(root);
        if (root instanceof Descriptors.Run run) {
            for (TestDescriptor child : run.getChildren()) {
                executeExercise(run.request, (Descriptors.ExerciseNode) child, listener);
            }
        }
        if (root instanceof Descriptors.Run run && run.ownsRunner) {
            run.request.runner().close();
        }
        listener.executionFinished(root, TestExecutionResult.successful());
    }

    private static void executeExercise(GradingRequest request, Descriptors.ExerciseNode node,
            EngineExecutionListener listener) {
        listener.executionStarted(node);
        Exercise<?, ?> exercise = node.exercise;
        List<Descriptors.GradientNode> gradients = new ArrayList<>();
        node.getChildren().forEach(c -> gradients.add((Descriptors.GradientNode) c));
        String problem = null;
        Status problemStatus = Status.ERROR;
        Implementation impl = request.implementations().getOrDefault(exercise.id(), new Implementation.Missing());
        if (impl instanceof Implementation.Missing) {
            problemStatus = Status.MISSING;
            problem = impl.describe(exercise);
        } else if (impl instanceof Implementation.Unloadable && request.compilerOutput() != null) {
            problem = impl.describe(exercise) + "\n" + request.compilerOutput();
        } else if (!(impl instanceof Implementation.Found)) {
            problem = impl.describe(exercise);
        }
        if (problem != null) {
            for (Descriptors.GradientNode g : gradients) {
                GradientResult r = Scoring.unrun(g.gradient.name(), request.policy().pointsFor(exercise, g.gradient),
                        request.policy().seeds(), request.policy().scoringMode(), problemStatus, problem);
                report(listener, g, r);
            }
        } else {
            String cls = ((Implementation.Found) impl).className();
            try (ExerciseGrading grading = new ExerciseGrading(exercise, cls, request.policy(), request.runner(),
                    request.truths())) {
                for (Descriptors.GradientNode g : gradients) {
                    GradientResult r = grading.grade(g.gradient);
                    report(listener, g, r);
                }
            }
        }
        ExerciseHeader header = new ExerciseHeader(exercise.id(), problem == null ? null : problemStatus, problem);
        listener.reportingEntryPublished(node, ReportEntry.from(ExerciseHeader.ENTRY, Json.COMPACT.toJson(header)));
        // The container fails only for a problem of its own; failing gradients already fail as tests.
        listener.executionFinished(node, problem != null
                ? TestExecutionResult.failed(new ExerciseProblem(exercise.id() + ": " + problem))
                : TestExecutionResult.successful());
    }

    private static void report(EngineExecutionListener listener, Descriptors.GradientNode node, GradientResult r) {
        listener.executionStarted(node);
        listener.reportingEntryPublished(node, ReportEntry.from(GRADIENT_ENTRY, Json.COMPACT.toJson(r)));
        listener.executionFinished(node, r.status().earnsPoints() ? TestExecutionResult.successful()
                : TestExecutionResult.failed(new GradientCheckFailure(r)));
    }
}
