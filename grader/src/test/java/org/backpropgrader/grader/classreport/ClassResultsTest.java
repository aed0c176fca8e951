package org.backpropgrader.grader.classreport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.backpropgrader.grader.batch.BatchLayout;
import org.backpropgrader.grader.batch.BatchStamp;
import org.backpropgrader.grader.batch.ContentHash;
import org.backpropgrader.grader.batch.ResultFile;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.GradeReport;
import org.backpropgrader.grader.report.NativeJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every result file is kept; those that fail the checks of {@code batch --resume} carry the reason. */
class ClassResultsTest {
    @TempDir
    Path tmp;

    private static final String POLICY = "sha256:" + "a".repeat(64);

    private static GradeReport report(String id) {
        return GradeReport.of(
                id, Policy.defaults(), List.of(), List.of(), Instant.parse("2026-12-01T10:00:00Z"), Duration.ZERO);
    }

    private Path write(Path out, String file, GradeReport report, BatchStamp stamp) throws Exception {
        Files.createDirectories(new BatchLayout(out).resultsDir());
        return Files.writeString(new BatchLayout(out).resultsDir().resolve(file), ResultFile.toJson(report, stamp));
    }

    private static Map<String, String> problems(ClassResults.Loaded loaded) {
        Map<String, String> problems = new TreeMap<>();
        loaded.entries().forEach(e -> problems.put(e.id(), String.valueOf(e.problem())));
        return problems;
    }

    @Test
    void keepsEveryResultAndSaysWhyOneFailsVerification() throws Exception {
        Path out = tmp.resolve("out");
        BatchStamp ok = new BatchStamp("sha256:" + "1".repeat(64), POLICY, "x", null);
        write(out, "alice.json", report("alice"), ok);
        write(out, "bob.json", report("bob"), ok);
        write(out, "carol.json", report("mallory"), ok);
        write(
                out,
                "dave.json",
                report("dave"),
                new BatchStamp(ok.submissionHash(), "sha256:" + "b".repeat(64), "dave", null));
        Files.writeString(new BatchLayout(out).result("erin"), NativeJson.write(report("erin")));
        Files.writeString(new BatchLayout(out).result("frank"), "{\"submission\": \"fra");
        Files.writeString(
                new BatchLayout(out).resultsDir().resolve(".frank.json.123.tmp"), "a temporary file of a killed run");

        ClassResults.Loaded loaded = ClassResults.load(out, null);

        assertEquals(POLICY, loaded.policyHash(), "no summary.json: the policy most results carry");
        Map<String, String> problems = problems(loaded);
        assertEquals(List.of("alice", "bob", "carol", "dave", "erin", "frank"), List.copyOf(problems.keySet()));
        assertEquals("null", problems.get("alice"));
        assertEquals("null", problems.get("bob"));
        assertEquals("the file is named carol.json but its report is for submission 'mallory'", problems.get("carol"));
        assertTrue(
                problems.get("dave").startsWith("graded under another policy or grader version than the batch"),
                problems.get("dave"));
        assertEquals("no \"batch\" stamp: not written by a batch", problems.get("erin"));
        assertTrue(problems.get("frank").startsWith("not valid JSON (torn or edited?)"), problems.get("frank"));
        ClassResults.Entry erin = loaded.entries().get(4);
        assertNotNull(erin.report(), "a report without a stamp is still shown");
        assertNull(loaded.entries().get(5).report());
    }

    @Test
    void resultsTheBatchHasReadBackAreTakenAsReadAndTheOthersParsed() throws Exception {
        Path out = tmp.resolve("out");
        BatchStamp stamp = new BatchStamp("sha256:" + "2".repeat(64), POLICY, "alice", null);
        write(out, "bob.json", report("bob"), stamp);
        Files.writeString(new BatchLayout(out).result("alice"), "{\"submission\": \"ali");
        Map<String, ResultFile.Read> readBack = Map.of("alice", new ResultFile.Read(report("alice"), stamp));

        ClassResults.Loaded loaded = ClassResults.load(out, null, readBack);

        assertEquals(Map.of("alice", "null", "bob", "null"), problems(loaded), "alice's torn file was never parsed");
        assertEquals("alice", loaded.entries().get(0).report().submission());
        assertTrue(
                problems(ClassResults.load(out, null)).get("alice").startsWith("not valid JSON"),
                "without what the batch read, her file is what the report shows");
    }

    @Test
    void theBatchsPolicyIsTheOneInSummaryJson() throws Exception {
        Path out = tmp.resolve("out");
        String other = "sha256:" + "c".repeat(64);
        write(out, "alice.json", report("alice"), new BatchStamp("h", POLICY, "alice", null));
        write(out, "bob.json", report("bob"), new BatchStamp("h", POLICY, "bob", null));
        write(out, "carol.json", report("carol"), new BatchStamp("h", other, "carol", null));
        Files.writeString(
                new BatchLayout(out).summary(),
                "{\"graded\": 3, \"resumed\": 0, \"wallTimeSeconds\": 2.5," + " \"policyHash\": \"" + other + "\"}");

        ClassResults.Loaded loaded = ClassResults.load(out, null);

        assertEquals(other, loaded.policyHash());
        assertEquals(new ClassResults.Run(3, 0, 2.5, other), loaded.run());
        Map<String, String> problems = problems(loaded);
        assertEquals("null", problems.get("carol"));
        assertTrue(problems.get("alice").startsWith("graded under another policy"), problems.get("alice"));
    }

    @Test
    void withTheSubmissionsAChangedOrVanishedSubmissionIsFlagged() throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("subs"));
        Path alice = Files.writeString(subs.resolve("alice.zip"), "the zip as graded");
        Path bob = Files.writeString(subs.resolve("bob.zip"), "the zip as graded");
        Path out = tmp.resolve("out");
        String policy = ContentHash.policy(Policy.defaults());
        write(
                out,
                "alice.json",
                report("alice"),
                new BatchStamp(ContentHash.submission(alice), policy, "alice.zip", null));
        write(out, "bob.json", report("bob"), new BatchStamp(ContentHash.submission(bob), policy, "bob.zip", null));
        write(out, "carol.json", report("carol"), new BatchStamp("sha256:0", policy, "carol.zip", null));
        Files.writeString(bob, "edited after grading");

        Map<String, String> problems = problems(ClassResults.load(out, subs));

        assertEquals("null", problems.get("alice"));
        assertEquals("its submission " + bob + " changed since it was graded", problems.get("bob"));
        assertEquals("its submission " + subs.resolve("carol.zip") + " is gone", problems.get("carol"));
        assertEquals("null", problems(ClassResults.load(out, null)).get("bob"), "without the submissions: unchecked");
    }

    @Test
    void aDirectoryWithoutResultsIsRefused() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ClassResults.load(tmp, null));
        assertTrue(e.getReason().contains("the --out of a batch"), e.getReason());
    }
}
