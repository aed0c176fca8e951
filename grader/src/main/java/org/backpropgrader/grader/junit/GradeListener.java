package org.backpropgrader.grader.junit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.grader.grading.Scoring;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.Json;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records a run's events into immutable results. Every gradient of the plan has a row from the start, marked
 * {@link Status#NOT_RUN} until its test reports, so a run that breaks off can never read as full marks.
 */
final class GradeListener implements TestExecutionListener {
    private final Map<String, Map<String, GradientResult>> gradients = new LinkedHashMap<>();
    private final Map<String, ExerciseHeader> headers = new LinkedHashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final List<Long> seeds;
    private final Mode scoring;
    private final Map<String, Double> maxPoints = new HashMap<>();
    private final Map<String, Double> weights = new HashMap<>();
    private final Map<String, String> titles = new HashMap<>();

    /** {@code policy} and {@code exercises} give every exercise's title, weight and points. */
    GradeListener(Policy policy, List<Exercise<?, ?>> exercises) {
        this.seeds = policy.seeds();
        this.scoring = policy.scoringMode();
        for (Exercise<?, ?> e : exercises) {
            weights.put(e.id(), policy.weightFor(e));
            titles.put(e.id(), e.title());
            for (Gradient<?, ?> g : e.gradients()) {
                maxPoints.put(e.id() + "/" + g.name(), policy.pointsFor(e, g));
            }
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier exercise : plan.getChildren(root)) {
                String id = segment(exercise, Descriptors.EXERCISE);
                Map<String, GradientResult> rows = new LinkedHashMap<>();
                for (TestIdentifier g : plan.getChildren(exercise)) {
                    String name = segment(g, Descriptors.GRADIENT);
                    rows.put(name, Scoring.unrun(name, maxPoints.getOrDefault(id + "/" + name, 0.0), seeds, scoring,
                            Status.NOT_RUN, "not run"));
                }
                gradients.put(id, rows);
            }
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        entry.getKeyValuePairs().forEach((key, json) -> {
            if (key.equals(GradingTestEngine.GRADIENT_ENTRY)) {
                GradientResult r = Json.COMPACT.fromJson(json, GradientResult.class);
                gradients.get(segment(id, Descriptors.EXERCISE)).put(r.name(), r);
            } else if (key.equals(ExerciseHeader.ENTRY)) {
                ExerciseHeader h = Json.COMPACT.fromJson(json, ExerciseHeader.class);
                headers.put(h.id(), h);
            }
        });
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isContainer() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            String exercise = segmentOrNull(id, Descriptors.EXERCISE);
            result.getThrowable().ifPresent(t -> failures.put(exercise == null ? "" : exercise, describe(t)));
        }
    }

    /**
     * The throwable and its causes: the platform wraps what an engine threw in "TestEngine with ID … failed to
     * execute tests", which alone does not say what went wrong.
     */
    private static String describe(Throwable t) {
        StringBuilder s = new StringBuilder(String.valueOf(t));
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            s.append("; caused by ").append(c);
        }
        return s.toString();
    }

    /** The results, in the plan's order. */
    List<ExerciseResult> results() {
        List<ExerciseResult> results = new ArrayList<>();
        gradients.forEach((id, rows) -> {
            List<GradientResult> grads = List.copyOf(rows.values());
            ExerciseHeader h = headers.get(id);
            if (h == null) {
                // The engine broke off before this exercise reported: say so, with whatever it threw. Gradients
                // that reported keep their points and the rest are NOT_RUN, so the exercise's score is the sum of
                // its rows, as every export (Gradescope's tests, the table) adds them up.
                String why = failures.getOrDefault(id, failures.getOrDefault("", "the grading run ended early"));
                ExerciseResult graded = Scoring.exerciseResult(id, titles.getOrDefault(id, id),
                        weights.getOrDefault(id, 1.0), grads);
                results.add(new ExerciseResult(id, graded.title(), Status.ERROR, "internal error: " + why,
                        graded.score(), graded.maxScore(), grads));
            } else if (h.status() != null) {
                results.add(Scoring.unrunnable(id, titles.get(id), weights.get(id), h.status(), h.message(), grads));
            } else {
                results.add(Scoring.exerciseResult(id, titles.get(id), weights.get(id), grads));
            }
        });
        return Collections.unmodifiableList(results);
    }

    private static String segment(TestIdentifier id, String type) {
        String value = segmentOrNull(id, type);
        if (value == null) {
            throw new IllegalStateException("test " + id.getUniqueId() + " has no " + type + " segment");
        }
        return value;
    }

    private static String segmentOrNull(TestIdentifier id, String type) {
        for (UniqueId.Segment s : UniqueId.parse(id.getUniqueId()).getSegments()) {
            if (s.getType().equals(type)) {
                return s.getValue();
            }
        }
        return null;
    }
}
