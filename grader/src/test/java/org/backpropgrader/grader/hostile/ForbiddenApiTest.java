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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.load.Implementation;
import org.backpropgrader.grader.load.LoadedSubmission;
import org.backpropgrader.grader.load.SubmissionLoader;
import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's forbidden-API check, end to end: one attack family per case, in a {@code MseLinearBackward} that is
 * otherwise the notebook's, next to a correct {@code ReluNeuronBackward}, graded through {@link SubmissionGrader}
 * with the child-JVM runner. Each case asserts that mse-linear scores 0 with every gradient {@code ERROR} and the
 * exact message (the API, the file and the line), that relu-neuron is graded normally in the child, and that no
 * mse-linear code ran: each hostile class prints from its static initialiser, and the child's output stays empty.
 * {@code CheckRefusesForbiddenApiTest} shows that {@code check} says the same.
 */
class ForbiddenApiTest {
    private static final long SEED = Policy.NOTEBOOK_SEED;
    private static final Policy POLICY = new Policy(
            List.of(SEED),
            org.backpropgrader.grader.model.Mode.ISOLATED,
            org.backpropgrader.grader.compare.ShapeRule.STRICT,
            null,
            Map.of(),
            new Policy.Limits(5_000, 60_000, 64, 512, 1 << 20));
    private static final List<Exercise<?, ?>> EXERCISES = List.of(
            Exercises.byId("mse-linear").orElseThrow(),
            Exercises.byId("relu-neuron").orElseThrow());
    /** In every hostile class: had any of its code run, the child's output would say so. */
    private static final String RAN = "static {\n    System.out.println(\"hostile code ran\");\n}\n";

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

    // ----------------------------------------------------------------------------------------- one per attack

    @Nested
    class Refused {
        @Test
        void reflectionMethodInvoke() throws Exception {
            String source = hostile("""
                    try {
                        java.lang.reflect.Method neg = Tensor.class.getMethod("neg"); %s
                        return (Tensor) neg.invoke(f.diff().mul(-2).mul(ddiff2));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }""".formatted(HERE));
            int line = lineOfHere(source);
            assertRefused(
                    source,
                    "uses java.lang.Class.getMethod at MseLinearHostile.java:" + line + ", which"
                            + " submissions may not use (also java.lang.reflect.Method at MseLinearHostile.java:"
                            + (line + 1)
                            + ")");
        }

        @Test
        void setAccessibleOnAPrivateField() throws Exception {
            String source = hostile("""
                    try {
                        java.lang.reflect.Field data = Tensor.class.getDeclaredField("data"); %s
                        data.setAccessible(true);
                        return f.diff().mul(2).mul(ddiff2);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }""".formatted(HERE));
            int line = lineOfHere(source);
            assertRefused(
                    source,
                    "uses java.lang.Class.getDeclaredField at MseLinearHostile.java:" + line + ", which"
                            + " submissions may not use (also java.lang.reflect.Field at MseLinearHostile.java:"
                            + (line + 1)
                            + ")");
        }

        @Test
        void systemSetPropertyToSwitchAutogradOn() throws Exception {
            assertRefusedAtHere(
                    hostile("System.setProperty(\"backprop.autograd\", \"on\"); " + HERE + "\n" + CORRECT_DIFF),
                    "java.lang.System.setProperty");
        }

        @Test
        void systemGetenv() throws Exception {
            assertRefusedAtHere(
                    hostile("String token = System.getenv(\"CANVAS_TOKEN\"); " + HERE + "\n" + CORRECT_DIFF),
                    "java.lang.System.getenv");
        }

        @Test
        void systemExit() throws Exception {
            assertRefusedAtHere(hostile("System.exit(3); " + HERE + "\nreturn null;"), "java.lang.System.exit");
        }

        @Test
        void systemLoadOfNativeCode() throws Exception {
            assertRefusedAtHere(
                    hostile("System.load(\"/tmp/libevil.so\"); " + HERE + "\n" + CORRECT_DIFF),
                    "java.lang.System.load");
        }

        @Test
        void runtimeExec() throws Exception {
            assertRefusedAtHere(hostile("""
                    try {
                        Runtime.getRuntime().exec(new String[] {"sh", "-c", "setsid -f sleep 100"}); %s
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    """.formatted(HERE) + CORRECT_DIFF), "java.lang.Runtime");
        }

        @Test
        void processBuilder() throws Exception {
            assertRefusedAtHere(hostile("""
                    try {
                        new ProcessBuilder("sh", "-c", "sleep 100 &").start(); %s
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    """.formatted(HERE) + CORRECT_DIFF), "java.lang.ProcessBuilder");
        }

