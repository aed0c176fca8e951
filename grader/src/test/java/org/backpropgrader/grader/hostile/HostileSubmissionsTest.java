package org.backpropgrader.grader.hostile;

import static org.backpropgrader.grader.hostile.HostileFixtures.CORRECT_DIFF;
import static org.backpropgrader.grader.hostile.HostileFixtures.HERE;
import static org.backpropgrader.grader.hostile.HostileFixtures.MSE_FILE;
import static org.backpropgrader.grader.hostile.HostileFixtures.RELU_FILE;
import static org.backpropgrader.grader.hostile.HostileFixtures.lineOfHere;
import static org.backpropgrader.grader.hostile.HostileFixtures.mse;
import static org.backpropgrader.grader.hostile.HostileFixtures.relu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.compare.ShapeRule;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.load.SubmissionException;
import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-code suite: one fixture submission per case, graded end to end through
 * {@link SubmissionGrader} with the child-JVM runner and short limits. Each test asserts the exact statuses and
 * messages of the gradients the case affects, that the rest of the submission (the other {@code mse-linear}
 * gradients in isolated mode, and a correct {@code relu-neuron}) still earns its points, and, after every test,
 * that the grader is healthy: no child process left, heap fine.
 */
class HostileSubmissionsTest {
    private static final long SEED = Policy.NOTEBOOK_SEED;
    private static final Policy.Limits LIMITS = new Policy.Limits(2_000, 30_000, 64, 512, 1 << 20);
    private static final Policy POLICY =
            new Policy(List.of(SEED), Mode.ISOLATED, ShapeRule.STRICT, null, Map.of(), LIMITS);
    private static final List<Exercise<?, ?>> EXERCISES = List.of(
            Exercises.byId("mse-linear").orElseThrow(),
            Exercises.byId("relu-neuron").orElseThrow());
    private static final List<String> AFTER_DIFF = List.of("y", "pred", "matmul", "b", "X", "W");
    private static final String ISOLATED_DIFF = "mse-linear/diff (seed 111111, isolated)";
    private static final String CHAINED_DIFF = "mse-linear/diff (seed 111111, chained)";

    private static SubmissionGrader grader;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startGrader() {
        grader = new SubmissionGrader();
    }

    @AfterAll
    static void stopGrader() throws IOException {
        grader.close();
    }

    // ------------------------------------------------------------------------------------------------------ cases

    @Test
    void infiniteLoop() throws Exception {
        Graded g = grade(mse("while (true) {\n}"));
        assertDiffFailed(
                g,
                Status.TIMEOUT,
                "did not return within 2000 ms",
                "did not return within 2000 ms (in isolated mode; not run again in chained mode)");
        assertRestFine(g);
        assertEquals(1, g.crashes(), "the isolated lane's child was killed; the chained lane does not wait again");
    }

    @Test
    void systemExit() throws Exception {
        Graded g = grade(mse("System.exit(3);\nreturn null;"), opened("java.lang.System#exit"));
        assertDiffFailed(
                g,
                Status.ERROR,
                "child exited with code 3 during " + ISOLATED_DIFF,
                "child exited with code 3 during " + CHAINED_DIFF);
        assertRestFine(g);
    }

    @Test
    void runtimeHalt() throws Exception {
        Graded g = grade(mse("Runtime.getRuntime().halt(7);\nreturn null;"), opened("java.lang.Runtime"));
        assertDiffFailed(
                g,
                Status.ERROR,
                "child exited with code 7 during " + ISOLATED_DIFF,
                "child exited with code 7 during " + CHAINED_DIFF);
        assertRestFine(g);
    }

    @Test
    void outOfMemory() throws Exception {
        Graded g = grade(
                mse("List<float[]> hog = new ArrayList<>();\nwhile (true) {\n    hog.add(new float[1 << 20]);\n}"));
        assertDiffFailed(
                g,
                Status.ERROR,
                "child exited with code 3 (out of memory: Java heap space) during " + ISOLATED_DIFF,
                "child exited with code 3 (out of memory: Java heap space) during " + CHAINED_DIFF);
        assertRestFine(g);
    }

    @Test
    void stackOverflow() throws Exception {
        String source = mse(
                "return f.diff().mul(depth(0));",
                "private int depth(int n) {\n    return depth(n + 1) + 1; " + HERE + "\n}");
        Graded g = grade(source);
        String expected = "threw java.lang.StackOverflowError (at MseLinearHostile.java:" + lineOfHere(source) + ")";
        assertDiffFailed(g, Status.ERROR, expected, expected);
        assertRestFine(g);
        assertEquals(0, g.crashes(), "a stack overflow is an exception the child survives");
    }

