package org.backpropgrader.grader.classreport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.backpropgrader.grader.batch.BatchStamp;
import org.backpropgrader.grader.grading.Scoring;
import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.GradeReport;
import org.junit.jupiter.api.Test;

/** What makes a submission worth a look beyond its score, and what the report says about it. */
class FlagsTest {
    private static final BatchStamp STAMP = new BatchStamp("h", "p", "alice", null);

    private static GradientResult gradient(String name, Status status, String message) {
        Check c = status.earnsPoints() || status == Status.WRONG
                ? new Check(
                        1,
                        Mode.ISOLATED,
                        status,
                        false,
                        status.earnsPoints(),
                        0,
                        0,
                        null,
                        status == Status.WRONG ? "other" : null,
                        message)
                : Check.notCompared(1, Mode.ISOLATED, status, message);
        return Scoring.gradientResult(name, 1, Mode.ISOLATED, List.of(c));
    }

    private static ClassResults.Entry entry(List<ExerciseResult> exercises, String output, BatchStamp stamp) {
        GradeReport report = GradeReport.of(
                        "alice", Policy.defaults(), List.of(), exercises, Instant.EPOCH, Duration.ZERO)
                .withStudentOutput(output);
        return new ClassResults.Entry("alice", report, stamp, null);
    }

    private static List<String> kinds(List<Flags.Flag> flags) {
        return flags.stream().map(f -> f.kind().code()).toList();
    }

    @Test
    void wrongAnswersAndUnfinishedWorkAreNotIncidents() {
        ExerciseResult e = Scoring.exerciseResult(
                "mse-linear",
                "",
                1,
                List.of(
                        gradient("diff2", Status.EXACT, null),
                        gradient("diff", Status.WRONG, "Mismatched elements: 1 / 10"),
                        gradient("y", Status.NOT_IMPLEMENTED, "not implemented"),
                        gradient("pred", Status.NOT_RUN, "not run in chained mode")));
        ExerciseResult missing = Scoring.unrunnable(
                "relu-neuron",
                "",
                1,
                Status.MISSING,
                "no class implements it",
                List.of(gradient("res", Status.MISSING, "no class implements it")));
        assertEquals(List.of(), Flags.of(entry(List.of(e, missing), "loss 6.0275\n", STAMP)));
    }

    @Test
    void eachIncidentIsFlaggedWithWhereAndWhy() {
        ExerciseResult e = Scoring.exerciseResult(
                "mse-linear",
                "",
                1,
                List.of(
                        gradient("diff2", Status.ERROR, "threw java.lang.ArithmeticException: / by zero (at A.java:3)"),
                        gradient("diff", Status.TIMEOUT, "did not return within 10000 ms"),
                        gradient(
                                "y", Status.ERROR, "child exited with code 137 during mse-linear/y (seed 1, isolated)"),
                        gradient("pred", Status.ERROR, "killed by the sandbox: file size limit")));
        ExerciseResult refused = Scoring.unrunnable(
                "l2-linear",
                "",
                1,
                Status.ERROR,
                "l2.L2 uses java.lang.Runtime.exec, which submissions may not use",
                List.of());
        List<Flags.Flag> flags = Flags.of(entry(List.of(e, refused), "x".repeat(100) + "\n… 5000 more bytes", STAMP));
        assertEquals(List.of("refused", "killed", "timeout", "error", "capped-output"), kinds(flags));
        assertEquals(
                List.of("l2-linear: l2.L2 uses java.lang.Runtime.exec, which submissions may not use"),
                flags.get(0).reasons());
        assertEquals(
                List.of(
                        "mse-linear/y: child exited with code 137 during mse-linear/y (seed 1, isolated)",
                        "mse-linear/pred: killed by the sandbox: file size limit"),
                flags.get(1).reasons());
        assertEquals(
                List.of("mse-linear/diff: did not return within 10000 ms"),
                flags.get(2).reasons());
        assertEquals(
                List.of("mse-linear/diff2: threw java.lang.ArithmeticException: / by zero (at A.java:3)"),
                flags.get(3).reasons());
        assertEquals(
                List.of("printed 5000 more bytes beyond the cap"), flags.get(4).reasons());
    }

    @Test
    void oneMessageSeenInManyPlacesIsOneReason() {
        String twoClasses = "two classes implement BceLogisticBackward: a.A, b.B; keep one";
        ExerciseResult bce = Scoring.unrunnable(
                "bce-logistic",
                "",
                1,
                Status.ERROR,
                twoClasses,
                List.of(
                        gradient("neg_log_probs", Status.ERROR, twoClasses),
                        gradient("log_probs", Status.ERROR, twoClasses)));
        List<GradientResult> many = new java.util.ArrayList<>();
        for (String g : List.of("a", "b", "c", "d", "e", "f")) {
            many.add(gradient(g, Status.ERROR, "returned null"));
        }
        ExerciseResult mse = Scoring.exerciseResult("mse-linear", "", 1, many);
        List<Flags.Flag> flags = Flags.of(entry(List.of(mse, bce), "", STAMP));
        assertEquals(
                List.of(
                        "bce-logistic: " + twoClasses,
                        "mse-linear/a, mse-linear/b, mse-linear/c, mse-linear/d and 2 more: returned null"),
                flags.get(0).reasons(),
                "the exercise's own message first, then the gradients'");
    }

    @Test
    void anUngradableSubmissionIsFlaggedOnceNotPerExercise() {
        String why = "cannot grade alice.zip: a.A uses java.lang.Thread, which submissions may not use";
        ExerciseResult e = Scoring.unrunnable("mse-linear", "", 1, Status.ERROR, why, List.of());
        List<Flags.Flag> flags = Flags.of(entry(List.of(e), "", new BatchStamp("h", "p", "alice.zip", why)));
        assertEquals(List.of("failed", "refused"), kinds(flags));
        assertEquals(List.of(why), flags.get(0).reasons());
    }

    @Test
    void anUnverifiedResultIsFlaggedWithItsProblem() {
        List<Flags.Flag> flags = Flags.of(new ClassResults.Entry("zed", null, null, "not valid JSON"));
        assertEquals(List.of("unverified"), kinds(flags));
        assertEquals(List.of("not valid JSON"), flags.get(0).reasons());
    }
}
