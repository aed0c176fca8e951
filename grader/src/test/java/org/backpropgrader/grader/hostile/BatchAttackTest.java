package org.backpropgrader.grader.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.backpropgrader.grader.batch.BatchGrader;
import org.backpropgrader.grader.batch.BatchLayout;
import org.backpropgrader.grader.batch.BatchScratch;
import org.backpropgrader.grader.batch.BatchStamp;
import org.backpropgrader.grader.batch.ClassSubmissions;
import org.backpropgrader.grader.batch.Progress;
import org.backpropgrader.grader.batch.ResultFile;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.run.ChildJvmRunner;
import org.backpropgrader.grader.sandbox.Sandbox;
import org.backpropgrader.grader.sandbox.TestSandboxes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch attacks, against {@code batch} as it runs by default: every child in the OS sandbox, every
 * submission vetted at load. {@code aaron}, graded first, knows where the batch writes and where the other
 * submissions are, and tries to change {@code bob}'s grade every way the issue lists: rewriting his results and
 * sources (the submitted ones, the batch's staged copy, the classes compiled for his child), leaving a daemon to
 * rewrite them later, killing the grader. With the default allowlist his code is refused
 * before it runs; with every API it needs opened by the policy, the sandbox stops each step. Either way bob keeps
 * his full marks, his sealed results survive {@code --resume}, and aaron's other exercises are graded as usual.
 */
class BatchAttackTest {
    @TempDir
    Path tmp;

    /** mse-linear's {@code diff}, done right after trying to reach everything outside the child. */
    private static String attack(Path out, Path subs, String marker) {
        return """
                String forged = "{\\"submission\\": \\"bob\\", \\"score\\": 0}";
                for (String file : new String[] {"%1$s/results/bob.json", "%1$s/gradescope/bob.json",
                        "%2$s/bob/notebook/MseLinearNotebook.java", "%1$s/.integrity/bob.sha256", %4$s}) {
                    try {
                        java.nio.file.Files.writeString(java.nio.file.Path.of(file), forged);
                        System.out.println("forged " + file);
                    } catch (Exception e) {
                        System.out.println("could not forge " + file + ": " + e);
                    }
                }
                try {
                    Runtime.getRuntime().exec(new String[] {"/bin/sh", "-c", "setsid /bin/sh -c 'sleep 3; echo '"
                            + "'\\"forged\\"' > %1$s/results/bob.json' %3$s </dev/null >/dev/null 2>&1 &"}).waitFor();
                } catch (Exception e) {
                    System.out.println("no daemon: " + e);
                }
                ProcessHandle.current().parent().ifPresent(ProcessHandle::destroyForcibly);
                return f.diff().mul(2).mul(ddiff2);
                """.formatted(out, subs, marker, scratchTargets(out));
    }

    /**
     * bob's staged sources and, in either of the worker's two slots, his compiled classes, wherever the batch keeps
     * its scratch (on disk or in memory: BatchScratch), as Java string literals: what bob's child would run.
     */
    private static String scratchTargets(Path out) {
        List<String> targets = new ArrayList<>();
        for (Path scratch : BatchScratch.everyPlace(out)) {
            targets.add(scratch.resolve("staging/bob/notebook/MseLinearNotebook.java")
                    .toString());
            for (String slot : List.of("a", "b")) {
                targets.add(scratch.resolve("worker-0/" + slot + "/classes/notebook/MseLinearNotebook.class")
                        .toString());
            }
        }
        return String.join(", ", targets.stream().map(t -> '"' + t + '"').toList());
    }

    private Path classWithAnAttacker(Path out, String marker) throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("subs"));
        Path aaron = ClassSubmissions.correct(subs, "aaron");
        Files.delete(aaron.resolve("notebook/MseLinearNotebook.java"));
        HostileFixtures.writeSources(
                aaron, Map.of(HostileFixtures.MSE_FILE, HostileFixtures.mse(attack(out, subs, marker))));
        ClassSubmissions.correct(subs, "bob");
        return subs;
    }

    private static ResultFile.Read result(Path out, String id) {
        return ResultFile.read(new BatchLayout(out).result(id)).orElseThrow(() -> new AssertionError(id));
    }

    private static ExerciseResult exercise(ResultFile.Read r, String id) {
        return r.report().exercises().stream()
                .filter(e -> e.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private void assertBobUntouched(Path subs, Path out, Policy policy, Sandbox sandbox, String marker)
            throws Exception {
        assertEquals(policy.maxScore(), result(out, "bob").report().score(), "bob keeps his full marks");
        byte[] bob = Files.readAllBytes(new BatchLayout(out).result("bob"));
        Thread.sleep(3_500); // a daemon left behind would strike now
        assertArrayEquals(bob, Files.readAllBytes(new BatchLayout(out).result("bob")));
        List<String> daemons = ProcessHandle.allProcesses()
                .map(h -> h.info().commandLine().orElse(""))
                .filter(c -> c.contains(marker))
                .toList();
        assertEquals(List.of(), daemons, "nothing aaron started outlives the batch");
        assertTrue(
                Files.readString(subs.resolve("bob/notebook/MseLinearNotebook.java"))
                        .contains("class"),
                "bob's sources are his own");

        // --resume keeps both sealed results and grades nothing again
        Map<String, Integer> graded = new HashMap<>();
        new BatchGrader(ChildJvmRunner.factory(sandbox), new Progress() {
                    @Override
                    public void started(int total, int resumed) {}

                    @Override
                    public void finished(String id, double score, double maxScore, String failure, double seconds) {
                        graded.merge(id, 1, Integer::sum);
                    }

                    @Override
                    public void done(org.backpropgrader.grader.batch.BatchSummary summary) {}
                })
                .run(new BatchGrader.Request(subs, out, 1, true, policy));
        assertEquals(Map.of(), graded);
        assertArrayEquals(bob, Files.readAllBytes(new BatchLayout(out).result("bob")));
    }

    @Test
    void refusedAtLoadUnderTheDefaultAllowlist() throws Exception {
        Path out = tmp.resolve("out");
        String marker = "daemon-" + UUID.randomUUID();
        Path subs = classWithAnAttacker(out, marker);
        Sandbox sandbox = TestSandboxes.bubblewrap();
        Policy policy = Policy.defaults();

        new BatchGrader(ChildJvmRunner.factory(sandbox), Progress.SILENT)
                .run(new BatchGrader.Request(subs, out, 1, false, policy));

        ResultFile.Read aaron = result(out, "aaron");
        ExerciseResult mse = exercise(aaron, "mse-linear");
        assertEquals(Status.ERROR, mse.status());
        assertEquals(0, mse.score());
        assertTrue(mse.message().contains("which submissions may not use"), mse.message());
        assertEquals(policy.maxScore() - mse.maxScore(), aaron.report().score(), "aaron's other exercises count");
        assertBobUntouched(subs, out, policy, sandbox, marker);
    }

    @Test
    void everyStepFailsInTheSandboxWhenThePolicyOpensTheApisItNeeds() throws Exception {
        Path out = tmp.resolve("out");
        String marker = "daemon-" + UUID.randomUUID();
        Path subs = classWithAnAttacker(out, marker);
        Sandbox sandbox = TestSandboxes.bubblewrap();
        Policy policy = Policy.defaults()
                .withAllowApis(List.of(
                        "java.nio.file.*", "java.lang.Runtime", "java.lang.Process", "java.lang.ProcessHandle"));

        new BatchGrader(ChildJvmRunner.factory(sandbox), Progress.SILENT)
                .run(new BatchGrader.Request(subs, out, 1, false, policy));

        ResultFile.Read aaron = result(out, "aaron");
        BatchStamp stamp = aaron.stamp();
        assertEquals(null, stamp.failure(), "aaron was graded");
        // "its parent" is the first process of its PID namespace, which no signal from inside can kill: the grader
        // never saw the attempt, and aaron's own answer counts as usual
        assertEquals(Status.EXACT, exercise(aaron, "mse-linear").status());
        String printed = aaron.report().studentOutput();
        assertTrue(printed.contains("could not forge") && !printed.contains("forged /"), printed);
        assertBobUntouched(subs, out, policy, sandbox, marker);
    }
}