    @Test
    void methodThrows() throws Exception {
        String source = mse("throw new ArithmeticException(\"boom\"); " + HERE);
        Graded g = grade(source);
        String expected =
                "threw java.lang.ArithmeticException: boom (at MseLinearHostile.java:" + lineOfHere(source) + ")";
        assertDiffFailed(g, Status.ERROR, expected, expected);
        assertRestFine(g);
    }

    @Test
    void returnsNull() throws Exception {
        Graded g = grade(mse("return null;"));
        assertDiffFailed(g, Status.ERROR, "returned null", "returned null");
        assertRestFine(g);
    }

    @Test
    void nanAndInfinity() throws Exception {
        Graded g = grade(mse("""
                float[] v = f.diff().mul(2).mul(ddiff2).toFloatArray();
                v[0] = Float.NaN;
                v[1] = Float.POSITIVE_INFINITY;
                v[2] = Float.NEGATIVE_INFINITY;
                return Tensor.of(f.diff().shape(), v);"""));
        GradientResult diff = g.gradient("mse-linear", "diff");
        assertEquals(Status.WRONG, diff.status());
        assertEquals(
                "your gradient has 1 NaN and 2 infinite values, the first at index (0, 0): look for a division"
                        + " by zero, a log of 0 or an overflow",
                diff.hint());
        Check isolated = g.check("mse-linear", "diff", Mode.ISOLATED);
        assertTrue(Double.isNaN(isolated.maxdiff()), "a NaN can never look small: " + isolated);
        assertEquals(Status.WRONG, g.check("mse-linear", "y", Mode.CHAINED).status(), "chained y gets the NaN");
        assertRestFine(g);
    }

    @Test
    void wrongShape() throws Exception {
        Graded g = grade(mse("return f.diff().mul(2).mul(ddiff2).sum();"));
        assertDiffFailed(g, Status.SHAPE, "shape [] != expected [10, 1]", "shape [] != expected [10, 1]");
        assertRestFine(g);
    }

    @Test
    void prints100Megabytes() throws Exception {
        Graded g = grade(mse("""
                byte[] mb = new byte[1 << 20];
                Arrays.fill(mb, (byte) 'x');
                for (int i = 0; i < 100; i++) {
                    System.out.write(mb, 0, mb.length);
                }
                """ + CORRECT_DIFF));
        assertEquals(Status.EXACT, g.gradient("mse-linear", "diff").status());
        assertAllEarned(g, 8);
        // the isolated lane printed 100 MiB (the chained one follows it without a call: Note [Chained lanes follow]
        // in ExerciseGrading): the first MiB is kept, the other 99 MiB only counted
        assertEquals("x".repeat(1 << 20) + "\n… " + (99L << 20) + " more bytes", g.output());
        assertEquals(g.output(), g.report().studentOutput(), "the report carries the capped output");
        assertEquals(0, g.crashes());
    }

    @Test
    void nonDaemonThreadsThatNeverEnd() throws Exception {
        Graded g = grade(mse("""
                for (int i = 0; i < 3; i++) {
                    Thread t = new Thread(() -> {
                        while (true) {
                            try {
                                Thread.sleep(60_000);
                            } catch (InterruptedException e) {
                                // never give up
                            }
                        }
                    });
                    t.setDaemon(false);
                    t.start();
                }
                """ + CORRECT_DIFF), opened("java.lang.Thread"));
        assertAllEarned(g, 8);
        assertEquals(0, g.crashes());
        // assertHealthy (after each test) checks that the child and its threads are gone
    }

    @Test
    void sleepsPastTheTimeout() throws Exception {
        Graded g = grade(mse("""
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                """ + CORRECT_DIFF), opened("java.lang.Thread"));
        assertDiffFailed(
                g,
                Status.TIMEOUT,
                "did not return within 2000 ms",
                "did not return within 2000 ms (in isolated mode; not run again in chained mode)");
        assertRestFine(g);
    }

    @Test
    void callsAutograd() throws Exception {
        String source =
                mse("return org.backpropgrader.reference.Autograd.gradients(f.loss(), f.diff()).get(0); " + HERE);
        Graded g = grade(source, opened("org.backpropgrader.reference.Autograd"));
        // the child's engine is built without Autograd (runner/pom.xml)
        String expected = "threw java.lang.NoClassDefFoundError: org/backpropgrader/reference/Autograd"
                + " (at MseLinearHostile.java:" + lineOfHere(source) + ")";
        assertDiffFailed(g, Status.ERROR, expected, expected);
        assertRestFine(g);
    }

