package org.backpropgrader.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit codes of {@code grader batch}: what scripts driving a batch read. */
class BatchCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ExitCode run(String... args) {
        return Main.standard()
                .run(
                        args,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anOutDirectoryWithResultsIsAUsageErrorThatSuggestsResume() throws Exception {
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        Path out = Files.createDirectories(tmp.resolve("out/results"));
        Files.writeString(out.resolve("alice.json"), "{}");
        assertEquals(
                ExitCode.USAGE,
                run(
                        "batch",
                        "--submissions",
                        subs.toString(),
                        "--out",
                        out.getParent().toString()));
        assertTrue(stderr().startsWith("grader batch: ") && stderr().contains("--resume"), stderr());
    }

    @Test
    void anEmptyBatchIsDone() throws Exception {
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        assertEquals(
                ExitCode.OK,
                run(
                        "batch",
                        "--submissions",
                        subs.toString(),
                        "--out",
                        tmp.resolve("out").toString(),
                        "--jobs",
                        "1"));
        assertTrue(Files.exists(tmp.resolve("out/gradebook.csv")));
        assertTrue(Files.exists(tmp.resolve("out/summary.json")));
        assertTrue(Files.exists(tmp.resolve("out/report/index.html")));
    }

    @Test
    void aMissingSubmissionsDirectoryIsBadInput() {
        assertEquals(
                ExitCode.DATA,
                run(
                        "batch",
                        "--submissions",
                        tmp.resolve("nowhere").toString(),
                        "--out",
                        tmp.resolve("out").toString()));
        assertTrue(stderr().contains("does not exist"), stderr());
    }

    @Test
    void aBadJobCountIsAUsageError() {
        assertEquals(
                ExitCode.USAGE,
                run(
                        "batch",
                        "--submissions",
                        tmp.toString(),
                        "--out",
                        tmp.resolve("out").toString(),
                        "--jobs",
                        "0"));
        assertTrue(stderr().contains("--jobs"), stderr());
    }

    @Test
    void aBadPolicyFileIsBadInput() throws Exception {
        Path policy = Files.writeString(tmp.resolve("policy.json"), "{\"seeds\": \"many\"}");
        assertEquals(
                ExitCode.DATA,
                run(
                        "batch",
                        "--submissions",
                        tmp.toString(),
                        "--out",
                        tmp.resolve("out").toString(),
                        "--policy",
                        policy.toString()));
    }

    @Test
    void batchIsListedInTheOverview() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.standard()
                .run(
                        new String[] {"--help"},
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("batch"), out.toString(StandardCharsets.UTF_8));
    }
}
