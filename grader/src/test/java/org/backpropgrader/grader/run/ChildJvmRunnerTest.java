package org.backpropgrader.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.grading.TruthCache;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.sandbox.TestSandboxes;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's own promises, below the grading path: start failures, load failures, a closed runner. */
class ChildJvmRunnerTest {
    private static final Exercise<?, ?> RELU = Exercises.byId("relu-neuron").orElseThrow();
    private static final Truth TRUTH = new TruthCache().get(RELU, Policy.NOTEBOOK_SEED);

    @TempDir
    Path tmp;

    @Test
    void aChildThatCannotStartSaysWhy() throws Exception {
        Policy.Limits tiny = new Policy.Limits(2_000, 30_000, 1, 512, 1 << 20); // -Xmx1m: the JVM refuses
        try (ChildJvmRunner runner =
                new ChildJvmRunner(Files.createDirectories(tmp.resolve("classes")), tiny, TestSandboxes.standard())) {
            RunnerException e = assertThrows(RunnerException.class, () -> runner.open(TRUTH, "x.Y", Mode.ISOLATED));
            assertEquals(Status.ERROR, e.status());
            assertTrue(e.getMessage().startsWith("child exited with code 1 before it was ready: "), e.getMessage());
            assertEquals(1, runner.crashes());
        }
    }

    @Test
    void aClassThatIsNotThereCannotBeLoaded() throws Exception {
        try (ChildJvmRunner runner = new ChildJvmRunner(
                Files.createDirectories(tmp.resolve("classes")), Policy.Limits.defaults(), TestSandboxes.standard())) {
            RunnerException e = assertThrows(RunnerException.class, () -> runner.open(TRUTH, "x.Y", Mode.ISOLATED));
            assertEquals(Status.ERROR, e.status());
            assertEquals("cannot load x.Y: java.lang.ClassNotFoundException: x.Y", e.getMessage());
            assertEquals(0, runner.crashes(), "the child lives on");
            // the child is still good for a class that is there (a proxy of the interface is not: it is no class
            // of the submission), so open the exercise interface itself, which the child refuses by name
            RunnerException notImpl =
                    assertThrows(RunnerException.class, () -> runner.open(TRUTH, "java.lang.String", Mode.CHAINED));
            assertEquals(
                    "java.lang.String does not implement " + RELU.backwardType().getName(), notImpl.getMessage());
        }
    }

    @Test
    void aClosedRunnerRunsNothing() throws Exception {
        ChildJvmRunner runner = new ChildJvmRunner(
                Files.createDirectories(tmp.resolve("classes")), Policy.Limits.defaults(), TestSandboxes.standard());
        runner.close();
        RunnerException e = assertThrows(RunnerException.class, () -> runner.open(TRUTH, "x.Y", Mode.ISOLATED));
        assertEquals("the runner is closed", e.getMessage());
        assertInstanceOf(Tensor.class, TRUTH.gradient("loss"));
    }

    @AfterEach
    void noChildLeft() {
        assertEquals(
                0,
                ProcessHandle.current()
                        .descendants()
                        .filter(ProcessHandle::isAlive)
                        .count());
    }
}
