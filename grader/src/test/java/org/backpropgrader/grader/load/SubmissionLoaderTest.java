package org.backpropgrader.grader.load;

import static org.backpropgrader.grader.load.Fixtures.compile;
import static org.backpropgrader.grader.load.Fixtures.mse;
import static org.backpropgrader.grader.load.Fixtures.source;
import static org.backpropgrader.grader.load.Fixtures.utf8;
import static org.backpropgrader.grader.load.Fixtures.writeSources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.mselinear.MseLinearBackward;
import org.backpropgrader.exercises.reluneuron.ReluNeuronBackward;
import org.backpropgrader.grader.load.Implementation.Ambiguous;
import org.backpropgrader.grader.load.Implementation.Found;
import org.backpropgrader.grader.load.Implementation.Missing;
import org.backpropgrader.grader.load.Implementation.Unloadable;
import org.backpropgrader.grader.load.LoadedSubmission.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionLoaderTest {
    private static final String MSE = MseLinearBackward.class.getName();
    private static SubmissionLoader loader;

    @TempDir
    Path tmp;

    @BeforeAll
    static void createLoader() {
        loader = new SubmissionLoader();
    }

    @AfterAll
    static void closeLoader() throws IOException {
        loader.close();
    }

    private Path work() throws IOException {
        return Files.createDirectories(tmp.resolve("work"));
    }

    private Path classes(Map<String, String> sources) throws IOException {
        return compile(Files.createDirectories(tmp.resolve("classes")), sources);
    }

    private static Map<String, String> files(String... pathsAndTexts) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            map.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return map;
    }

    /** Loads the found class through a class loader on {@code classesRoot}, without initialising it. */
    private static void assertLoadable(LoadedSubmission s, String exerciseId) throws Exception {
        Found found = assertInstanceOf(Found.class, s.implementations().get(exerciseId));
        Exercise<?, ?> exercise = Exercises.byId(exerciseId).orElseThrow();
        try (URLClassLoader cl = new URLClassLoader(
                new URL[] {s.classesRoot().toUri().toURL()}, SubmissionLoaderTest.class.getClassLoader())) {
            Class<?> type = Class.forName(found.className(), false, cl);
            assertTrue(exercise.backwardType().isAssignableFrom(type), type + " is not a " + exercise.backwardType());
        }
    }

    // -------------------------------------------------------------------------------------------- kinds

    @Test
    void findsImplementationInClassDirectory() throws Exception {
        Path dir = classes(files("student/MseSolution.java", mse("student", "MseSolution")));

        LoadedSubmission s = loader.load(dir, work());

        assertEquals(Kind.CLASSES, s.kind());
        // runners load the bytes that were vetted, never the submitted directory (ForbiddenApiCheckTest)
        assertEquals(work().resolve("classes"), s.classesRoot());
        assertTrue(Files.isRegularFile(s.classesRoot().resolve("student/MseSolution.class")));
        assertTrue(s.compiled());
        assertEquals(new Found("student.MseSolution"), s.implementations().get("mse-linear"));
        assertLoadable(s, "mse-linear");
    }

    @Test
    void findsImplementationInJar() throws Exception {
        Path jar = Fixtures.jar(
                classes(files("student/MseSolution.java", mse("student", "MseSolution"))),
                tmp.resolve("submission.jar"),
                "");

        LoadedSubmission s = loader.load(jar, work());

        assertEquals(Kind.JAR, s.kind());
        assertEquals(work().resolve("classes"), s.classesRoot());
        assertEquals(new Found("student.MseSolution"), s.implementations().get("mse-linear"));
        assertLoadable(s, "mse-linear");
    }

    @Test
    void jarBuiltFromTheWrongFolderIsPlacedByPackage() throws Exception {
        Path jar = Fixtures.jar(
                classes(files("student/MseSolution.java", mse("student", "MseSolution"))),
                tmp.resolve("submission.jar"),
                "out/production/");

        LoadedSubmission s = loader.load(jar, work());

        assertEquals(work().resolve("classes"), s.classesRoot());
        assertTrue(Files.isRegularFile(s.classesRoot().resolve("student/MseSolution.class")));
        assertTrue(
                s.diagnostics().stream().anyMatch(d -> d.contains("out/production/student/MseSolution.class")),
                s.diagnostics().toString());
        assertLoadable(s, "mse-linear");
    }

    @Test
    void findsImplementationInClassZip() throws Exception {
        Path dir = classes(files("student/MseSolution.java", mse("student", "MseSolution")));
        Path zip = Fixtures.zip(
                tmp.resolve("classes.zip"),
                Map.of(
                        "build/student/MseSolution.class",
                        Files.readAllBytes(dir.resolve("student/MseSolution.class"))));

        LoadedSubmission s = loader.load(zip, work());

        assertEquals(Kind.CLASS_ZIP, s.kind());
        assertEquals(work().resolve("classes"), s.classesRoot());
        assertLoadable(s, "mse-linear");
    }

    @Test
    void compilesSourceDirectory() throws Exception {
        Path dir = writeSources(
                tmp.resolve("submission"),
                files(
                        "src/student/MseSolution.java", mse("student", "MseSolution"),
                        "src/student/Relu.java",
                                source(
                                        "student",
                                        "Relu",
                                        "public final class %s implements " + ReluNeuronBackward.class.getName(),
                                        ReluNeuronBackward.class,
                                        "")));

        LoadedSubmission s = loader.load(dir, work());

        assertEquals(Kind.SOURCES, s.kind());
        assertTrue(s.compiled(), s.diagnostics().toString());
        assertEquals(work().resolve("classes"), s.classesRoot());
        assertTrue(Files.isRegularFile(s.classesRoot().resolve("student/MseSolution.class")));
        assertEquals(new Found("student.MseSolution"), s.implementations().get("mse-linear"));
        assertEquals(new Found("student.Relu"), s.implementations().get("relu-neuron"));
        assertLoadable(s, "relu-neuron");
    }

    @Test
    void sourcesOfADirectoryAreCompiledWhereTheyLieAndOnlyTheVettedClassesAreWritten() throws Exception {
        Path dir = writeSources(tmp.resolve("submission"), files("student/Mse.java", mse("student", "Mse")));

        LoadedSubmission s = loader.load(dir, work());

        assertTrue(s.compiled(), s.diagnostics().toString());
        assertEquals(List.of("student/Mse.java"), Fixtures.filesBelow(dir), "nothing written into the submission");
        assertEquals(List.of("classes/student/Mse.class"), Fixtures.filesBelow(work()), "no copy of the sources");
    }

    @Test
    void compilesSingleJavaFile() throws Exception {
        Path file = writeSources(tmp.resolve("submission"), files("Mse.java", mse("", "Mse")))
                .resolve("Mse.java");

        LoadedSubmission s = loader.load(file, work());

        assertEquals(Kind.SOURCES, s.kind());
        assertEquals(new Found("Mse"), s.implementations().get("mse-linear"));
    }

    @Test
    void compilesSourceZipUnderTopLevelFolder() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("hw3/", new byte[0]);
        entries.put("hw3/student/MseSolution.java", utf8(mse("student", "MseSolution")));
        entries.put("hw3/README.txt", utf8("my homework"));
        entries.put("__MACOSX/hw3/student/._MseSolution.java", new byte[] {0, 5, 22, 7, 0, 0});
        entries.put("hw3/.DS_Store", new byte[] {0, 0, 0, 1});
        Path zip = Fixtures.zip(tmp.resolve("submission.zip"), entries);

        LoadedSubmission s = loader.load(zip, work());

        assertEquals(Kind.SOURCE_ZIP, s.kind());
        assertTrue(s.compiled(), s.diagnostics().toString());
        assertEquals(List.of(), s.diagnostics());
        assertEquals(new Found("student.MseSolution"), s.implementations().get("mse-linear"));
        assertLoadable(s, "mse-linear");
    }

    @Test
    void zipWithDosEncodedNamesIsRead() throws Exception {
        Path zip = tmp.resolve("windows.zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(
                Files.newOutputStream(zip), java.nio.charset.Charset.forName("IBM437"))) {
            out.putNextEntry(new java.util.zip.ZipEntry("Übung/student/MseSolution.java"));
            out.write(utf8(mse("student", "MseSolution")));
            out.closeEntry();
        }

        LoadedSubmission s = loader.load(zip, work());

        assertEquals(new Found("student.MseSolution"), s.implementations().get("mse-linear"));
    }

    // -------------------------------------------------------------------------------------------- compiling

    @Test
    void compileErrorBecomesDiagnosticsNotException() throws Exception {
        String broken = """
                package student;

                public class Broken implements %s {
                    public org.backpropgrader.reference.Tensor diff2(
                            org.backpropgrader.exercises.mselinear.MseLinearForward f,
                            org.backpropgrader.reference.Tensor dloss) {
                        return dloss.mul(tw0);
                    }
                }
                """.formatted(MSE);
        Path dir = writeSources(tmp.resolve("submission"), files("student/Broken.java", broken));

        LoadedSubmission s = loader.load(dir, work());

        assertFalse(s.compiled());
        String all = String.join("\n", s.diagnostics());
        assertTrue(
                all.contains("student/Broken.java:7: error: cannot find symbol\n"
                        + "        return dloss.mul(tw0);\n"
                        + "                         ^\n"
                        + "  symbol:   variable tw0"),
                all);
        assertTrue(
                all.contains("student/Broken.java:3: error: student.Broken is not abstract and does not override"
                        + " abstract method W("),
                all);
        assertFalse(all.contains(tmp.toAbsolutePath().toString()), "absolute paths leak: " + all);
        Unloadable mse = assertInstanceOf(Unloadable.class, s.implementations().get("mse-linear"));
        assertTrue(
                mse.reason().startsWith("the submission does not compile (2 errors; the first: student/Broken"),
                mse.reason());
        assertEquals(new Missing(), s.implementations().get("relu-neuron"));
    }

    @Test
    void warningsAreKept() throws Exception {
        String deprecated = mse("student", "Mse").replaceFirst("\\{\n", "{\n    Integer boxed = new Integer(3);\n");
        Path dir = writeSources(tmp.resolve("submission"), files("student/Mse.java", deprecated));

        LoadedSubmission s = loader.load(dir, work());

        assertTrue(s.compiled());
        assertTrue(
                s.diagnostics().stream()
                        .anyMatch(d -> d.startsWith("student/Mse.java:4: warning: Integer(int)"
                                + " in java.lang.Integer has been deprecated and marked for removal")),
                s.diagnostics().toString());
        assertEquals(new Found("student.Mse"), s.implementations().get("mse-linear"));
    }

    @Test
    void byteOrderMarkFromWindowsEditorsIsDropped() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("submission/student"));
        byte[] source = utf8(mse("student", "Mse"));
        byte[] withBom = new byte[source.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(source, 0, withBom, 3, source.length);
        Files.write(dir.resolve("Mse.java"), withBom);

        LoadedSubmission s = loader.load(dir.getParent(), work());

        assertTrue(s.compiled(), s.diagnostics().toString());
        assertEquals(new Found("student.Mse"), s.implementations().get("mse-linear"));
        assertTrue(Files.readAllBytes(dir.resolve("Mse.java"))[0] == (byte) 0xEF, "the submission is not touched");
    }

    @Test
    void everySourceSubmissionOfOneLoaderGoesThroughOneWarmCompiler() throws Exception {
        try (SubmissionLoader fresh = new SubmissionLoader()) {
            Object compiler = null;
            for (int i = 0; i < 2; i++) {
                Path dir = writeSources(
                        tmp.resolve("submission" + i), files("student/Mse" + i + ".java", mse("student", "Mse" + i)));
                LoadedSubmission s = fresh.load(dir, Files.createDirectories(tmp.resolve("work" + i)));
                assertTrue(s.compiled(), s.diagnostics().toString());
                if (i == 0) {
                    compiler = fresh.compiler().javaCompiler();
                    assertNotNull(compiler);
                } else {
                    assertSame(compiler, fresh.compiler().javaCompiler());
                }
            }
        }
    }

    // -------------------------------------------------------------------------------------------- finding

    @Test
    void missingExerciseIsMissing() throws Exception {
        Path dir = classes(files("student/MseSolution.java", mse("student", "MseSolution")));

        LoadedSubmission s = loader.load(dir, work());

        assertEquals(Exercises.ids(), List.copyOf(s.implementations().keySet()));
        assertEquals(new Missing(), s.implementations().get("bce-logistic"));
        assertEquals(new Missing(), s.implementations().get("l2-linear"));
        assertEquals(new Missing(), s.implementation("no-such-exercise"));
    }

    @Test
    void twoImplementationsAreAmbiguousAndNamed() throws Exception {
        Path dir = classes(files("b/Bar.java", mse("b", "Bar"), "a/Foo.java", mse("a", "Foo")));

        LoadedSubmission s = loader.load(dir, work());

        Implementation mse = s.implementations().get("mse-linear");
        assertEquals(new Ambiguous(List.of("a.Foo", "b.Bar")), mse);
        assertEquals(
                "two classes implement MseLinearBackward: a.Foo, b.Bar; keep one",
                mse.describe(Exercises.byId("mse-linear").orElseThrow()));
    }

    @Test
    void implementationThroughAbstractSuperclassIsFound() throws Exception {
        Path dir = classes(files(
                "student/Base.java", source("student", "Base", "public abstract class %s implements " + MSE, null, ""),
                "student/Impl.java",
                        source("student", "Impl", "public class %s extends Base", MseLinearBackward.class, "")));

        LoadedSubmission s = loader.load(dir, work());

        assertEquals(new Found("student.Impl"), s.implementations().get("mse-linear"));
    }

    @Test
    void implementationThroughSubmittedInterfaceIsFound() throws Exception {
        Path dir = classes(files(
                "student/MyMse.java",
                "package student; public interface MyMse extends " + MSE + " {}",
                "student/Impl.java",
                source("student", "Impl", "public class %s implements MyMse", MseLinearBackward.class, "")));

        LoadedSubmission s = loader.load(dir, work());

        assertEquals(new Found("student.Impl"), s.implementations().get("mse-linear"));
    }

    @Test
    void abstractClassAloneIsMissing() throws Exception {
        Path dir = classes(files(
                "student/Base.java",
                source("student", "Base", "public abstract class %s implements " + MSE, MseLinearBackward.class, "")));

        LoadedSubmission s = loader.load(dir, work());

        assertEquals(new Missing(), s.implementations().get("mse-linear"));
    }

    @Test
    void classWithoutNoArgConstructorIsUnloadable() throws Exception {
        Path dir = classes(files(
                "student/Mse.java",
                source(
                        "student",
                        "Mse",
                        "public class %s implements " + MSE,
                        MseLinearBackward.class,
                        "    public Mse(int seed) {}\n")));

        LoadedSubmission s = loader.load(dir, work());

        assertEquals(
                new Unloadable(
                        "student.Mse has no constructor without parameters; the grader creates it with" + " new Mse()"),
                s.implementations().get("mse-linear"));
    }

    @Test
    void superclassLeftOutOfTheSubmissionMakesItUnloadable() throws Exception {
        Path dir = classes(files(
                "student/Base.java", source("student", "Base", "public abstract class %s implements " + MSE, null, ""),
                "student/Impl.java",
                        source("student", "Impl", "public class %s extends Base", MseLinearBackward.class, "")));
        Files.delete(dir.resolve("student/Base.class"));

        LoadedSubmission s = loader.load(dir, work());

        // the interface is only reachable through the missing class, so the exercise looks unattempted …
        assertEquals(new Missing(), s.implementations().get("mse-linear"));

        // … unless the class names it itself
        Path dir2 = compile(
                Files.createDirectories(tmp.resolve("classes2")),
                files(
                        "student/Base.java",
                        "package student; public abstract class Base {}",
                        "student/Impl.java",
                        source(
                                "student",
                                "Impl",
                                "public class %s extends Base implements " + MSE,
                                MseLinearBackward.class,
                                "")));
        Files.delete(dir2.resolve("student/Base.class"));
        LoadedSubmission s2 = loader.load(dir2, Files.createDirectories(tmp.resolve("work2")));
        Unloadable u = assertInstanceOf(Unloadable.class, s2.implementations().get("mse-linear"));
        assertTrue(
                u.reason().startsWith("student.Impl extends student.Base, which is neither in the submission"),
                u.reason());
    }

    // -------------------------------------------------------------------------------------------- hostile input

    @Test
    void staticInitialiserIsNotRun() throws Exception {
        String hostile =
                source("student", "Hostile", "public class %s implements " + MSE, MseLinearBackward.class, """
                    static {
                        System.setProperty("backprop.hostile.ran", "yes");
                        System.out.println("HOSTILE STATIC INITIALISER RAN");
                        if (Boolean.parseBoolean("true")) {
                            throw new IllegalStateException("static initialiser ran");
                        }
                    }
                """);
        Path sources = writeSources(tmp.resolve("submission"), files("student/Hostile.java", hostile));
        Path dir = compile(Files.createDirectories(tmp.resolve("classes")), files("student/Hostile.java", hostile));

        // System.setProperty is refused by the forbidden-API check; allowed here, the loader must still not run it
        ApiAllowlist setProperty = ApiAllowlist.extendedWith(List.of("java.lang.System#setProperty"));
        LoadedSubmission fromSources = loader.load(sources, work(), setProperty);
        LoadedSubmission fromClasses = loader.load(dir, Files.createDirectories(tmp.resolve("work2")), setProperty);

        assertEquals(new Found("student.Hostile"), fromSources.implementations().get("mse-linear"));
        assertEquals(new Found("student.Hostile"), fromClasses.implementations().get("mse-linear"));
        assertNull(System.getProperty("backprop.hostile.ran"));
    }

    @Test
    void classCompiledForNewerJavaIsUnloadable() throws Exception {
        Path dir = classes(files("student/MseSolution.java", mse("student", "MseSolution")));
        Path file = dir.resolve("student/MseSolution.class");
        int runtime = Runtime.version().feature();
        int major = Math.max(65, runtime + 45); // 65 is Java 21
        byte[] bytes = Files.readAllBytes(file);
        bytes[6] = (byte) (major >> 8);
        bytes[7] = (byte) major;
        Files.write(file, bytes);

        LoadedSubmission s = loader.load(dir, work());

        assertEquals(
                new Unloadable("student/MseSolution.class was compiled for Java " + (major - 44)
                        + " (class file version " + major + "); the grader runs Java " + runtime
                        + ": compile with --release " + runtime),
                s.implementations().get("mse-linear"));
    }

    @Test
    void truncatedClassFileIsUnloadableAndNamed() throws Exception {
        Path dir = classes(files("student/MseSolution.java", mse("student", "MseSolution")));
        Path file = dir.resolve("student/MseSolution.class");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20));

        LoadedSubmission s = loader.load(dir, work());

        Unloadable u = assertInstanceOf(Unloadable.class, s.implementations().get("mse-linear"));
        assertTrue(u.reason().startsWith("student/MseSolution.class is not a valid class file: truncated"), u.reason());
    }

    @Test
    void classFileWithBadMagicIsListedInDiagnostics() throws Exception {
        Path dir = classes(files("student/MseSolution.java", mse("student", "MseSolution")));
        Files.writeString(dir.resolve("student/Notes.class"), "package student; // oops, renamed source");

        LoadedSubmission s = loader.load(dir, work());

        assertEquals(new Found("student.MseSolution"), s.implementations().get("mse-linear"));
        assertEquals(
                List.of("error: student/Notes.class is not a valid class file: bad magic number 0x7061636B"
                        + " (a class file starts with 0xCAFEBABE): this looks like Java source, not a compiled class;"
                        + " compile it again"),
                s.diagnostics());
    }

    @Test
    void rejectsZipSlipEntry() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("student/MseSolution.java", utf8(mse("student", "MseSolution")));
        entries.put("../evil.java", utf8("class Evil {}"));
        Path zip = Fixtures.zip(tmp.resolve("slip.zip"), entries);

        SubmissionException e = assertThrows(SubmissionException.class, () -> loader.load(zip, work()));

        assertTrue(e.getMessage().startsWith("slip.zip: entry '../evil.java' points outside"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("work/evil.java")));
        assertFalse(Files.exists(tmp.resolve("evil.java")));
    }

    @Test
    void rejectsAbsoluteAndDriveLetterEntries() throws Exception {
        for (String name : List.of("/etc/evil.java", "C:/evil.java", "a\\..\\..\\evil.java")) {
            Path zip = Fixtures.zip(tmp.resolve("slip.zip"), Map.of(name, utf8("class Evil {}")));
            SubmissionException e = assertThrows(SubmissionException.class, () -> loader.load(zip, work()));
            assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        }
    }

    @Test
    void rejectsZipBomb() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("student/MseSolution.java", utf8(mse("student", "MseSolution")));
        entries.put("student/Zeros.java", Fixtures.zeros(32 << 20)); // 32 MiB of zeros deflate ~1000:1
        Path zip = Fixtures.zip(tmp.resolve("bomb.zip"), entries);
        assertTrue(Files.size(zip) < 1 << 20);

        SubmissionException e = assertThrows(SubmissionException.class, () -> loader.load(zip, work()));

        assertTrue(
                e.getMessage().startsWith("bomb.zip: entry 'student/Zeros.java' inflates more than 200 times"),
                e.getMessage());
        assertEquals(List.of(), Fixtures.filesBelow(work()));
    }

    @Test
    void rejectsZipBeyondTotalSizeOrEntryCount() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            entries.put("student/F" + i + ".java", utf8(("class F" + i + " {}\n").repeat(100)));
        }
        Path zip = Fixtures.zip(tmp.resolve("big.zip"), entries);

        try (SubmissionLoader small = new SubmissionLoader(new Limits(2000, 10_000, 1 << 20, 200));
                SubmissionLoader few = new SubmissionLoader(new Limits(64 << 20, 4, 1 << 20, 200))) {
            SubmissionException tooBig = assertThrows(SubmissionException.class, () -> small.load(zip, work()));
            assertTrue(tooBig.getMessage().startsWith("big.zip inflates to more than 2000 bytes"), tooBig.getMessage());
            SubmissionException tooMany = assertThrows(SubmissionException.class, () -> few.load(zip, work()));
            assertEquals("big.zip has 5 entries, more than the 4 a submission may have", tooMany.getMessage());
        }
    }

    @Test
    void unreadableSubmissionsAreExceptionsNamingTheFile() throws Exception {
        SubmissionException missing =
                assertThrows(SubmissionException.class, () -> loader.load(tmp.resolve("nope.zip"), work()));
        assertTrue(missing.getMessage().startsWith("submission not found: "), missing.getMessage());

        Path text = Files.writeString(tmp.resolve("answers.txt"), "42");
        SubmissionException notZip = assertThrows(SubmissionException.class, () -> loader.load(text, work()));
        assertEquals("answers.txt is not a directory, .jar, .zip or .java file", notZip.getMessage());

        Path corrupt = Files.write(tmp.resolve("corrupt.zip"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        SubmissionException bad = assertThrows(SubmissionException.class, () -> loader.load(corrupt, work()));
        assertTrue(bad.getMessage().startsWith("corrupt.zip is not a readable zip file"), bad.getMessage());
    }

    @Test
    void emptySubmissionHasEverythingMissing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("empty"));

        LoadedSubmission s = loader.load(dir, work());

        assertEquals(List.of("error: empty contains no .java or .class files"), s.diagnostics());
        assertTrue(s.implementations().values().stream().allMatch(Missing.class::isInstance));
    }
}