    @Test
    void reflectionIntoGraderAndEngineInternals() throws Exception {
        String source = mse("""
                StringBuilder found = new StringBuilder();
                for (String name : List.of("org.backpropgrader.grader.truth.Truth",
                        "org.backpropgrader.grader.run.ChildJvmRunner", "org.junit.platform.engine.TestEngine")) {
                    try {
                        Class.forName(name);
                        found.append(name).append(": loaded; ");
                    } catch (ClassNotFoundException e) {
                        found.append(name).append(": not found; ");
                    }
                }
                try {
                    java.lang.reflect.Field gradFn = Tensor.class.getDeclaredField("gradFn");
                    gradFn.setAccessible(true);
                    found.append("loss.gradFn: ").append(gradFn.get(f.loss())).append("; ");
                    java.lang.reflect.Field enabled =
                            Class.forName("org.backpropgrader.reference.GraphRecording").getDeclaredField("ENABLED");
                    enabled.setAccessible(true);
                    found.append("recording: ").append(enabled.getBoolean(null)).append("; ");
                    enabled.setBoolean(null, true);
                    found.append("GraphRecording.ENABLED set; ");
                } catch (ReflectiveOperationException e) {
                    found.append(e.getClass().getSimpleName()).append("; ");
                }
                try {
                    Class.forName("org.backpropgrader.reference.Autograd");
                    found.append("Autograd: loaded");
                } catch (ClassNotFoundException e) {
                    found.append("Autograd: not found");
                }
                throw new IllegalStateException(found.toString()); %s""".formatted(HERE));
        Graded g = grade(source, opened("java.lang.Class", "java.lang.reflect.*"));
        String expected = "threw java.lang.IllegalStateException: org.backpropgrader.grader.truth.Truth: not found;"
                + " org.backpropgrader.grader.run.ChildJvmRunner: not found; org.junit.platform.engine.TestEngine: not"
                + " found; loss.gradFn: null; recording: false; IllegalAccessException; Autograd: not found"
                + " (at MseLinearHostile.java:" + lineOfHere(source) + ")";
        assertDiffFailed(g, Status.ERROR, expected, expected);
        assertRestFine(g);
    }

    @Test
    void writesFilesWhereItRunsAndTheyGoWithIt() throws Exception {
        Graded g = grade(
                mse("""
                try {
                    java.nio.file.Path cwd = java.nio.file.Path.of("escaped.txt").toAbsolutePath();
                    java.nio.file.Files.writeString(cwd, "x");
                    java.nio.file.Path temp = java.nio.file.Files.createTempFile("escaped", ".txt");
                    System.out.println(cwd);
                    System.out.println(temp);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                """ + CORRECT_DIFF),
                opened(
                        "java.nio.file.*",
                        "java.nio.file.attribute.*",
                        "java.lang.Class",
                        "java.security.*",
                        "java.net.*"));
        assertAllEarned(g, 8);
        List<String> written = g.output().lines().toList();
        assertEquals(2, written.size(), g.output()); // two files, by the isolated lane (the chained one follows it)
        for (String file : written) {
            assertFalse(Files.exists(Path.of(file)), file + " went with the child");
        }
        assertFalse(Files.exists(Path.of("escaped.txt")), "nothing in the grader's working directory");
        try (var walk = Files.walk(tmp)) {
            assertEquals(
                    List.of(),
                    walk.filter(p -> p.getFileName().toString().startsWith("escaped"))
                            .toList(),
                    "nothing next to the submission or its compiled classes");
        }
    }

    @Test
    void staticStateNeverCarriesBetweenSeedsOrModes() throws Exception {
        Policy twoSeeds = POLICY.withSeeds(List.of(SEED, 7L));
        Graded g = grade(
                sources(mse(
                        "if (instances > 1) {\n    return f.diff(); // wrong, from the second instance on\n}\n"
                                + CORRECT_DIFF,
                        "private static int instances;\n\npublic MseLinearHostile() {\n    instances++;\n}")),
                twoSeeds);
        List<Check> checks = g.gradient("mse-linear", "diff").checks();
        assertEquals(4, checks.size());
        checks.forEach(c -> assertEquals(Status.EXACT, c.status(), c.toString()));
        assertAllEarned(g, 8);
    }