        @Test
        void processHandleKillsTheParent() throws Exception {
            assertRefusedAtHere(
                    hostile("ProcessHandle.current().parent().ifPresent(ProcessHandle::destroyForcibly); " + HERE + "\n"
                            + CORRECT_DIFF),
                    "java.lang.ProcessHandle");
        }

        @Test
        void newThread() throws Exception {
            assertRefusedAtHere(
                    hostile("new Thread(() -> { }).start(); " + HERE + "\n" + CORRECT_DIFF), "java.lang.Thread");
        }

        @Test
        void javaIoFile() throws Exception {
            assertRefusedAtHere(
                    hostile("new java.io.File(\"results/victim.json\").delete(); " + HERE + "\n" + CORRECT_DIFF),
                    "java.io.File");
        }

        @Test
        void javaNioFiles() throws Exception {
            String source = hostile("""
                    try {
                        java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/environ")); %s
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    """.formatted(HERE) + CORRECT_DIFF);
            int line = lineOfHere(source);
            assertRefused(
                    source,
                    "uses java.nio.file.Path at MseLinearHostile.java:" + line + ", which submissions"
                            + " may not use (also java.nio.file.Files at MseLinearHostile.java:" + line + ")");
        }

        @Test
        void socket() throws Exception {
            assertRefusedAtHere(hostile("""
                    try {
                        new java.net.Socket("127.0.0.1", 22).close(); %s
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    """.formatted(HERE) + CORRECT_DIFF), "java.net.Socket");
        }

        @Test
        void urlClassLoader() throws Exception {
            String source = hostile("""
                    try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[0])) { %s
                        loader.loadClass("org.backpropgrader.reference.Autograd");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    """.formatted(HERE) + CORRECT_DIFF);
            int line = lineOfHere(source);
            assertRefused(
                    source,
                    "uses java.net.URLClassLoader at MseLinearHostile.java:" + line + ", which"
                            + " submissions may not use (also java.net.URL at MseLinearHostile.java:" + line + ")");
        }

        @Test
        void sunMiscUnsafe() throws Exception {
            String source = hostile("""
                    try {
                        java.lang.reflect.Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe"); %s
                        theUnsafe.setAccessible(true);
                        ((sun.misc.Unsafe) theUnsafe.get(null)).allocateMemory(1L << 30);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                    """.formatted(HERE) + CORRECT_DIFF);
            int line = lineOfHere(source);
            assertRefused(
                    source,
                    "uses sun.misc.Unsafe at MseLinearHostile.java:" + line + ", which submissions may"
                            + " not use (also java.lang.Class.getDeclaredField at MseLinearHostile.java:" + line
                            + ", java.lang.reflect.Field at MseLinearHostile.java:" + (line + 1) + ")");
        }

        @Test
        void methodHandlesLookup() throws Exception {
            assertRefusedAtHere(
                    hostile("Object lookup = java.lang.invoke.MethodHandles.lookup(); " + HERE + "\n" + CORRECT_DIFF),
                    "java.lang.invoke.MethodHandles");
        }

        @Test
        void autogradGradients() throws Exception {
            assertRefusedAtHere(
                    hostile("return org.backpropgrader.reference.Autograd.gradients(f.loss(), f.diff())" + ".get(0); "
                            + HERE),
                    "org.backpropgrader.reference.Autograd");
        }

        @Test
        void classForName() throws Exception {
            assertRefusedAtHere(hostile("""
                    try {
                        Class.forName("org.backpropgrader.reference.Autograd"); %s
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                    """.formatted(HERE) + CORRECT_DIFF), "java.lang.Class.forName");
        }

        @Test
        void nativeMethod() throws Exception {
            String source = mse("return steal(f.diff());", RAN + "private static native Tensor steal(Tensor t);");
            assertRefused(
                    source,
                    "declares the native method hostile.MseLinearHostile.steal in"
                            + " MseLinearHostile.java, which submissions may not declare");
        }

