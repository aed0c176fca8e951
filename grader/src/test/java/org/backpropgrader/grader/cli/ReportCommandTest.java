package org.backpropgrader.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code grader report --results OUT}: rebuilds a batch's class report from the results on disk. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ExitCode run(String... args) {
        return Main.standard()
                .run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void rebuildsTheReportWholeAndShowsAResultThatFailsVerification() throws Exception {
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        Path batchOut = tmp.resolve("out");
        assertEquals(
                ExitCode.OK,
                run("batch", "--submissions", subs.toString(), "--out", batchOut.toString(), "--jobs", "1"));
        Path index = batchOut.resolve("report/index.html");
        assertTrue(Files.readString(index).contains("Class report: 0 submissions"));
        Files.writeString(batchOut.resolve("report/stale.html"), "from the last report");
        Files.writeString(batchOut.resolve("results/zed.json"), "{\"submission\": \"ze");

        assertEquals(ExitCode.OK, run("report", "--results", batchOut.toString()), err.toString());

        assertEquals(index.toString(), out.toString(StandardCharsets.UTF_8).strip());
        String html = Files.readString(index);
        assertTrue(html.contains("Class report: 1 submissions"), html);
        assertTrue(html.contains("not valid JSON"), html);
        assertTrue(Files.exists(batchOut.resolve("report/submissions/zed.html")));
        assertFalse(Files.exists(batchOut.resolve("report/stale.html")), "the old report is replaced whole");
        try (var leftovers = Files.list(batchOut)) {
            assertTrue(leftovers.noneMatch(p -> p.getFileName().toString().startsWith(".report")));
        }
    }

    @Test
    void aDirectoryWithoutResultsIsBadInput() {
        assertEquals(ExitCode.DATA, run("report", "--results", tmp.toString()));
        assertTrue(
                err.toString(StandardCharsets.UTF_8).startsWith("grader report: no results directory"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void resultsIsRequired() {
        assertEquals(ExitCode.USAGE, run("report"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--results"));
    }
}
