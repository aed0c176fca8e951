package org.backpropgrader.grader.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.Catalog;
import org.backpropgrader.grader.load.LoadedSubmission;
import org.backpropgrader.grader.load.SubmissionLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.Filter;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The JUnit Platform engine answers every selector IDEs and build tools send: a scan of class-path roots, a package,
 * a student's class (one exercise), a student's method (one gradient), a unique id (a submission, an exercise, one
 * gradient), and a {@link SelfCheck} class. The submission is the model solution with two classic mistakes,
 * compiled into a class-path root of its own and loaded the way Surefire or an IDE loads test classes.
 */
class GradingTestEngineTest {
    private static final int ALL_GRADIENTS =
            Exercises.all().stream().mapToInt(e -> e.gradients().size()).sum();
    private static SubmissionLoader loader;
    private static Path classes;
    private static URLClassLoader studentLoader;

    @TempDir
    static Path tmp;

    /** The model solution with the notebook's keepdim in bce-logistic's db (SHAPE) and no 1/N in mse-linear's. */
    @BeforeAll
    static void compileSubmission() throws Exception {
        Path sources = Files.createDirectories(tmp.resolve("submission/notebook"));
        try (Stream<Path> files = Files.list(Path.of("../examples/correct/notebook"))) {
            for (Path f : files.toList()) {
                Files.copy(f, sources.resolve(f.getFileName()));
            }
        }
        replace(sources.resolve("BceLogisticNotebook.java"), "return dlogits.sum(0);", "return dlogits.sum(0, true);");
        replace(
                sources.resolve("MseLinearNotebook.java"),
                "return Tensor.onesLike(f.diff()).mul(1.0 / f.diff().size(0)).mul(1.0).mul(dloss);",
                "return Tensor.onesLike(f.diff()).mul(dloss);");
        loader = new SubmissionLoader();
        LoadedSubmission submission = loader.load(sources.getParent(), Files.createDirectories(tmp.resolve("work")));
        assertTrue(submission.compiled(), () -> String.join("\n", submission.diagnostics()));
        classes = submission.classesRoot();
        studentLoader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, GradingTestEngineTest.class.getClassLoader());
    }

    @AfterAll
    static void close() throws IOException {
        studentLoader.close();
        loader.close();
    }

    private static void replace(Path file, String line, String replacement) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains(line), file + " lacks " + line);
        Files.writeString(file, text.replace(line, replacement), StandardCharsets.UTF_8);
    }

    private static Class<?> student(String simpleName) throws ClassNotFoundException {
        return Class.forName("notebook." + simpleName, false, studentLoader);
    }

    /** Runs the engine alone, with the student's classes on the context class path as Surefire and IDEs have them. */
    private static EngineExecutionResults execute(DiscoverySelector... selectors) {
        return withStudentClassPath(() -> EngineTestKit.engine(new GradingTestEngine())
                .selectors(selectors)
                .execute());
    }

    private static <T> T withStudentClassPath(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(studentLoader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static List<String> testNames(EngineExecutionResults results) {
        return results.testEvents().started().stream()
                .map(ev -> ev.getTestDescriptor().getLegacyReportingName())
                .toList();
    }

    private static String failureMessage(Event event) {
        return event.getPayload(TestExecutionResult.class)
                .orElseThrow()
                .getThrowable()
                .orElseThrow()
                .getMessage();
    }

    @Test
    void classPathScanFindsEveryGradientOfEveryStudentClass() {
        EngineExecutionResults results =
                execute(DiscoverySelectors.selectClasspathRoots(Set.of(classes)).toArray(DiscoverySelector[]::new));

        results.testEvents()
                .assertStatistics(s ->
                        s.started(ALL_GRADIENTS).succeeded(ALL_GRADIENTS - 2).failed(2));
        // the engine's root, one submission, every exercise; none fails for a problem of its own
        int containers = 2 + Catalog.exercises();
        results.containerEvents().assertStatistics(s -> s.started(containers).succeeded(containers));
        List<String> failures = results.testEvents().failed().stream()
                .map(GradingTestEngineTest::failureMessage)
                .toList();
        assertTrue(
                failures.get(0).startsWith("diff2: WRONG (hint: off by a factor of 10 (the batch size)"),
                failures.get(0));
        assertTrue(
                failures.get(0).contains("\nseed 111111, isolated: Mismatched elements: 10 / 10 (100.0%)"),
                failures.get(0));
        assertEquals(
                "b: SHAPE (hint: same values, extra singleton dimension: drop keepdim)\n"
                        + "seed 111111, isolated: shape [1, 1] != expected [1]",
                failures.get(1));
        results.testEvents().failed().stream()
                .forEach(ev -> assertInstanceOf(
                        GradientCheckFailure.class,
                        ev.getPayload(TestExecutionResult.class)
                                .orElseThrow()
                                .getThrowable()
                                .orElseThrow()));
    }

    @Test
    void classPathScanHonoursClassNameFilters() {
        // as a Filter: EngineTestKit deprecates its DiscoveryFilter overload, which a ClassNameFilter would pick
        Filter<String> reluNeuron = ClassNameFilter.includeClassNamePatterns(".*ReluNeuron.*");
        EngineExecutionResults results = withStudentClassPath(() -> EngineTestKit.engine(new GradingTestEngine())
                .selectors(
                        DiscoverySelectors.selectClasspathRoots(Set.of(classes)).toArray(DiscoverySelector[]::new))
                .filters(reluNeuron)
                .execute());

        assertEquals(List.of("res", "pre", "x", "w"), testNames(results));
    }

    @Test
    void classPathScanIgnoresTheStandardTestClassPattern_whichNoStudentClassMatches() {
        Filter<String> standard = ClassNameFilter.includeClassNamePatterns(ClassNameFilter.STANDARD_INCLUDE_PATTERN);
        EngineExecutionResults results = withStudentClassPath(() -> EngineTestKit.engine(new GradingTestEngine())
                .selectors(
                        DiscoverySelectors.selectClasspathRoots(Set.of(classes)).toArray(DiscoverySelector[]::new))
                .filters(standard)
                .execute());

        results.testEvents().assertStatistics(s -> s.started(ALL_GRADIENTS));
    }

    @Test
    void packageSelectorFindsTheStudentClassesOfThatPackage() {
        EngineExecutionResults results = execute(DiscoverySelectors.selectPackage("notebook"));

        results.testEvents().assertStatistics(s -> s.started(ALL_GRADIENTS));
        assertEquals(
                0,
                execute(DiscoverySelectors.selectPackage("elsewhere"))
                        .testEvents()
                        .started()
                        .count());
    }

    @Test
    void classSelectorRunsThatExerciseOneTestPerGradient_filedUnderTheStudentsClass() throws Exception {
        EngineExecutionResults results = execute(DiscoverySelectors.selectClass(student("MseLinearNotebook")));

        assertEquals(List.of("diff2", "diff", "y", "pred", "matmul", "b", "X", "W"), testNames(results));
        Event first = results.testEvents().started().list().get(0);
        TestDescriptor test = first.getTestDescriptor();
        assertEquals("diff2(dloss)", test.getDisplayName());
        assertEquals(
                "MethodSource [className = 'notebook.MseLinearNotebook', methodName = 'diff2', "
                        + "methodParameterTypes = 'org.backpropgrader.exercises.mselinear.MseLinearForward, "
                        + "org.backpropgrader.reference.Tensor']",
                test.getSource().orElseThrow().toString());
        assertEquals(
                "notebook.MseLinearNotebook",
                test.getParent().orElseThrow().getLegacyReportingName(),
                "build tools' XML names the student's class");
    }

    @Test
    void methodSelectorRunsExactlyThatGradient() throws Exception {
        EngineExecutionResults results = execute(DiscoverySelectors.selectMethod(
                student("BceLogisticNotebook"),
                "b",
                "org.backpropgrader.exercises.bcelogistic.BceLogisticForward, org.backpropgrader.reference.Tensor"));

        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertEquals(List.of("b"), testNames(results));
    }

    @Test
    void methodSelectorForAStudentsHelperMethodFindsNothing() throws Exception {
        assertEquals(
                0,
                execute(DiscoverySelectors.selectMethod(student("MseLinearNotebook"), "toString"))
                        .testEvents()
                        .started()
                        .count());
    }

    @Test
    void uniqueIdOfAGradientRerunsExactlyThatGradient_andOfAnExerciseItsGradients() throws Exception {
        EngineExecutionResults all = execute(DiscoverySelectors.selectClass(student("ReluNeuronNotebook")));
        UniqueId pre = all.testEvents().started().stream()
                .map(Event::getTestDescriptor)
                .filter(d -> d.getLegacyReportingName().equals("pre"))
                .findFirst()
                .orElseThrow()
                .getUniqueId();
        UniqueId exercise = pre.removeLastSegment();

        EngineExecutionResults one = execute(DiscoverySelectors.selectUniqueId(pre));
        one.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertEquals(
                pre,
                one.testEvents().started().list().get(0).getTestDescriptor().getUniqueId());

        EngineExecutionResults four = execute(DiscoverySelectors.selectUniqueId(exercise));
        assertEquals(List.of("res", "pre", "x", "w"), testNames(four));

        EngineExecutionResults whole = execute(DiscoverySelectors.selectUniqueId(exercise.removeLastSegment()));
        whole.testEvents().assertStatistics(s -> s.started(ALL_GRADIENTS));
    }

    @Test
    void uniqueIdOfAnotherEngineFindsNothing() {
        assertEquals(
                0,
                execute(DiscoverySelectors.selectUniqueId(
                                UniqueId.forEngine("junit-jupiter").append("class", "x")))
                        .testEvents()
                        .started()
                        .count());
    }

    @Test
    void classesThatAreNeitherStudentClassesNorSelfChecksDiscoverNothing() {
        EngineExecutionResults results = execute(DiscoverySelectors.selectClass(GradingTestEngineTest.class));

        results.testEvents().assertStatistics(s -> s.started(0));
        results.containerEvents().assertStatistics(s -> s.started(1)); // the engine alone
    }

    /** A self-check of the untouched template, as a project with a {@code @SelfCheck} test class has it. */
    @SelfCheck(submission = "../student-template/src/main/java")
    static class TemplateSelfCheck {}

    @Test
    void selfCheckAnnotatedClassChecksItsSubmission_oneTestPerGradient() {
        EngineExecutionResults results = EngineTestKit.engine(new GradingTestEngine())
                .selectors(DiscoverySelectors.selectClass(TemplateSelfCheck.class))
                .execute();

        results.testEvents().assertStatistics(s -> s.started(ALL_GRADIENTS).failed(ALL_GRADIENTS));
        results.testEvents().failed().stream()
                .forEach(ev -> assertTrue(failureMessage(ev).contains("NOT_IMPLEMENTED"), failureMessage(ev)));
        TestDescriptor first = results.testEvents().started().list().get(0).getTestDescriptor();
        assertEquals(
                "MethodSource [className = 'student.MseLinearSolution', methodName = 'diff2', "
                        + "methodParameterTypes = 'org.backpropgrader.exercises.mselinear.MseLinearForward, "
                        + "org.backpropgrader.reference.Tensor']",
                first.getSource().orElseThrow().toString());
    }

    @Test
    void selfCheckMethodSelectorRunsThatGradientOfEveryExerciseThatHasIt() {
        EngineExecutionResults results = EngineTestKit.engine(new GradingTestEngine())
                .selectors(DiscoverySelectors.selectMethod(TemplateSelfCheck.class, "pre"))
                .execute();

        assertEquals(List.of("pre"), testNames(results));
    }

    @Test
    void uniqueIdOfASelfCheckGradientRerunsExactlyThatGradient() {
        EngineExecutionResults all = EngineTestKit.engine(new GradingTestEngine())
                .selectors(DiscoverySelectors.selectClass(TemplateSelfCheck.class))
                .execute();
        UniqueId w = all.testEvents().started().stream()
                .map(Event::getTestDescriptor)
                .filter(d -> d.getUniqueId().toString().contains("[exercise:relu-neuron]/[gradient:w]"))
                .findFirst()
                .orElseThrow()
                .getUniqueId();

        EngineExecutionResults one = EngineTestKit.engine(new GradingTestEngine())
                .selectors(DiscoverySelectors.selectUniqueId(w))
                .execute();

        one.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertEquals(
                w, one.testEvents().started().list().get(0).getTestDescriptor().getUniqueId());
    }

    /** A self-check of the very directory the student's classes are loaded from. */
    @SelfCheck(submission = "target/engine-test-merged-classes")
    static class SameDirectorySelfCheck {}

    @Test
    void selfCheckAndStudentClassesOfTheSameDirectory_areGradedOnce() throws Exception {
        Path merged = Path.of("target/engine-test-merged-classes");
        org.backpropgrader.grader.files.Directories.deleteQuietly(merged);
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.toList()) {
                Path target = merged.resolve(classes.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        try (URLClassLoader mergedLoader =
                new URLClassLoader(new URL[] {merged.toUri().toURL()}, GradingTestEngineTest.class.getClassLoader())) {
            Class<?> mse = Class.forName("notebook.MseLinearNotebook", false, mergedLoader);

            EngineExecutionResults results = EngineTestKit.engine(new GradingTestEngine())
                    .selectors(
                            DiscoverySelectors.selectClass(mse),
                            DiscoverySelectors.selectClass(SameDirectorySelfCheck.class))
                    .execute();

            results.testEvents().assertStatistics(s -> s.started(ALL_GRADIENTS));
            assertEquals(
                    1,
                    results.containerEvents().started().stream()
                            .filter(e -> e.getTestDescriptor()
                                    .getUniqueId()
                                    .getLastSegment()
                                    .getType()
                                    .equals(SubmissionSource.SELF_CHECK))
                            .count());
        }
    }

    @Test
    void submissionThatDoesNotCompile_failsOnceWithTheCompilersMessages_andEachExerciseWithItsReason()
            throws IOException {
        Path broken = Files.createDirectories(Path.of("target/broken-submission-for-engine-test/student"));
        Files.writeString(
                broken.resolve("ReluNeuronSolution.java"),
                "package student;\n"
                        + "public class ReluNeuronSolution implements org.backpropgrader.exercises.reluneuron.ReluNeuronBackward"
                        + " { int x = ; }\n");
        EngineExecutionResults results = EngineTestKit.engine(new GradingTestEngine())
                .selectors(DiscoverySelectors.selectClass(BrokenSelfCheck.class))
                .execute();

        List<String> failed = new ArrayList<>();
        results.containerEvents().failed().stream()
                .forEach(ev -> failed.add(ev.getTestDescriptor().getDisplayName() + " | " + failureMessage(ev)));
        int last = Catalog.exercises(); // every other exercise missing, relu-neuron, then the submission
        assertEquals(
                Catalog.exercises() + 1,
                failed.size(),
                "the missing exercises, relu-neuron, the submission: " + failed);
        assertTrue(failed.get(0).endsWith("| mse-linear: no class implements MseLinearBackward"), failed.get(0));
        assertTrue(
                failed.get(2).startsWith("relu-neuron: ")
                        && failed.get(2).contains("| relu-neuron: the submission does not compile (1 error"),
                failed.get(2));
        assertTrue(
                failed.get(last).contains("the submission does not compile:\nstudent/ReluNeuronSolution.java:2:"),
                failed.get(last));
        assertEquals(
                1,
                String.join("\n", failed).split("int x = ; }", -1).length - 1,
                "the compiler's messages once: " + failed);
    }

    @SelfCheck(submission = "target/broken-submission-for-engine-test")
    static class BrokenSelfCheck {}
}
