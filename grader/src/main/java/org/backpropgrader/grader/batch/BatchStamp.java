package org.backpropgrader.grader.batch;

/**
 * The {@code "batch"} block of a native result written by a batch: what was graded and how, so that
 * {@code --resume} can tell whether the result still stands.
 *
 * @param submissionHash {@link ContentHash#submission} of the entry as it was graded
 * @param policyHash {@link ContentHash#policy} of the policy it was graded under
 * @param entry the entry's file name in the submissions directory ({@code alice.zip})
 * @param failure why the submission could not be graded at all (unloadable, internal error), else null
 */
public record BatchStamp(String submissionHash, String policyHash, String entry, String failure) {

    /** Whether a result with this stamp stands for {@code other}'s submission content and policy. */
    public boolean sameInputs(String submissionHash, String policyHash) {
        return this.submissionHash != null
                && this.submissionHash.equals(submissionHash)
                && this.policyHash != null
                && this.policyHash.equals(policyHash);
    }
}
