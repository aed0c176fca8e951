package org.backpropgrader.grader.hostile;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.GradeReport;
import org.backpropgrader.grader.run.ChildJvmRunner;
import org.backpropgrader.grader.sandbox.TestSandboxes;

/**
 * What one hostile submission's grading left: the report, and what its child-JVM runner saw ({@code runnerMade} is
 * false when grading never asked for a runner, e.g. every exercise was refused or missing).
 */
record Graded(GradeReport report, String output, int crashes, boolean runnerMade) {

    /** Grades {@code submission} as {@code grade} does: a child JVM per submission, in the standard sandbox. */
    static Graded grade(
            SubmissionGrader grader, Path submission, Policy policy, List<Exercise<?, ?>> exercises, Path work)
            throws Exception {
        AtomicReference<ChildJvmRunner> runner = new AtomicReference<>();
        SubmissionGrader.RunnerFactory factory = (loaded, p) -> {
            ChildJvmRunner r = new ChildJvmRunner(loaded.classesRoot(), p.limits(), TestSandboxes.standard());
            runner.set(r);
            return r;
        };
        GradeReport report = grader.grade(submission, "hostile", policy, exercises, List.of(), work, factory);
        ChildJvmRunner r = runner.get();
        return new Graded(report, r == null ? "" : r.capturedOutput(), r == null ? 0 : r.crashes(), r != null);
    }

    ExerciseResult exercise(String id) {
        return report.exercises().stream()
                .filter(e -> e.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    GradientResult gradient(String exercise, String name) {
        return exercise(exercise).gradients().stream()
                .filter(g -> g.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    Check check(String exercise, String name, Mode mode) {
        return gradient(exercise, name).checks().stream()
                .filter(c -> c.mode() == mode)
                .findFirst()
                .orElseThrow();
    }
}