        /**
         * A package-private op class of the engine cannot be named in source outside its package; a class file can
         * name it all the same. This one is compiled against a public stand-in of {@code Exp}, left out of the
         * submission.
         */
        @Test
        void packagePrivateEngineOpClass() throws Exception {
            String source =
                    hostile("Object op = new org.backpropgrader.reference.Exp(); " + HERE + "\n" + CORRECT_DIFF);
            Map<String, String> sources = sources(source, relu());
            sources.put(
                    "org/backpropgrader/reference/Exp.java",
                    "package org.backpropgrader.reference;\n\npublic final class Exp {\n}\n");
            Path classes = HostileFixtures.compile(Files.createDirectories(tmp.resolve("classes")), sources);
            Files.delete(classes.resolve("org/backpropgrader/reference/Exp.class"));
            Graded g = grade(classes, POLICY);
            assertMseRefused(
                    g,
                    "uses org.backpropgrader.reference.Exp at MseLinearHostile.java:" + lineOfHere(source)
                            + ", which submissions may not use");
        }

        @Test
        void helperSharedByTwoExercisesTaintsBoth() throws Exception {
            Map<String, String> sources = new LinkedHashMap<>();
            String helper = """
                    package hostile;

                    final class Helper {
                        static {
                            System.out.println("hostile code ran");
                        }

                        static double scale() {
                            return Double.parseDouble(System.getProperty("scale", "1")); %s
                        }
                    }
                    """.formatted(HERE);
            sources.put("hostile/Helper.java", helper);
            sources.put(MSE_FILE, hostile("return f.diff().mul(2 * Helper.scale()).mul(ddiff2);"));
            sources.put(
                    RELU_FILE,
                    relu().replace(
                                    "return dpre.matmul(f.w().T());",
                                    "return dpre.matmul(f.w().T()).mul(Helper.scale());"));
            Graded g = grade(sources, POLICY);
            String expected = "uses java.lang.System.getProperty at Helper.java:" + lineOfHere(helper)
                    + ", which submissions may not use";
            for (String id : List.of("mse-linear", "relu-neuron")) {
                assertExerciseRefused(g.exercise(id), expected);
            }
            assertEquals("", g.output());
        }

        @Test
        void helperUsedByOneExerciseTaintsOnlyThatOne() throws Exception {
            Map<String, String> sources = new LinkedHashMap<>();
            String helper = """
                    package hostile;

                    final class Helper {
                        static double scale() {
                            return Integer.getInteger("scale", 2); %s
                        }
                    }
                    """.formatted(HERE);
            sources.put("hostile/Helper.java", helper);
            sources.put(MSE_FILE, hostile("return f.diff().mul(Helper.scale()).mul(ddiff2);"));
            sources.put(RELU_FILE, relu());
            assertMseRefused(
                    grade(sources, POLICY),
                    "uses java.lang.Integer.getInteger at Helper.java:" + lineOfHere(helper)
                            + ", which submissions may not use");
        }

        @Test
        void superclassOutsideTheAllowlist() throws Exception {
            String source = mse("MseLinearHostile", CORRECT_DIFF, RAN)
                    .replace(
                            "public class MseLinearHostile implements MseLinearBackward",
                            "public class MseLinearHostile extends ClassLoader implements MseLinearBackward");
            assertRefused(
                    source, "uses java.lang.ClassLoader in MseLinearHostile.java, which submissions may not" + " use");
        }
    }

    // ----------------------------------------------------------------------------------------- what is allowed

    @Nested
    class Allowed {
        /** Lambdas, streams, records, enums, switches, collections, Math, printing, exceptions, asserts…. */
        @Test
        void everydayJavaIsNotRefusedAndStaysExact() throws Exception {
            Map<String, String> sources = new LinkedHashMap<>();
            sources.put("legit/MseLinearLegit.java", resource("apicheck/legit/MseLinearLegit.java"));
            sources.put(RELU_FILE, relu());
            Graded g = grade(sources, POLICY);
            for (ExerciseResult e : g.report().exercises()) {
                assertEquals(e.maxScore(), e.score(), e::toString);
                e.gradients()
                        .forEach(r -> r.checks()
                                .forEach(c ->
                                        assertEquals(Status.EXACT, c.status(), e.id() + "/" + r.name() + ": " + c)));
            }
            assertTrue(
                    g.output().lines().anyMatch(l -> l.matches("legit: \\d+ calls so far, .*, 1-d noise, \\[.*W.*\\]")),
                    g.output());
        }

        @Test
        void examplesAndTemplateAreNotRefused() throws Exception {
            try (SubmissionLoader loader = new SubmissionLoader()) {
                for (String submission : List.of(
                        "../examples/correct",
                        "../examples/mistakes",
                        "../examples/misbehaving",
                        "../student-template/src/main/java")) {
                    LoadedSubmission loaded = loader.load(
                            Path.of(submission), Files.createTempDirectory(tmp, "work"), POLICY.apiAllowlist());
                    loaded.implementations()
                            .forEach((id, impl) -> assertFalse(
                                    impl instanceof Implementation.Refused || impl instanceof Implementation.Unloadable,
                                    submission + " " + id + ": " + impl));
                    assertTrue(
                            loaded.implementations().values().stream().anyMatch(i -> i instanceof Implementation.Found),
                            submission);
                }
            }
        }

