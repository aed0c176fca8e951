package org.backpropgrader.grader.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.backpropgrader.grader.files.Directories;
import org.backpropgrader.grader.load.ApiAllowlist;
import org.backpropgrader.grader.load.LoadedSubmission;
import org.backpropgrader.grader.load.SubmissionException;
import org.backpropgrader.grader.load.SubmissionLoader;
import org.junit.platform.commons.JUnitException;

/**
 * Loads each submission the engine is asked about once: Surefire discovers class by class before it runs them all,
 * and each discovery must not compile or copy the submission again.
 */
final class SubmissionCache {
    private final Map<Path, LoadedSubmission> loaded = new HashMap<>();

    /** {@code submission}, vetted against {@code allowlist} (the policy's) before any of its code can run. */
    synchronized LoadedSubmission load(Path submission, ApiAllowlist allowlist) {
        LoadedSubmission cached = loaded.get(submission);
        if (cached != null) {
            return cached;
        }
        try {
            Path work = Files.createTempDirectory("backprop-selfcheck-");
            // The in-process class loader reads the classes from here while the tests run: remove it at exit.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Directories.deleteQuietly(work)));
            LoadedSubmission result;
            try (SubmissionLoader loader = new SubmissionLoader()) {
                result = loader.load(submission, work, allowlist);
            }
            loaded.put(submission, result);
            return result;
        } catch (SubmissionException | IOException e) {
            throw new JUnitException("backprop-grader cannot load " + submission + ": " + e.getMessage(), e);
        }
    }
}
