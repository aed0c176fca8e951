package org.backpropgrader.grader.grading;

import java.util.ArrayList;
import java.util.List;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.grader.load.Implementation;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.reference.Tensor;

/**
 * The grading core: {@code grade(request) → results}, exercise by exercise in the request's order, gradient by
 * gradient in the notebook's order. Plain Java, called directly by {@code grade}, {@code check} and every batch
 * worker; the JUnit engine wraps it with a {@link Listener} that turns each result into a test event.
 *
 * <p>A runner that breaks down (a bug, a child JVM gone for good) does not lose the report: the gradients graded
 * so far keep their results, every other selected gradient reads {@link Status#NOT_RUN} with no points, and the
 * exercises from there on are {@link Status#ERROR} with the reason, so a broken run never reads as full marks.
 */
public final class GradingRun {
    private GradingRun() {}

    /** Which gradients to grade and report; the others are left out of the results. */
    @FunctionalInterface
    public interface Selection {
        Selection ALL = (exercise, gradient) -> true;

        boolean includes(Exercise<?, ?> exercise, Gradient<?, ?> gradient);
    }

    /** Hears each result the moment it exists, e.g. to report it as a test. */
    public interface Listener {
        Listener NONE = new Listener() {};

        default void exerciseStarted(Exercise<?, ?> exercise) {}

        default void gradientGraded(Exercise<?, ?> exercise, GradientResult result) {}

        /** After the exercise's gradients; {@code result.message()} says why it could not run, if it could not. */
        default void exerciseFinished(Exercise<?, ?> exercise, ExerciseResult result) {}

        /** A tensor the student's method returned for {@code seed} in {@code mode}, and the truth it was held to. */
        default void answered(
                Exercise<?, ?> exercise,
                Gradient<?, ?> gradient,
                long seed,
                Mode mode,
                Tensor student,
                Tensor truth,
                Tolerance tolerance) {}
    }

    /** Every gradient of every exercise of the request. */
    public static List<ExerciseResult> grade(GradingRequest request) {
        return grade(request, Selection.ALL, Listener.NONE);
    }

    public static List<ExerciseResult> grade(GradingRequest request, Selection selection, Listener listener) {
        List<ExerciseResult> results = new ArrayList<>();
        String breakdown = null;
        for (Exercise<?, ?> exercise : request.exercises()) {
            List<Gradient<?, ?>> selected = new ArrayList<>();
            exercise.gradients().stream()
                    .filter(g -> selection.includes(exercise, g))
                    .forEach(selected::add);
            if (selected.isEmpty()) {
                continue;
            }
            listener.exerciseStarted(exercise);
            List<GradientResult> graded = new ArrayList<>();
            ExerciseResult result;
            if (breakdown != null) {
                result = brokenOff(request, exercise, selected, graded, breakdown, listener);
            } else {
                try {
                    result = gradeExercise(request, exercise, selected, graded, listener);
                } catch (RuntimeException | LinkageError e) {
                    breakdown = "internal error: " + describe(e);
                    result = brokenOff(request, exercise, selected, graded, breakdown, listener);
                }
            }
            listener.exerciseFinished(exercise, result);
            results.add(result);
        }
        return List.copyOf(results);
    }

    private static ExerciseResult gradeExercise(
            GradingRequest request,
            Exercise<?, ?> exercise,
            List<Gradient<?, ?>> selected,
            List<GradientResult> graded,
            Listener listener) {
        Implementation impl = request.implementations().getOrDefault(exercise.id(), new Implementation.Missing());
        double weight = request.policy().weightFor(exercise);
        if (!(impl instanceof Implementation.Found found)) {
            Status status = impl instanceof Implementation.Missing ? Status.MISSING : Status.ERROR;
            // The compiler's own messages belong to the submission (GradeReport.compilerOutput), said once; each
            // exercise and gradient carries only the one-line reason.
            String problem = impl.describe(exercise);
            for (Gradient<?, ?> g : selected) {
                GradientResult r = Scoring.unrun(
                        g.name(),
                        request.policy().pointsFor(exercise, g),
                        request.policy().seeds(),
                        request.policy().scoringMode(),
                        status,
                        problem);
                graded.add(r);
                listener.gradientGraded(exercise, r);
            }
            return Scoring.unrunnable(exercise.id(), exercise.title(), weight, status, problem, graded);
        }
        Gradient<?, ?> last = selected.get(selected.size() - 1);
        try (ExerciseGrading grading = new ExerciseGrading(
                exercise,
                found.className(),
                request.policy(),
                request.runner(),
                request.truths(),
                (g, seed, mode, student, truth, tolerance) -> {
                    if (selected.contains(g)) {
                        listener.answered(exercise, g, seed, mode, student, truth, tolerance);
                    }
                })) {
            // Gradients before a selected one are graded too (unreported): chained mode feeds a method the
            // student's own earlier answers.
            for (Gradient<?, ?> g : exercise.gradients()) {
                GradientResult r = grading.grade(g);
                if (selected.contains(g)) {
                    graded.add(r);
                    listener.gradientGraded(exercise, r);
                }
                if (g.equals(last)) {
                    break;
                }
            }
        }
        return Scoring.exerciseResult(exercise.id(), exercise.title(), weight, graded);
    }

    /** The gradients graded before the breakdown keep their results; the rest are NOT_RUN. */
    private static ExerciseResult brokenOff(
            GradingRequest request,
            Exercise<?, ?> exercise,
            List<Gradient<?, ?>> selected,
            List<GradientResult> graded,
            String why,
            Listener listener) {
        List<GradientResult> rows = new ArrayList<>(graded);
        for (Gradient<?, ?> g : selected.subList(graded.size(), selected.size())) {
            GradientResult r = Scoring.unrun(
                    g.name(),
                    request.policy().pointsFor(exercise, g),
                    request.policy().seeds(),
                    request.policy().scoringMode(),
                    Status.NOT_RUN,
                    "not run: " + why);
            rows.add(r);
            listener.gradientGraded(exercise, r);
        }
        ExerciseResult sum = Scoring.exerciseResult(
                exercise.id(), exercise.title(), request.policy().weightFor(exercise), rows);
        return new ExerciseResult(
                exercise.id(), exercise.title(), Status.ERROR, why, sum.score(), sum.maxScore(), rows);
    }

    /** The throwable and its causes: a wrapper alone ("cannot run …") may not say what went wrong. */
    private static String describe(Throwable t) {
        StringBuilder s = new StringBuilder(String.valueOf(t));
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            s.append("; caused by ").append(c);
        }
        return s.toString();
    }
}