    @Test
    void writesGarbageToTheProtocol() throws Exception {
        Graded g = grade(mse("""
                java.io.PrintStream raw = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));
                raw.println("{\\"id\\": \\"not a reply\\"");
                raw.flush();
                """ + CORRECT_DIFF), opened("java.io.*"));
        // The text's first four bytes, read as a frame's length, are far beyond any legitimate message's.
        String garbage = ": a frame of 2065852772 bytes (at most 33554432 are legitimate)";
        assertDiffFailed(
                g,
                Status.ERROR,
                "the child's protocol output was garbled during " + ISOLATED_DIFF + garbage,
                "the child's protocol output was garbled during " + CHAINED_DIFF + garbage);
        assertRestFine(g);
    }

    @Test
    void submissionTimeLimit() throws Exception {
        // Two seeds: the isolated lanes' two timeouts (2 s each) overrun the submission's 3 s; a method that timed out
        // in isolated mode is not run again in chained mode, so only the isolated lanes spend the budget.
        Policy tight = new Policy(
                List.of(SEED, 7L),
                Mode.ISOLATED,
                ShapeRule.STRICT,
                null,
                Map.of(),
                new Policy.Limits(2_000, 3_000, 64, 512, 1 << 20));
        Graded g = grade(sources(mse("while (true) {\n}")), tight);
        List<Check> isolated = g.gradient("mse-linear", "diff").checks().stream()
                .filter(c -> c.mode() == Mode.ISOLATED)
                .toList();
        assertEquals(Status.TIMEOUT, isolated.get(0).status());
        assertEquals("did not return within 2000 ms", isolated.get(0).message());
        assertEquals(Status.TIMEOUT, isolated.get(1).status());
        assertEquals(
                "submission time limit of 3000 ms exceeded", isolated.get(1).message());
        Check chained = g.check("mse-linear", "diff", Mode.CHAINED);
        assertEquals(Status.TIMEOUT, chained.status());
        assertEquals(
                "did not return within 2000 ms (in isolated mode; not run again in chained mode)", chained.message());
        for (String name : AFTER_DIFF) {
            Check c = g.check("mse-linear", name, Mode.ISOLATED);
            assertEquals(Status.TIMEOUT, c.status(), name);
            assertEquals("submission time limit of 3000 ms exceeded", c.message(), name);
        }
        ExerciseResult relu = g.exercise("relu-neuron");
        assertEquals(0.0, relu.score());
        relu.gradients().forEach(r -> assertEquals(Status.TIMEOUT, r.status(), r.name()));
    }

    @Test
    void givesUpAfterFiveChildCrashes() throws Exception {
        List<Long> seeds = List.of(SEED, 7L, 8L);
        Graded g = grade(
                sources(mse(CORRECT_DIFF, "public MseLinearHostile() {\n    Runtime.getRuntime().halt(1);\n}")),
                opened("java.lang.Runtime").withSeeds(seeds));
        // lanes open in order, isolated seeds first: five lose their child while constructing, the sixth gives up
        List<String> expected = new ArrayList<>();
        for (Mode mode : List.of(Mode.ISOLATED, Mode.CHAINED)) {
            for (long seed : seeds) {
                expected.add(
                        expected.size() < 5
                                ? "ERROR: child exited with code 1 during the start of mse-linear (seed " + seed + ", "
                                        + mode.label() + ")"
                                : "ERROR: gave up after 5 child crashes");
            }
        }
        for (GradientResult r : g.exercise("mse-linear").gradients()) {
            assertEquals(
                    expected,
                    r.checks().stream()
                            .map(c -> c.status() + ": " + c.message())
                            .toList(),
                    r.name());
        }
        assertEquals(5, g.crashes());
        ExerciseResult relu = g.exercise("relu-neuron");
        assertEquals(0.0, relu.score(), "a submission that crashed five children gets no more");
        for (GradientResult r : relu.gradients()) {
            r.checks()
                    .forEach(
                            c -> assertEquals("ERROR: gave up after 5 child crashes", c.status() + ": " + c.message()));
        }
    }

    // ------------------------------------------------------------------------- cases the loader stops first

