package org.backpropgrader.grader.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.backpropgrader.grader.model.ExerciseResult;

/**
 * Everything one grading run found about one submission: the record every output (native JSON, Gradescope, LTI, CSV,
 * terminal) is made from.
 *
 * @param submission the submission's name (a student id in a gradebook)
 * @param score weighted points earned, the sum over {@code exercises}
 * @param maxScore weighted points possible, the sum over {@code exercises}
 * @param policy the policy as applied (seeds, tolerances, weights), serialised by its runtime type; may be null
 * @param grader which grader and Java produced this report
 * @param warnings the grader's warnings about its own policy (a seed that cannot tell right from wrong, …)
 * @param exercises the exercises graded ({@link #of} puts them in the notebook's order; every output shows them so)
 * @param gradedAt when, ISO-8601 in UTC with milliseconds ({@code 2026-11-26T19:40:58.123Z})
 * @param executionTimeSeconds how long grading took
 * @param studentOutput what the student's code printed while it was graded (capped), or "" when nothing was captured
 * @param compilerOutput the compiler's messages when the submission's sources do not compile, else null: once per
 *     submission (its exercises say only "the submission does not compile")
 */
public record GradeReport(
        String submission,
        double score,
        double maxScore,
        Object policy,
        GraderInfo grader,
        List<String> warnings,
        List<ExerciseResult> exercises,
        String gradedAt,
        double executionTimeSeconds,
        String studentOutput,
        String compilerOutput) {

    public GradeReport {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        exercises = exercises == null ? List.of() : List.copyOf(exercises);
        studentOutput = studentOutput == null ? "" : studentOutput;
    }

    /** This report with what the student's code printed. */
    public GradeReport withStudentOutput(String output) {
        return new GradeReport(
                submission,
                score,
                maxScore,
                policy,
                grader,
                warnings,
                exercises,
                gradedAt,
                executionTimeSeconds,
                output,
                compilerOutput);
    }

    /** This report with the compiler's messages (null when the sources compiled). */
    public GradeReport withCompilerOutput(String output) {
        return new GradeReport(
                submission,
                score,
                maxScore,
                policy,
                grader,
                warnings,
                exercises,
                gradedAt,
                executionTimeSeconds,
                studentOutput,
                output);
    }

    /**
     * The grader that made a report.
     *
     * @param version the grader jar's {@code Implementation-Version}, or {@code dev} when run from classes
     * @param java {@link Runtime#version()}
     */
    public record GraderInfo(String version, String java) {
        /** This grader, on this JVM. */
        public static GraderInfo current() {
            String version = GradeReport.class.getPackage().getImplementationVersion();
            return new GraderInfo(
                    version == null || version.isBlank() ? "dev" : version,
                    Runtime.version().toString());
        }
    }

    /**
     * A report whose exercises are in the notebook's order and whose score and maximum are the sums over them (their
     * weights are already applied).
     */
    public static GradeReport of(
            String submission,
            Object appliedPolicy,
            List<String> warnings,
            List<ExerciseResult> exercises,
            Instant gradedAt,
            Duration elapsed) {
        double score = 0;
        double maxScore = 0;
        for (ExerciseResult e : exercises) {
            score += e.score();
            maxScore += e.maxScore();
        }
        return new GradeReport(
                submission,
                score,
                maxScore,
                appliedPolicy,
                GraderInfo.current(),
                warnings,
                ExerciseOrder.sorted(exercises, ExerciseResult::id),
                Format.timestamp(gradedAt),
                elapsed.toNanos() / 1e9,
                "",
                null);
    }
}
