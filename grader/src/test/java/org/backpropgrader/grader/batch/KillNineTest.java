package org.backpropgrader.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.backpropgrader.grader.report.Json;
import org.backpropgrader.grader.run.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": a 200-submission batch survives {@code kill -9} and {@code --resume}. The batch runs as
 * {@code grader batch} does by default, every child in the OS sandbox, under a policy of the two lightest exercises:
 * what is tested is the batch's bookkeeping, which does not depend on how long each submission takes.
 */
class KillNineTest {
    static final int SUBMISSIONS = 200;

    @TempDir
    Path tmp;

    private Process batch(Path subs, Path out, Path log, boolean resume) throws IOException {
        Path policy = tmp.resolve("policy.json");
        Files.writeString(policy, "{\"include\": [\"mse-linear\", \"relu-neuron\"]}");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.backpropgrader.grader.cli.Main",
                "batch",
                "--submissions",
                subs.toString(),
                "--out",
                out.toString(),
                "--jobs",
                "2",
                "--policy",
                policy.toString()));
        if (resume) {
            command.add("--resume");
        }
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static Set<String> validResults(Path out) throws IOException {
        Set<String> ids = new TreeSet<>();
        Path results = new BatchLayout(out).resultsDir();
        if (!Files.isDirectory(results)) {
            return ids;
        }
        try (Stream<Path> list = Files.list(results)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".json")
                        && !name.startsWith(".")
                        && ResultFile.read(p).isPresent()) {
                    ids.add(name.substring(0, name.length() - ".json".length()));
                }
            }
        }
        return ids;
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS) // a bound for a machine that is busy elsewhere, not a wait
    void killNineThenResumeLosesNothingAndGradesNothingTwice() throws Exception {
        Path subs = tmp.resolve("subs");
        List<String> ids = ClassSubmissions.many(subs, SUBMISSIONS);
        Path out = tmp.resolve("out");

        Process first = batch(subs, out, tmp.resolve("first.log"), false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int seen = 0;
        while (seen < 15 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = validResults(out).size();
        }
        assertTrue(first.isAlive(), "the batch ended before it could be killed:\n" + log(tmp.resolve("first.log")));
        // The command relaunches itself in a batch JVM (cli.BatchJvm), which starts the children: all must go.
        List<ProcessHandle> family = first.descendants().toList();
        assertFalse(family.isEmpty(), "the batch JVM and its children");
        first.destroyForcibly(); // SIGKILL: no shutdown hooks, writes cut off wherever they are
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertTrue(first.exitValue() != 0);
        long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle p : family) {
            while (Processes.running(p) && System.nanoTime() < gone) {
                Thread.sleep(10);
            }
            assertFalse(Processes.running(p), "process " + p.pid() + " outlived the kill");
        }

        Set<String> before = validResults(out);
        assertTrue(before.size() >= 15 && before.size() < SUBMISSIONS, before.size() + " results before resuming");
        Map<String, byte[]> kept = new HashMap<>();
        for (String id : before) {
            kept.put(id, Files.readAllBytes(new BatchLayout(out).result(id)));
        }

        Process second = batch(subs, out, tmp.resolve("second.log"), true);
        assertTrue(second.waitFor(450, TimeUnit.SECONDS), "the resumed batch did not finish");
        assertEquals(0, second.exitValue(), log(tmp.resolve("second.log")));

        // Every id has exactly one valid result, for its own content.
        assertEquals(new TreeSet<>(ids), validResults(out));
        try (Stream<Path> list = Files.list(new BatchLayout(out).resultsDir())) {
            assertEquals(SUBMISSIONS, list.count());
        }
        for (String id : ids) {
            ResultFile.Read r = ResultFile.read(new BatchLayout(out).result(id)).orElseThrow();
            assertEquals(id, r.report().submission());
            Path entry = Files.exists(subs.resolve(id)) ? subs.resolve(id) : subs.resolve(id + ".zip");
            assertEquals(ContentHash.submission(entry), r.stamp().submissionHash(), id);
            assertTrue(Files.exists(new BatchLayout(out).gradescope(id)), id);
        }
        // What the first run finished was kept byte for byte: not graded twice.
        for (Map.Entry<String, byte[]> e : kept.entrySet()) {
            assertTrue(
                    java.util.Arrays.equals(e.getValue(), Files.readAllBytes(new BatchLayout(out).result(e.getKey()))),
                    e.getKey() + " was graded again");
        }
        // The resumed run graded exactly what was missing.
        BatchSummary summary =
                Json.COMPACT.fromJson(Files.readString(new BatchLayout(out).summary()), BatchSummary.class);
        assertEquals(SUBMISSIONS, summary.submissions());
        assertEquals(before.size(), summary.resumed());
        assertEquals(SUBMISSIONS - before.size(), summary.graded());
        assertEquals(1, summary.failed()); // the one corrupt zip
        assertEquals(
                1 + SUBMISSIONS,
                Files.readAllLines(new BatchLayout(out).gradebook()).size());
        assertFalse(Files.exists(new BatchLayout(out).ltiDir()), "no roster: no LTI Scores");
        BatchGraderTest.assertNoLeftovers(out);
        System.out.printf(
                "kill -9 after %d of %d results; --resume graded %d, kept %d, in %.1f s (%.1f/s)%n",
                before.size(),
                SUBMISSIONS,
                summary.graded(),
                summary.resumed(),
                summary.wallTimeSeconds(),
                summary.submissionsPerSecond());
        try (Stream<Path> walk = Files.walk(out)) {
            // the results' seals (.integrity/) are the one hidden thing a batch leaves, on purpose
            Path seals = new BatchLayout(out).integrityDir();
            List<Path> hidden = walk.filter(p -> !p.equals(out)
                            && !p.startsWith(seals)
                            && p.getFileName().toString().startsWith("."))
                    .toList();
            assertTrue(hidden.isEmpty(), "left in OUT: " + hidden);
        }
        assertFalse(log(tmp.resolve("second.log")).contains("Exception"), log(tmp.resolve("second.log")));
    }

    private static String log(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "(no output)";
    }
}
