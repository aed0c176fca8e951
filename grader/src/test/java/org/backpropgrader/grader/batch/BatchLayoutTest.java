package org.backpropgrader.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The output layout is a contract (README, LMS import scripts, --resume of a later version): pinned name by name. */
class BatchLayoutTest {
    private final Path out = Path.of("grades");
    private final BatchLayout layout = new BatchLayout(out);

    @Test
    void eachSubmissionsFilesAreNamedByItsId() {
        assertEquals(Path.of("grades/results/alice.json"), layout.result("alice"));
        assertEquals(Path.of("grades/gradescope/alice.json"), layout.gradescope("alice"));
        assertEquals(Path.of("grades/lti/alice.json"), layout.lti("alice"));
        assertEquals(Path.of("grades/.integrity/alice.sha256"), layout.seal("alice"));
    }

    @Test
    void theClassFilesLieAtTheTop() {
        assertEquals(Path.of("grades/gradebook.csv"), layout.gradebook());
        assertEquals(Path.of("grades/summary.json"), layout.summary());
        assertEquals(Path.of("grades/report"), layout.reportDir());
    }

    @Test
    void scratchSpaceIsHiddenAndSharedByStagingAndWorkers() {
        assertEquals(Path.of("grades/.work"), layout.workDir());
        assertEquals(Path.of("grades/.work/staging"), layout.stagingDir());
        assertEquals(Path.of("grades/.work/worker-0"), layout.workerDir(0));
        assertEquals(Path.of("grades/.work/worker-12"), layout.workerDir(12));
    }

    @Test
    void theSealedFilesAreTheNativeResultThenTheGradescopeOne() {
        assertEquals(List.of(layout.result("bob"), layout.gradescope("bob")), layout.gradedFiles("bob"));
    }

    @Test
    void leftoverTemporaryFilesAreLookedForWhereverResultsAreWritten() {
        assertEquals(
                List.of(out, layout.resultsDir(), layout.gradescopeDir(), layout.ltiDir(), layout.integrityDir()),
                layout.writtenDirs());
    }
}