        @Test
        void policyLetsAnOtherwiseRefusedApiThrough() throws Exception {
            String source = hostile("""
                    int zero = java.util.concurrent.ThreadLocalRandom.current().nextInt(1); %s
                    return f.diff().mul(2 + zero).mul(ddiff2);""".formatted(HERE));
            assertRefusedAtHere(source, "java.util.concurrent.ThreadLocalRandom");

            Graded g = grade(
                    sources(source, relu()), POLICY.withAllowApis(List.of("java.util.concurrent.ThreadLocalRandom")));
            ExerciseResult mse = g.exercise("mse-linear");
            assertEquals(8.0, mse.score(), mse::toString);
            assertTrue(g.output().startsWith("hostile code ran\n"), g.output());
            assertEquals(4.0, g.exercise("relu-neuron").score());
        }

        @Test
        void policyMemberPatternOpensThatMemberOnly() throws Exception {
            Policy getProperty = POLICY.withAllowApis(List.of("java.lang.System#getProperty"));
            String reads = hostile("String dir = System.getProperty(\"user.dir\"); " + HERE + "\n" + CORRECT_DIFF);
            assertEquals(
                    8.0,
                    grade(sources(reads, relu()), getProperty)
                            .exercise("mse-linear")
                            .score());

            String exits = hostile(
                    "String dir = System.getProperty(\"user.dir\");\nSystem.exit(1); " + HERE + "\n" + CORRECT_DIFF);
            assertExerciseRefused(
                    grade(sources(exits, relu()), getProperty).exercise("mse-linear"),
                    "uses java.lang.System.exit at MseLinearHostile.java:" + lineOfHere(exits)
                            + ", which submissions may not use");
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** {@code hostile.MseLinearHostile} with {@code diffBody} and a static initialiser that prints. */
    private static String hostile(String diffBody) {
        return mse("MseLinearHostile", diffBody, RAN);
    }

    private static Map<String, String> sources(String mseSource, String reluSource) {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(MSE_FILE, mseSource);
        sources.put(RELU_FILE, reluSource);
        return sources;
    }

    private void assertRefusedAtHere(String mseSource, String api) throws Exception {
        assertRefused(
                mseSource,
                "uses " + api + " at MseLinearHostile.java:" + lineOfHere(mseSource)
                        + ", which submissions may not use");
    }

    private void assertRefused(String mseSource, String message) throws Exception {
        assertMseRefused(grade(sources(mseSource, relu()), POLICY), message);
    }

    /** mse-linear refused with {@code message}, relu-neuron graded normally, and no hostile code ran. */
    private static void assertMseRefused(Graded g, String message) {
        assertExerciseRefused(g.exercise("mse-linear"), message);
        ExerciseResult relu = g.exercise("relu-neuron");
        assertEquals(4.0, relu.score(), relu::toString);
        relu.gradients().forEach(r -> r.checks().forEach(c -> assertEquals(Status.EXACT, c.status(), r.name())));
        assertEquals("", g.output(), "no hostile code ran in the child");
        assertEquals(0, g.crashes());
    }

    private static void assertExerciseRefused(ExerciseResult e, String message) {
        assertEquals(Status.ERROR, e.status(), e::toString);
        assertEquals(message, e.message());
        assertEquals(0.0, e.score());
        for (GradientResult r : e.gradients()) {
            assertEquals(Status.ERROR, r.status(), r.name());
            assertEquals(0.0, r.points(), r.name());
            for (Check c : r.checks()) {
                assertEquals(Status.ERROR, c.status(), r.name());
                assertEquals(message, c.message(), r.name());
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ForbiddenApiTest.class.getClassLoader().getResourceAsStream(name)) {
            assertTrue(in != null, "no test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Graded grade(Map<String, String> sources, Policy policy) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "submission");
        return grade(HostileFixtures.writeSources(dir, sources), policy);
    }

    private Graded grade(Path submission, Policy policy) throws Exception {
        Graded g = Graded.grade(grader, submission, policy, EXERCISES, Files.createTempDirectory(tmp, "work"));
        assertTrue(g.runnerMade(), "grading asked for a child-JVM runner");
        return g;
    }
}
