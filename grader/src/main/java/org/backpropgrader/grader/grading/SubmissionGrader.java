package org.backpropgrader.grader.grading;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.grader.load.LoadedSubmission;
import org.backpropgrader.grader.load.SubmissionException;
import org.backpropgrader.grader.load.SubmissionLoader;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.GradeReport;
import org.backpropgrader.grader.run.InProcessRunner;
import org.backpropgrader.grader.run.SubmissionRunner;

/**
 * The whole path from a submission on disk to a report: load (compiling sources), grade every gradient
 * ({@link GradingRun}), and collect the records. One instance keeps the compiler and the answer keys warm
 * for many submissions.
 */
public final class SubmissionGrader implements AutoCloseable {
    private final SubmissionLoader loader = new SubmissionLoader();
    private final TruthCache truths;

    /** A grader with answer keys of its own. */
    public SubmissionGrader() {
        this(new TruthCache());
    }

    /** A grader that shares {@code truths} (with the policy check, or with the other workers of a batch). */
    public SubmissionGrader(TruthCache truths) {
        this.truths = truths;
    }

    /** Makes the runner for a loaded submission: in-process for self-checks, a child JVM for grading. */
    @FunctionalInterface
    public interface RunnerFactory {
        SubmissionRunner create(LoadedSubmission submission, Policy policy) throws IOException;
    }

    /** The in-process runner: the student's classes in a class loader of their own, inside this JVM. */
    public static final RunnerFactory IN_PROCESS = (submission, policy) -> new InProcessRunner(
            classLoader(submission.classesRoot()),
            Duration.ofMillis(policy.limits().methodTimeoutMs()));

    /**
     * Grades {@code submission} (a class directory, jar, source directory or source zip).
     *
     * @param name how the report names the submission
     * @param workDir scratch space for extracting and compiling, owned by the caller
     * @throws SubmissionException when the submission cannot be read at all
     */
    public GradeReport grade(
            Path submission,
            String name,
            Policy policy,
            List<Exercise<?, ?>> exercises,
            List<String> warnings,
            Path workDir,
            RunnerFactory runners)
            throws SubmissionException, IOException {
        return grade(
                submission,
                name,
                policy,
                exercises,
                warnings,
                workDir,
                runners,
                GradingRun.Selection.ALL,
                GradingRun.Listener.NONE);
    }

    /** As above, grading only the gradients {@code selection} includes and telling {@code listener} as it goes. */
    public GradeReport grade(
            Path submission,
            String name,
            Policy policy,
            List<Exercise<?, ?>> exercises,
            List<String> warnings,
            Path workDir,
            RunnerFactory runners,
            GradingRun.Selection selection,
            GradingRun.Listener listener)
            throws SubmissionException, IOException {
        Instant start = Instant.now();
        // the forbidden-API check happens here, before the runner is made
        LoadedSubmission loaded = load(submission, workDir, policy);
        return grade(loaded, name, policy, exercises, warnings, runners, selection, listener, start);
    }

    /**
     * Loads {@code submission} (compiling sources into {@code workDir}) and checks its classes against the policy's
     * API allowlist: the first half of {@link #grade}, which a batch runs ahead of the second.
     */
    public LoadedSubmission load(Path submission, Path workDir, Policy policy) throws SubmissionException {
        return loader.load(submission, workDir, policy.apiAllowlist());
    }

    /**
     * Grades a submission {@link #load loaded} before, whose loading began at {@code start}: the second half of {@link
     * #grade}.
     */
    public GradeReport grade(
            LoadedSubmission loaded,
            String name,
            Policy policy,
            List<Exercise<?, ?>> exercises,
            List<String> warnings,
            RunnerFactory runners,
            GradingRun.Selection selection,
            GradingRun.Listener listener,
            Instant start)
            throws IOException {
        String compilerOutput = loaded.compiled() ? null : String.join("\n", loaded.diagnostics());
        List<ExerciseResult> results;
        String studentOutput;
        try (SubmissionRunner runner = runners.create(loaded, policy)) {
            results = GradingRun.grade(
                    new GradingRequest(
                            name, exercises, loaded.implementations(), compilerOutput, policy, runner, truths),
                    selection,
                    listener);
            studentOutput = runner.capturedOutput();
        }
        return GradeReport.of(name, policy, warnings, results, start, Duration.between(start, Instant.now()))
                .withStudentOutput(studentOutput)
                .withCompilerOutput(compilerOutput);
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }

    private static ClassLoader classLoader(Path classesRoot) throws MalformedURLException {
        return new URLClassLoader(new URL[] {classesRoot.toUri().toURL()}, SubmissionGrader.class.getClassLoader());
    }
}