    @Test
    void compileError() throws Exception {
        String source = mse("return f.diff().mul(2).mul(ddiff2) " + HERE);
        Graded g = grade(source);
        int line = lineOfHere(source);
        String diagnostic = "hostile/MseLinearHostile.java:" + line + ": error: ';' expected";
        String expected = "the submission does not compile (1 error; the first: " + diagnostic + ")";
        // the compiler's own messages once, for the submission, not in every exercise
        assertEquals(
                diagnostic + "\n        return f.diff().mul(2).mul(ddiff2) " + HERE + "\n" + " ".repeat(42) + "^",
                g.report().compilerOutput());
        for (String id : List.of("mse-linear", "relu-neuron")) { // javac writes no classes when one file fails
            ExerciseResult e = g.exercise(id);
            assertEquals(Status.ERROR, e.status(), id);
            assertEquals(expected, e.message(), id);
            e.gradients().forEach(r -> assertEquals(Status.ERROR, r.status(), r.name()));
        }
        assertEquals(0, g.crashes());
    }

    @Test
    void classCompiledForNewerJava() throws Exception {
        Path classes = HostileFixtures.compile(
                Files.createDirectories(tmp.resolve("classes")),
                Map.of(MSE_FILE, mse(CORRECT_DIFF), RELU_FILE, relu()));
        HostileFixtures.setMajorVersion(classes.resolve("hostile/MseLinearHostile.class"), 65);
        Graded g = grade(classes, POLICY);
        ExerciseResult e = g.exercise("mse-linear");
        assertEquals(Status.ERROR, e.status());
        assertEquals(
                "hostile/MseLinearHostile.class was compiled for Java 21 (class file version 65); the grader runs"
                        + " Java 17: compile with --release 17",
                e.message());
        e.gradients().forEach(r -> assertEquals(Status.ERROR, r.status(), r.name()));
        assertReluFine(g);
    }

    @Test
    void noImplementingClass() throws Exception {
        Graded g = grade(Map.of(RELU_FILE, relu()));
        ExerciseResult e = g.exercise("mse-linear");
        assertEquals(Status.MISSING, e.status());
        assertEquals("no class implements MseLinearBackward", e.message());
        e.gradients().forEach(r -> assertEquals(Status.MISSING, r.status()));
        assertReluFine(g);
    }

    @Test
    void twoImplementingClasses() throws Exception {
        Map<String, String> sources = sources(mse(CORRECT_DIFF));
        sources.put("hostile/MseLinearOther.java", HostileFixtures.mse("MseLinearOther", CORRECT_DIFF, ""));
        Graded g = grade(sources, POLICY);
        ExerciseResult e = g.exercise("mse-linear");
        assertEquals(Status.ERROR, e.status());
        assertEquals(
                "two classes implement MseLinearBackward: hostile.MseLinearHostile, hostile.MseLinearOther;"
                        + " keep one",
                e.message());
        e.gradients().forEach(r -> assertEquals(Status.ERROR, r.status()));
        assertReluFine(g);
    }

