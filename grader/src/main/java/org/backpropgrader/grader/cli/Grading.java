package org.backpropgrader.grader.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.grader.files.Directories;
import org.backpropgrader.grader.files.ScratchDirectory;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.grading.TruthCache;
import org.backpropgrader.grader.load.SubmissionException;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.GradeReport;

/** Runs one submission through a {@link SubmissionGrader} in a scratch directory that is removed afterwards. */
final class Grading {
    private Grading() {}

    static GradeReport grade(
            Path submission,
            Policy policy,
            List<Exercise<?, ?>> exercises,
            List<String> warnings,
            TruthCache truths,
            SubmissionGrader.RunnerFactory runners)
            throws CommandException {
        if (!Files.exists(submission)) {
            throw new CommandException(ExitCode.DATA, "submission " + submission + " does not exist");
        }
        Path work = null;
        try (SubmissionGrader grader = new SubmissionGrader(truths)) {
            work = ScratchDirectory.create("backprop-grader-");
            return grader.grade(submission, displayName(submission), policy, exercises, warnings, work, runners);
        } catch (SubmissionException e) {
            throw new CommandException(ExitCode.DATA, e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandException(ExitCode.DATA, "cannot grade " + submission + ": " + e, e);
        } finally {
            Directories.deleteQuietly(work);
        }
    }

    static String displayName(Path submission) {
        Path name = submission.toAbsolutePath().normalize().getFileName();
        return name == null ? submission.toString() : name.toString();
    }
}
