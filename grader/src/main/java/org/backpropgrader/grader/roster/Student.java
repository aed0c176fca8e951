package org.backpropgrader.grader.roster;

/**
 * One row of a roster: who a submission belongs to in the LMS. Optional fields are {@code ""} when the roster has no
 * such column or leaves the cell empty.
 *
 * @param submission the submission's name as {@code batch} derives it (the entry's name without {@code .zip} or
 *     {@code .jar})
 * @param userId the LMS user id: the LTI {@code sub} the platform sends at launch, and an AGS Score's {@code userId}
 * @param name the student's name (Canvas {@code Student}, Moodle {@code Full name})
 * @param sisUserId the SIS user id (Canvas {@code SIS User ID}, Moodle {@code ID number})
 * @param sisLoginId the SIS login (Canvas {@code SIS Login ID}, Moodle {@code Username})
 * @param section the course section (Canvas {@code Section})
 * @param email the e-mail address (Moodle {@code Email address})
 * @param canvasId Canvas's own numeric user id (Canvas {@code ID}), which is not its LTI user id
 */
public record Student(
        String submission,
        String userId,
        String name,
        String sisUserId,
        String sisLoginId,
        String section,
        String email,
        String canvasId) {

    /** A student known only by a submission's name: what a gradebook shows without a roster. */
    public static Student unlisted(String submission) {
        return new Student(submission, "", submission, "", submission, "", "", "");
    }
}