    @Test
    void zipSlip() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(RELU_FILE, relu().getBytes(StandardCharsets.UTF_8));
        entries.put("../evil.java", "class Evil {}".getBytes(StandardCharsets.UTF_8));
        Path zip =
                HostileFixtures.zip(Files.createDirectories(tmp.resolve("in")).resolve("slip.zip"), entries);
        SubmissionException e = assertThrows(SubmissionException.class, () -> grade(zip, POLICY));
        assertEquals(
                "slip.zip: entry '../evil.java' points outside the folder it would be extracted to (zip slip);"
                        + " refusing the whole zip",
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("evil.java")));
        assertFalse(Files.exists(tmp.resolve("work/evil.java")));
    }

    @Test
    void zipBomb() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(RELU_FILE, relu().getBytes(StandardCharsets.UTF_8));
        entries.put("hostile/Zeros.java", new byte[32 << 20]); // 32 MiB of zeros deflate about 1000:1
        Path zip =
                HostileFixtures.zip(Files.createDirectories(tmp.resolve("in")).resolve("bomb.zip"), entries);
        assertTrue(Files.size(zip) < 1 << 20);
        SubmissionException e = assertThrows(SubmissionException.class, () -> grade(zip, POLICY));
        assertEquals(
                "bomb.zip: entry 'hostile/Zeros.java' inflates more than 200 times (32617 bytes to over 6619136):"
                        + " refusing it as a zip bomb",
                e.getMessage());
        assertFalse(
                Files.exists(tmp.resolve("work")) && HostileFixtures.anyFileBelow(tmp.resolve("work")),
                "nothing was extracted");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static Map<String, String> sources(String mseSource) {
        return sources(mseSource, relu());
    }

    private static Map<String, String> sources(String mseSource, String reluSource) {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(MSE_FILE, mseSource);
        sources.put(RELU_FILE, reluSource);
        return sources;
    }

    private Graded grade(String mseSource) throws Exception {
        return grade(sources(mseSource), POLICY);
    }

    private Graded grade(String mseSource, Policy policy) throws Exception {
        return grade(sources(mseSource), policy);
    }

    /**
     * The test policy with {@code apis} allowed. The load-time check refuses them by default ({@link ForbiddenApiTest}
     * pins that); the cases that use them open them so that what they test is the child JVM's own defence, which
     * must hold for whatever an instructor allows and for what the check might miss.
     */
    private static Policy opened(String... apis) {
        return POLICY.withAllowApis(List.of(apis));
    }

    private Graded grade(Map<String, String> sources) throws Exception {
        return grade(sources, POLICY);
    }

    private Graded grade(Map<String, String> sources, Policy policy) throws Exception {
        return grade(HostileFixtures.writeSources(Files.createDirectories(tmp.resolve("submission")), sources), policy);
    }

    private Graded grade(Path submission, Policy policy) throws Exception {
        return Graded.grade(grader, submission, policy, EXERCISES, Files.createDirectories(tmp.resolve("work")));
    }

    /** {@code diff} failed in both modes with these messages; diff2, graded before it, kept its result. */
    private static void assertDiffFailed(Graded g, Status status, String isolatedMessage, String chainedMessage) {
        assertEquals(Status.EXACT, g.gradient("mse-linear", "diff2").status());
        g.gradient("mse-linear", "diff2").checks().forEach(c -> assertEquals(Status.EXACT, c.status(), c.toString()));
        GradientResult diff = g.gradient("mse-linear", "diff");
        assertEquals(status, diff.status());
        assertEquals(0.0, diff.points());
        Check isolated = g.check("mse-linear", "diff", Mode.ISOLATED);
        assertEquals(status, isolated.status());
        assertEquals(isolatedMessage, isolated.message());
        Check chained = g.check("mse-linear", "diff", Mode.CHAINED);
        assertEquals(status, chained.status());
        assertEquals(chainedMessage, chained.message());
    }

    /**
     * Everything but {@code diff} earns its points: the gradients after it in isolated mode (chained mode cannot
     * run them without an answer for diff), and all of relu-neuron.
     */
    private static void assertRestFine(Graded g) {
        for (String name : AFTER_DIFF) {
            assertEquals(
                    Status.EXACT, g.check("mse-linear", name, Mode.ISOLATED).status(), name);
            assertTrue(g.gradient("mse-linear", name).status().earnsPoints(), name);
        }
        Status diff = g.gradient("mse-linear", "diff").status();
        if (diff != Status.WRONG && diff != Status.SHAPE) { // a wrong answer still feeds chained mode
            for (String name : AFTER_DIFF) {
                Check c = g.check("mse-linear", name, Mode.CHAINED);
                assertEquals(Status.NOT_RUN, c.status(), name);
                assertTrue(c.message().startsWith("not run in chained mode: the upstream d"), c.message());
            }
        }
        assertEquals(7.0, g.exercise("mse-linear").score());
        assertReluFine(g);
    }

    private static void assertReluFine(Graded g) {
        ExerciseResult relu = g.exercise("relu-neuron");
        assertEquals(4.0, relu.score(), () -> relu.toString());
        relu.gradients().forEach(r -> r.checks().forEach(c -> assertEquals(Status.EXACT, c.status(), r.name())));
    }

    private static void assertAllEarned(Graded g, double mseScore) {
        assertEquals(
                mseScore,
                g.exercise("mse-linear").score(),
                () -> g.exercise("mse-linear").toString());
        g.exercise("mse-linear")
                .gradients()
                .forEach(r -> r.checks().forEach(c -> assertEquals(Status.EXACT, c.status(), r.name() + " " + c)));
        assertReluFine(g);
    }

    /** The grader's own process after every case: no child left behind, heap fine. */
    @AfterEach
    void assertHealthy() throws InterruptedException {
        List<ProcessHandle> left = ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .toList();
        assertEquals(
                List.of(),
                left.stream()
                        .map(h -> h.pid() + " " + h.info().commandLine().orElse("?"))
                        .toList(),
                "child processes left behind");
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long used = rt.totalMemory() - rt.freeMemory();
        assertTrue(
                used < rt.maxMemory() / 2,
                "grader heap after the case: " + (used >> 20) + " MiB of " + (rt.maxMemory() >> 20));
    }
}
