package org.backpropgrader.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.GradeReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grader check} (in-process, the student's own machine) reports a forbidden API exactly as {@code grade}
 * does, so a student learns it before submitting, and runs none of the refused exercise's code.
 */
class CheckRefusesForbiddenApiTest {
    private static final String MSE = """
            package student;

            import org.backpropgrader.exercises.mselinear.MseLinearBackward;
            import org.backpropgrader.exercises.mselinear.MseLinearForward;
            import org.backpropgrader.reference.Tensor;

            public class MseLinearSolution implements MseLinearBackward {
                static {
                    System.out.println("refused code ran");
                }

                public Tensor diff2(MseLinearForward f, Tensor dloss) {
                    String token = System.getenv("CANVAS_TOKEN");
                    return Tensor.onesLike(f.diff()).mul(1.0 / f.diff().size(0)).mul(dloss);
                }

                public Tensor diff(MseLinearForward f, Tensor d) { return f.diff().mul(2).mul(d); }
                public Tensor y(MseLinearForward f, Tensor d) { return Tensor.onesLike(f.y()).mul(d); }
                public Tensor pred(MseLinearForward f, Tensor d) { return Tensor.onesLike(f.pred()).neg().mul(d); }
                public Tensor matmul(MseLinearForward f, Tensor d) { return Tensor.onesLike(f.matmul()).mul(d); }
                public Tensor b(MseLinearForward f, Tensor d) { return Tensor.onesLike(f.b()).mul(d).sum(0); }
                public Tensor X(MseLinearForward f, Tensor d) { return d.matmul(f.W().T()); }
                public Tensor W(MseLinearForward f, Tensor d) { return f.X().T().matmul(d); }
            }
            """;
    private static final String EXPECTED =
            "uses java.lang.System.getenv at MseLinearSolution.java:13, which" + " submissions may not use";

    @TempDir
    Path tmp;

    @Test
    void checkPrintsTheFindingGradeReportsAndRunsNothingOfIt() throws Exception {
        Path submission = Files.createDirectories(tmp.resolve("submission/student"));
        Files.writeString(submission.resolve("MseLinearSolution.java"), MSE, StandardCharsets.UTF_8);
        assertEquals(
                "String token = System.getenv(\"CANVAS_TOKEN\");",
                MSE.lines().toList().get(12).strip());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream studentOutput = new ByteArrayOutputStream();
        ExitCode code;
        PrintStream systemOut = System.out;
        // check runs the student's code in this JVM: a static initialiser would print to System.out
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
                PrintStream student = new PrintStream(studentOutput, true, StandardCharsets.UTF_8)) {
            System.setOut(student);
            code = Main.standard()
                    .run(
                            new String[] {
                                "check", "--submission", submission.getParent().toString(), "--exercise", "mse-linear"
                            },
                            o,
                            e);
        } finally {
            System.setOut(systemOut);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        // short of full points, so exit 1 like a test runner
        assertEquals(ExitCode.NOT_FULL_MARKS, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.lines().anyMatch(l -> l.strip().equals(EXPECTED)), printed);
        assertTrue(printed.contains("total 0/8"), printed);
        assertEquals("", studentOutput.toString(StandardCharsets.UTF_8), "no refused code ran");

        try (SubmissionGrader grader = new SubmissionGrader()) {
            GradeReport report = grader.grade(
                    submission.getParent(),
                    "student",
                    Policy.defaults(),
                    List.of(Exercises.byId("mse-linear").orElseThrow()),
                    List.of(),
                    Files.createDirectories(tmp.resolve("work")),
                    SubmissionGrader.IN_PROCESS);
            ExerciseResult mse = report.exercises().get(0);
            assertEquals(EXPECTED, mse.message(), "grade's message is check's");
        }
    }
}
