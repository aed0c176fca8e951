package org.backpropgrader.grader.batch;

import java.nio.file.Path;
import java.util.List;

/**
 * Where everything of a batch goes inside its output directory ({@code OUT}), each submission's files named by its
 * student id:
 *
 * <pre>
 * OUT/results/&lt;id&gt;.json         native report plus a "batch" block: {submissionHash, policyHash, entry, failure}
 * OUT/gradescope/&lt;id&gt;.json      Gradescope results.json
 * OUT/lti/&lt;id&gt;.json             IMS LTI AGS Score (only with a roster, only its students)
 * OUT/gradebook.csv              the LMS gradebook
 * OUT/summary.json               the batch summary
 * OUT/report/                    the HTML class report
 * OUT/.integrity/&lt;id&gt;.sha256    the seal of a submission's results, which --resume checks
 * OUT/.work/staging/             the grader's copies of the submissions
 * OUT/.work/worker-&lt;n&gt;/         each worker's scratch directory
 * </pre>
 *
 * The names are a contract: LMS import scripts, {@code grader report} and {@code --resume} of a later grader version
 * read them. Everything hidden (a leading dot) is the grader's own; {@code .work} goes when the batch ends. A batch
 * may keep its scratch in memory instead of {@code .work} ({@link BatchScratch}), laid out the same.
 */
public final class BatchLayout {
    private static final String JSON = ".json";

    private final Path out;
    private final Path workDir;

    /** The layout of the batch whose output directory is {@code out}, its scratch in {@code OUT/.work}. */
    public BatchLayout(Path out) {
        this(out, out.resolve(".work"));
    }

    /** The layout of the batch whose output directory is {@code out}, its scratch in {@code workDir}. */
    public BatchLayout(Path out, Path workDir) {
        this.out = out;
        this.workDir = workDir;
    }

    /** The output directory itself. */
    public Path out() {
        return out;
    }

    /** Where the native results are; a directory of them is what makes {@code out} a batch's output. */
    public Path resultsDir() {
        return out.resolve("results");
    }

    /** The native result of student {@code id}: the commit marker of its grading. */
    public Path result(String id) {
        return resultsDir().resolve(id + JSON);
    }

    public Path gradescopeDir() {
        return out.resolve("gradescope");
    }

    public Path gradescope(String id) {
        return gradescopeDir().resolve(id + JSON);
    }

    public Path ltiDir() {
        return out.resolve("lti");
    }

    public Path lti(String id) {
        return ltiDir().resolve(id + JSON);
    }

    /**
     * The files written the moment student {@code id} is graded, and sealed together: the native result, then the
     * Gradescope one (LTI Scores come at the end, from the roster as it is then).
     */
    public List<Path> gradedFiles(String id) {
        return List.of(result(id), gradescope(id));
    }

    public Path gradebook() {
        return out.resolve("gradebook.csv");
    }

    public Path summary() {
        return out.resolve("summary.json");
    }

    /** The HTML class report's directory ({@code index.html} and {@code submissions/}). */
    public Path reportDir() {
        return out.resolve("report");
    }

    /** Where the seals live: outside every directory a child is given, so no submission can rewrite one. */
    public Path integrityDir() {
        return out.resolve(".integrity");
    }

    /** The seal of student {@code id}'s {@link #gradedFiles}. */
    public Path seal(String id) {
        return integrityDir().resolve(id + ".sha256");
    }

    /** The batch's scratch space, removed when it ends and when the next run starts. */
    public Path workDir() {
        return workDir;
    }

    /** The grader's own copies of the submissions, made before any child starts. */
    public Path stagingDir() {
        return workDir().resolve("staging");
    }

    /** The scratch directory of worker {@code n} (from 0). */
    public Path workerDir(int n) {
        return workDir().resolve("worker-" + n);
    }

    /** The directories an interrupted run may have left temporary files in ({@code .<name>…tmp}). */
    List<Path> writtenDirs() {
        return List.of(out, resultsDir(), gradescopeDir(), ltiDir(), integrityDir());
    }
}
