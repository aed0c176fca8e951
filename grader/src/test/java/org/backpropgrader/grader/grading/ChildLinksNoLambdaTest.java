package org.backpropgrader.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.GradeReport;
import org.backpropgrader.grader.run.ChildJvmRunner;
import org.backpropgrader.grader.sandbox.NoSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The child JVM links no lambda of its own (runner's BackwardMethods): the first one costs a JVM some 7 ms and the
 * notebook's five exercises' 114 cost a child about 15% of its CPU. The model solution uses none, so a child grading
 * it, every exercise, links none.
 */
class ChildLinksNoLambdaTest {
    @TempDir
    Path tmp;

    @Test
    void aChildGradingTheModelSolutionLoadsNoLambdaClass() throws Exception {
        Path log = tmp.resolve("class-load.log");
        GradeReport report;
        // read when each child's command is made; this class's tests run one at a time
        System.setProperty(ChildJvmRunner.EXTRA_FLAGS_PROPERTY, "-Xlog:class+load=info:file=" + log);
        try {
            report = new SubmissionGrader(new TruthCache())
                    .grade(
                            Submissions.MODEL,
                            "model",
                            Policy.defaults(),
                            Exercises.all(),
                            List.of(),
                            Files.createTempDirectory(tmp, "work"),
                            ChildJvmRunner.factory(NoSandbox.INSTANCE));
        } finally {
            System.clearProperty(ChildJvmRunner.EXTRA_FLAGS_PROPERTY);
        }
        assertEquals(report.maxScore(), report.score(), "the child graded the model solution");
        String loaded = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(loaded.contains("notebook.MakemoreBatchnormNotebook"), "the log is the child's, every exercise's");
        assertEquals(
                List.of(),
                loaded.lines().filter(l -> l.contains("$$Lambda")).toList(),
                "lambda classes the child linked");
    }
}
