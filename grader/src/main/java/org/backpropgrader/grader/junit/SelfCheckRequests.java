package org.backpropgrader.grader.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.files.Directories;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.grading.TruthCache;
import org.backpropgrader.grader.load.LoadedSubmission;
import org.backpropgrader.grader.load.SubmissionException;
import org.backpropgrader.grader.load.SubmissionLoader;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.policy.PolicyException;
import org.backpropgrader.grader.policy.PolicyLoader;
import org.junit.platform.commons.JUnitException;

/** Builds the request for a class annotated {@link SelfCheck}: load the submission, run it in-process. */
final class SelfCheckRequests {
    private SelfCheckRequests() {}

    static GradingRequest of(SelfCheck annotation) {
        Path submission = Path.of(annotation.submission());
        try {
            Policy policy = annotation.policy().isEmpty() ? Policy.defaults()
                    : PolicyLoader.load(Path.of(annotation.policy()));
            Path work = Files.createTempDirectory("backprop-selfcheck-");
            // The in-process class loader reads compiled classes from here while the tests run: remove it at exit.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Directories.deleteQuietly(work)));
            LoadedSubmission loaded;
            try (SubmissionLoader loader = new SubmissionLoader()) {
                loaded = loader.load(submission, work, policy.apiAllowlist());
            }
            String compilerOutput = loaded.compiled() ? null : String.join("\n", loaded.diagnostics());
            return new GradingRequest(submission.toString(), Exercises.all(), loaded.implementations(),
                    compilerOutput, policy, SubmissionGrader.IN_PROCESS.create(loaded, policy), new TruthCache());
        } catch (PolicyException | SubmissionException | IOException e) {
            throw new JUnitException("@SelfCheck cannot load " + submission.toAbsolutePath() + ": " + e.getMessage(),
                    e);
        }
    }
}
