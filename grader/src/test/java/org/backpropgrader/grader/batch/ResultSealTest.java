package org.backpropgrader.grader.batch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.GradeReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A submission's results are sealed before the native result, their commit marker, is written. */
class ResultSealTest {
    @TempDir
    Path tmp;

    private static final BatchStamp STAMP =
            new BatchStamp("sha256:" + "1".repeat(64), "sha256:" + "a".repeat(64), "alice", null);

    private static GradeReport report() {
        return GradeReport.of(
                "alice", Policy.defaults(), List.of(), List.of(), Instant.parse("2026-12-01T10:00:00Z"), Duration.ZERO);
    }

    @Test
    void writtenResultsHoldTheirSeal() throws IOException {
        BatchLayout layout = new BatchLayout(tmp.resolve("out"));
        Files.createDirectories(layout.resultsDir());
        Files.createDirectories(layout.gradescopeDir());

        BatchGrader.write(layout, "alice", report(), STAMP);

        assertTrue(ResultSeal.holds(layout.seal("alice"), layout.gradedFiles("alice")));
        Files.writeString(layout.gradescope("alice"), "{}\n");
        assertFalse(ResultSeal.holds(layout.seal("alice"), layout.gradedFiles("alice")), "a rewritten file breaks it");
    }

    @Test
    void theSealIsWrittenBeforeTheCommitMarker() throws IOException {
        BatchLayout layout = new BatchLayout(tmp.resolve("out"));
        Files.createDirectories(layout.gradescopeDir());
        // The native result cannot be written (its place is a directory): what was written before it is left.
        Files.createDirectories(layout.result("alice").resolve("in-the-way"));

        assertThrows(IOException.class, () -> BatchGrader.write(layout, "alice", report(), STAMP));

        assertTrue(Files.isRegularFile(layout.seal("alice")), "sealed before the commit marker");
        assertFalse(Files.isRegularFile(layout.result("alice")), "never committed");
        assertFalse(ResultSeal.holds(layout.seal("alice"), layout.gradedFiles("alice")), "so nothing stands");
    }
}
