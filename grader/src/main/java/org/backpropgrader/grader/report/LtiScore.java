package org.backpropgrader.grader.report;

import java.util.StringJoiner;
import org.backpropgrader.grader.model.ExerciseResult;

/**
 * An IMS (1EdTech) LTI Advantage Assignment and Grade Services Score, the JSON a tool POSTs to a line item's
 * {@code /scores} endpoint ({@code application/vnd.ims.lis.v1.score+json}). A graded run is final, so
 * {@code activityProgress} is {@code Completed} and {@code gradingProgress} {@code FullyGraded}: platforms ignore
 * {@code scoreGiven} with any other grading progress.
 *
 * @param userId the platform's LTI user id (the {@code sub} of the launch)
 * @param comment a one-line summary, shown to the student
 * @param timestamp when the report was made, ISO-8601 with milliseconds and offset ({@code 2026-11-26T19:40:58.123Z})
 */
public record LtiScore(
        String userId,
        double scoreGiven,
        double scoreMaximum,
        String comment,
        String timestamp,
        String activityProgress,
        String gradingProgress) {

    public static final String COMPLETED = "Completed";
    public static final String FULLY_GRADED = "FullyGraded";

    public static LtiScore of(GradeReport report, String userId) {
        StringJoiner parts = new StringJoiner(", ");
        for (ExerciseResult e : ExerciseOrder.sorted(report.exercises(), ExerciseResult::id)) {
            parts.add(e.id() + " " + Format.points(e.score()) + "/" + Format.points(e.maxScore()));
        }
        String comment = "backprop-grader: " + Format.points(report.score()) + "/" + Format.points(report.maxScore())
                + (report.exercises().isEmpty() ? "" : " (" + parts + ")");
        return new LtiScore(
                userId,
                finite(report.score()),
                finite(report.maxScore()),
                comment,
                timestamp(report.gradedAt()),
                COMPLETED,
                FULLY_GRADED);
    }

    public String toJson() {
        return Json.PRETTY.toJson(this);
    }

    /** The report's time, re-spelled with milliseconds if it was written without them. */
    private static String timestamp(String gradedAt) {
        try {
            return Format.timestamp(java.time.Instant.parse(gradedAt));
        } catch (java.time.format.DateTimeParseException | NullPointerException e) {
            return gradedAt;
        }
    }

    private static double finite(double x) {
        return Double.isFinite(x) ? x : 0;
    }
}
