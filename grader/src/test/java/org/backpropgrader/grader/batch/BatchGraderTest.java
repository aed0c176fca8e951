package org.backpropgrader.grader.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.backpropgrader.grader.Catalog;
import org.backpropgrader.grader.files.Directories;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.CsvGradebook;
import org.backpropgrader.grader.report.Json;
import org.backpropgrader.grader.roster.Roster;
import org.backpropgrader.grader.roster.RosterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchGraderTest {
    @TempDir
    Path tmp;

    /** Remembers which submissions a run graded, in the order they finished. */
    static final class Recorder implements Progress {
        final List<String> graded = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        int resumed = -1;

        @Override
        public synchronized void warning(String message) {
            warnings.add(message);
        }

        @Override
        public synchronized void started(int total, int resumed) {
            this.resumed = resumed;
        }

        @Override
        public synchronized void finished(String id, double score, double maxScore, String failure, double seconds) {
            graded.add(id);
            if (failure != null) {
                failures.add(id + ": " + failure);
            }
        }

        @Override
        public void done(BatchSummary summary) {}

        synchronized Set<String> gradedIds() {
            return new TreeSet<>(graded);
        }
    }

    private BatchSummary run(Path subs, Path out, boolean resume, Recorder recorder) throws BatchException {
        return run(subs, out, resume, recorder, SubmissionGrader.IN_PROCESS, Policy.defaults());
    }

    private BatchSummary run(
            Path subs,
            Path out,
            boolean resume,
            Recorder recorder,
            SubmissionGrader.RunnerFactory runners,
            Policy policy)
            throws BatchException {
        return new BatchGrader(runners, recorder).run(new BatchGrader.Request(subs, out, 2, resume, policy));
    }

    /** A roster giving each of {@code ids} the LMS user id {@code u-<id>} and the SIS login {@code <id>}. */
    private static Roster roster(List<String> ids) throws RosterException {
        StringBuilder csv = new StringBuilder("submission,user_id,sis_login_id\n");
        ids.forEach(id ->
                csv.append(id).append(",u-").append(id).append(',').append(id).append('\n'));
        return Roster.parse(csv.toString(), "roster.csv");
    }

    private static ResultFile.Read result(Path out, String id) {
        return ResultFile.read(new BatchLayout(out).result(id))
                .orElseThrow(() -> new AssertionError("no valid result for " + id));
    }

    private static List<String> csvLines(Path out) throws IOException {
        return Files.readString(new BatchLayout(out).gradebook(), StandardCharsets.UTF_8)
                .lines()
                .toList();
    }

    @Test
    void gradesEveryKindOfEntryIntoEveryFormatWithGradebookAndSummary() throws Exception {
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        ClassSubmissions.correct(subs, "alice");
        ClassSubmissions.mistakes(subs, "bob");
        ClassSubmissions.zip(subs, "carol", "correct");
        ClassSubmissions.corruptZip(subs, "dave");
        ClassSubmissions.compileError(subs, "erin");
        ClassSubmissions.zip(subs, "grace", "mistakes");
        ClassSubmissions.correct(subs, ".hidden");
        Files.writeString(subs.resolve(".DS_Store"), "x");
        Path out = tmp.resolve("out");
        Recorder recorder = new Recorder();
        List<String> ids = List.of("alice", "bob", "carol", "dave", "erin", "grace");

        BatchSummary summary = new BatchGrader(SubmissionGrader.IN_PROCESS, recorder)
                .run(new BatchGrader.Request(
                        subs, out, 2, false, Policy.defaults(), roster(ids), CsvGradebook.Options.canvas()));

        assertEquals(new TreeSet<>(ids), recorder.gradedIds());
        double max = Policy.defaults().maxScore();
        for (String id : ids) {
            ResultFile.Read r = result(out, id);
            assertEquals(id, r.report().submission());
            assertEquals(ContentHash.policy(Policy.defaults()), r.stamp().policyHash());
            assertTrue(
                    r.stamp().submissionHash().matches("sha256:[0-9a-f]{64}"),
                    r.stamp().submissionHash());
            assertEquals(Catalog.exercises(), r.report().exercises().size(), id);
            for (String format : List.of("gradescope", "lti")) {
                JsonObject json = JsonParser.parseString(
                                Files.readString(out.resolve(format).resolve(id + ".json")))
                        .getAsJsonObject();
                assertTrue(json.has(format.equals("lti") ? "scoreGiven" : "tests"), format + " " + id);
                if (format.equals("lti")) {
                    assertEquals("u-" + id, json.get("userId").getAsString(), "the roster's user id");
                }
            }
        }
        assertEquals(max, result(out, "alice").report().score());
        assertEquals(max, result(out, "carol").report().score());
        double bob = result(out, "bob").report().score();
        assertTrue(bob > 0 && bob < max, "bob scored " + bob);
        assertEquals(bob, result(out, "grace").report().score());

        ResultFile.Read dave = result(out, "dave");
        assertNotNull(dave.stamp().failure());
        assertTrue(dave.stamp().failure().contains("dave.zip"), dave.stamp().failure());
        assertEquals("dave.zip", dave.stamp().entry());
        assertEquals(0, dave.report().score());
        assertEquals(max, dave.report().maxScore());
        for (ExerciseResult e : dave.report().exercises()) {
            assertEquals(Status.ERROR, e.status());
            assertEquals(dave.stamp().failure(), e.message());
        }
        ResultFile.Read erin = result(out, "erin");
        assertNull(erin.stamp().failure(), "a compile error is graded, not a failure");
        assertEquals(0, erin.report().score());

        List<String> csv = csvLines(out);
        assertEquals(1 + ids.size(), csv.size(), String.join("\n", csv));
        assertEquals("dave,,,dave,,0", csv.get(4));

        assertEquals(ids.size(), summary.submissions());
        assertEquals(ids.size(), summary.graded());
        assertEquals(0, summary.resumed());
        assertEquals(1, summary.failed());
        assertEquals(max, summary.maxScore());
        assertEquals(
                ids.size(),
                summary.histogram().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum());
        assertEquals(2, summary.histogram().get("0-10")); // dave and erin
        assertEquals(2, summary.histogram().get("90-100")); // alice and carol
        for (Map<String, Integer> counts : summary.exerciseStatus().values()) {
            assertEquals(
                    ids.size(),
                    counts.values().stream().mapToInt(Integer::intValue).sum());
            assertEquals(2, counts.get("EXACT") + counts.get("CLOSE"));
        }
        assertEquals(
                2 * Catalog.exercises(),
                summary.overallStatus().get("EXACT") + summary.overallStatus().get("CLOSE"));
        assertEquals(Catalog.gradients(), summary.gradientPassRate().size());
        assertEquals(2.0 / 6, summary.gradientPassRate().get("l2-linear/W"), 1e-3); // bob and grace get W wrong
        assertEquals(
                Math.round(summary.gradientPassRate().get("mse-linear/diff2") * 1e4) / 1e4,
                summary.gradientPassRate().get("mse-linear/diff2"));
        assertEquals(5, summary.hardest().size());
        // bob and grace make the same mistakes: every mistake category is counted twice, and only the wrong ones
        assertEquals(
                2,
                summary.hintCounts().get("l2-linear/W").values().stream()
                        .mapToInt(Integer::intValue)
                        .sum());
        summary.hintCounts().forEach((gradient, counts) -> {
            assertTrue(summary.gradientPassRate().get(gradient) < 1, gradient + " passed but has mistakes " + counts);
            counts.values().forEach(n -> assertEquals(0, n % 2, gradient + " " + counts));
        });

        BatchSummary onDisk =
                Json.COMPACT.fromJson(Files.readString(new BatchLayout(out).summary()), BatchSummary.class);
        assertEquals(summary, onDisk);
        assertNoLeftovers(out);
    }

    @Test
    void resumeSkipsFinishedAndRegradesTornResults() throws Exception {
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        ClassSubmissions.correct(subs, "alice");
        ClassSubmissions.mistakes(subs, "bob");
        ClassSubmissions.zip(subs, "carol", "correct");
        ClassSubmissions.mistakes(subs, "dave");
        ClassSubmissions.correct(subs, "erin");
        Path out = tmp.resolve("out");
        run(subs, out, false, new Recorder());
        byte[] daveBefore = Files.readAllBytes(new BatchLayout(out).result("dave"));
        byte[] erinBefore = Files.readAllBytes(new BatchLayout(out).result("erin"));

        Files.delete(new BatchLayout(out).result("alice"));
        Path bob = new BatchLayout(out).result("bob");
        byte[] bobBytes = Files.readAllBytes(bob);
        Files.write(bob, java.util.Arrays.copyOf(bobBytes, bobBytes.length / 2));
        Files.delete(subs.resolve("carol.zip"));
        ClassSubmissions.zip(subs, "carol", "mistakes"); // carol resubmitted: other content, same id

        Recorder recorder = new Recorder();
        BatchSummary summary = run(subs, out, true, recorder);

        assertEquals(Set.of("alice", "bob", "carol"), recorder.gradedIds());
        assertEquals(3, recorder.graded.size(), "nothing graded twice: " + recorder.graded);
        assertEquals(2, recorder.resumed);
        assertEquals(3, summary.graded());
        assertEquals(2, summary.resumed());
        assertEquals(5, summary.submissions());
        assertArrayEquals(daveBefore, Files.readAllBytes(new BatchLayout(out).result("dave")));
        assertArrayEquals(erinBefore, Files.readAllBytes(new BatchLayout(out).result("erin")));
        double max = Policy.defaults().maxScore();
        assertEquals(max, result(out, "alice").report().score());
        assertTrue(result(out, "bob").report().score() < max);
        assertTrue(result(out, "carol").report().score() < max, "carol's new content was graded");
        assertEquals(6, csvLines(out).size());
        assertNoLeftovers(out);
    }

    @Test
    void resumeRegradesEverythingUnderAnotherPolicy() throws Exception {
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        ClassSubmissions.correct(subs, "alice");
        ClassSubmissions.mistakes(subs, "bob");
        Path out = tmp.resolve("out");
        run(subs, out, false, new Recorder());

        Recorder recorder = new Recorder();
        Policy other = Policy.defaults().withSeeds(List.of(Policy.NOTEBOOK_SEED, 7L));
        run(subs, out, true, recorder, SubmissionGrader.IN_PROCESS, other);

        assertEquals(Set.of("alice", "bob"), recorder.gradedIds());
        assertEquals(ContentHash.policy(other), result(out, "alice").stamp().policyHash());
    }

    @Test
    void refusesExistingOutWithoutResume() throws Exception {
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        ClassSubmissions.correct(subs, "alice");
        Path out = tmp.resolve("out");
        run(subs, out, false, new Recorder());
        byte[] before = Files.readAllBytes(new BatchLayout(out).result("alice"));

        Recorder recorder = new Recorder();
        BatchException e = assertThrows(BatchException.class, () -> run(subs, out, false, recorder));

        assertEquals(BatchException.Kind.EXISTING_RESULTS, e.kind());
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        assertTrue(recorder.graded.isEmpty());
        assertArrayEquals(before, Files.readAllBytes(new BatchLayout(out).result("alice")));
    }

    @Test
    void aResultThatCannotBeWrittenStopsTheBatchWithAnOutputError() throws Exception {
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        List<String> ids = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy");
        for (String id : ids) {
            ClassSubmissions.correct(subs, id);
        }
        Path out = tmp.resolve("out");
        // bob's result cannot be renamed into place: a non-empty directory holds its name (as root, which CI is,
        // permissions would not stop the write)
        Path blocked = new BatchLayout(out).result("bob");
        Files.createDirectories(blocked.resolve("in-the-way"));

        Recorder recorder = new Recorder();
        BatchException e = assertThrows(BatchException.class, () -> run(subs, out, true, recorder));

        assertEquals(BatchException.Kind.OUTPUT, e.kind());
        assertTrue(e.getMessage().contains("cannot write results in " + out), e.getMessage());
        assertTrue(e.getMessage().contains("bob.json"), e.getMessage());
        assertFalse(recorder.graded.contains("bob"), "bob was reported as graded: " + recorder.graded);
        assertTrue(
                recorder.graded.size() < ids.size() - 1,
                "the batch went on after the failed write: " + recorder.graded);
        for (Path scratch : BatchScratch.everyPlace(out)) {
            assertFalse(Files.exists(scratch), "a stopped batch left its scratch: " + scratch);
        }
    }

    @Test
    void anEmptyOrFreshOutDirectoryIsFineWithoutResume() throws Exception {
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        ClassSubmissions.correct(subs, "alice");
        Path out = Files.createDirectories(tmp.resolve("out/results"));
        assertEquals(1, run(subs, out.getParent(), false, new Recorder()).graded());
    }

    @Test
    void oneBadSubmissionNeverAbortsTheBatch() throws Exception {
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        ClassSubmissions.correct(subs, "alice");
        ClassSubmissions.correct(subs, "mallory");
        ClassSubmissions.mistakes(subs, "oscar");
        ClassSubmissions.corruptZip(subs, "trudy");
        ClassSubmissions.correct(subs, "zoe");
        Files.writeString(subs.resolve("wendy.txt"), "my homework is in the mail");
        // A grader bug that strikes one submission, and an Error that strikes another.
        SubmissionGrader.RunnerFactory buggy = (loaded, policy) -> {
            String name = loaded.source().getFileName().toString();
            if (name.equals("mallory")) {
                throw new IllegalStateException("boom");
            }
            if (name.equals("oscar")) {
                throw new StackOverflowError();
            }
            return SubmissionGrader.IN_PROCESS.create(loaded, policy);
        };
        Path out = tmp.resolve("out");
        Recorder recorder = new Recorder();

        BatchSummary summary = run(subs, out, false, recorder, buggy, Policy.defaults());

        assertEquals(Set.of("alice", "mallory", "oscar", "trudy", "wendy.txt", "zoe"), recorder.gradedIds());
        assertEquals(4, summary.failed(), recorder.failures.toString());
        assertEquals(
                "internal error: java.lang.IllegalStateException: boom",
                result(out, "mallory").stamp().failure());
        assertEquals(
                "internal error: java.lang.StackOverflowError",
                result(out, "oscar").stamp().failure());
        assertTrue(result(out, "wendy.txt").stamp().failure().contains("wendy.txt"));
        for (String id : List.of("mallory", "oscar", "trudy", "wendy.txt")) {
            ResultFile.Read r = result(out, id);
            assertEquals(0, r.report().score(), id);
            assertTrue(r.report().exercises().stream().allMatch(e -> e.status() == Status.ERROR), id);
            assertTrue(Files.exists(new BatchLayout(out).gradescope(id)), id);
        }
        double max = Policy.defaults().maxScore();
        assertEquals(max, result(out, "alice").report().score());
        assertEquals(max, result(out, "zoe").report().score(), "a fresh grader after the bug grades as well");
        assertEquals(7, csvLines(out).size());
    }

    @Test
    void aMissingSubmissionsDirectoryIsRefused() {
        BatchException e = assertThrows(
                BatchException.class, () -> run(tmp.resolve("nowhere"), tmp.resolve("out"), false, new Recorder()));
        assertEquals(BatchException.Kind.UNREADABLE_SUBMISSIONS, e.kind());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void leftoversOfAKilledRunAreRemovedAndAnOutDirInsideTheSubmissionsIsNotASubmission() throws Exception {
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        ClassSubmissions.correct(subs, "alice");
        Path out = subs.resolve("graded");
        Files.createDirectories(new BatchLayout(out).resultsDir());
        Files.writeString(new BatchLayout(out).resultsDir().resolve(".alice.json123.tmp"), "{\"subm");
        Files.writeString(out.resolve(".summary.json9.tmp"), "");
        Files.createDirectories(new BatchLayout(out).integrityDir());
        Files.writeString(new BatchLayout(out).integrityDir().resolve(".alice.sha25677.tmp"), "ab"); // a torn seal
        Files.createDirectories(new BatchLayout(out).workerDir(0).resolve("classes"));
        Path inMemory = BatchScratch.everyPlace(out).get(1);
        boolean tmpfs = Files.isDirectory(BatchScratch.TMPFS) && Files.isWritable(BatchScratch.TMPFS);
        if (tmpfs) { // a killed run's scratch in memory (BatchScratch)
            Files.createDirectories(new BatchLayout(out, inMemory).workerDir(1).resolve("classes"));
        }

        BatchSummary summary = run(subs, out, true, new Recorder());

        assertEquals(1, summary.submissions());
        assertNoLeftovers(out);
    }

    @Test
    void twoEntriesForOneIdAreBothGraded() throws Exception {
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        ClassSubmissions.correct(subs, "alice");
        ClassSubmissions.zip(subs, "alice", "mistakes");
        Recorder recorder = new Recorder();
        run(subs, tmp.resolve("out"), false, recorder);
        assertEquals(Set.of("alice", "alice.zip"), recorder.gradedIds());
        assertTrue(recorder.warnings.stream().anyMatch(w -> w.contains("alice.zip")), recorder.warnings.toString());
    }

    @Test
    void resumeRegradesResultsRewrittenByAnyoneButTheGrader() throws Exception {
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        ClassSubmissions.correct(subs, "alice");
        ClassSubmissions.mistakes(subs, "bob");
        Path out = tmp.resolve("out");
        run(subs, out, false, new Recorder());
        double bobScore = result(out, "bob").report().score();

        // what a process left behind by a submission did: bob's results say full marks, stamps intact
        Path bobNative = new BatchLayout(out).result("bob");
        JsonObject forged = JsonParser.parseString(Files.readString(bobNative)).getAsJsonObject();
        forged.addProperty("score", Policy.defaults().maxScore());
        Files.writeString(bobNative, forged.toString());
        Files.writeString(new BatchLayout(out).gradescope("bob"), "{\"score\": 50}");
        assertTrue(
                result(out, "bob")
                        .stamp()
                        .sameInputs(result(out, "bob").stamp().submissionHash(), ContentHash.policy(Policy.defaults())),
                "the forged result carries the right stamps");

        Recorder recorder = new Recorder();
        run(subs, out, true, recorder);

        assertEquals(List.of("bob"), recorder.graded, "alice's sealed result stands; bob's forged one does not");
        assertEquals(bobScore, result(out, "bob").report().score());
        assertEquals(
                bobScore,
                JsonParser.parseString(Files.readString(new BatchLayout(out).gradescope("bob")))
                        .getAsJsonObject()
                        .get("score")
                        .getAsDouble());
        assertTrue(csvLines(out).get(2).startsWith("bob,"), csvLines(out).get(2));
    }

    @Test
    void gradesTheCopyMadeBeforeAnyCodeRanNotWhatTheSubmissionsDirectorySaysLater() throws Exception {
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        ClassSubmissions.correct(subs, "alice");
        ClassSubmissions.mistakes(subs, "bob");
        Path out = tmp.resolve("out");
        // alice's code runs first (one job) and replaces bob's submission with a correct one
        SubmissionGrader.RunnerFactory rewriting = (submission, policy) -> {
            if (Files.isDirectory(subs.resolve("bob"))) {
                Directories.delete(subs.resolve("bob"));
                ClassSubmissions.correct(subs, "bob");
            }
            return SubmissionGrader.IN_PROCESS.create(submission, policy);
        };
        String bobHash = ContentHash.submission(subs.resolve("bob"));
        new BatchGrader(rewriting, new Recorder()).run(new BatchGrader.Request(subs, out, 1, false, Policy.defaults()));

        assertTrue(result(out, "bob").report().score() < Policy.defaults().maxScore(), "bob's own work was graded");
        assertEquals(bobHash, result(out, "bob").stamp().submissionHash());
        assertNoLeftovers(out);
    }

    @Test
    void everyReportCarriesTheIsolationWarnings() throws Exception {
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        ClassSubmissions.correct(subs, "alice");
        Path out = tmp.resolve("out");
        Recorder recorder = new Recorder();
        String unsandboxed = "unsandboxed (--sandbox none): student code ran as the grader's own user";
        new BatchGrader(SubmissionGrader.IN_PROCESS, List.of(unsandboxed), recorder)
                .run(new BatchGrader.Request(subs, out, 1, false, Policy.defaults()));
        assertTrue(result(out, "alice").report().warnings().contains(unsandboxed));
        assertTrue(recorder.warnings.contains(unsandboxed), "said once on the terminal too");
    }

    static void assertNoLeftovers(Path out) throws IOException {
        for (Path scratch : BatchScratch.everyPlace(out)) {
            assertFalse(Files.exists(scratch), "scratch directory left: " + scratch);
        }
        try (Stream<Path> walk = Files.walk(out)) {
            List<Path> tmp = walk.filter(p -> p.getFileName().toString().endsWith(".tmp"))
                    .toList();
            assertTrue(tmp.isEmpty(), "temporary files left: " + tmp);
        }
    }
}
