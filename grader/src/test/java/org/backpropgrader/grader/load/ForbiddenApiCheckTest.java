package org.backpropgrader.grader.load;

import static org.backpropgrader.grader.load.Fixtures.compile;
import static org.backpropgrader.grader.load.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.mselinear.MseLinearBackward;
import org.backpropgrader.exercises.reluneuron.ReluNeuronBackward;
import org.backpropgrader.grader.load.Implementation.Found;
import org.backpropgrader.grader.load.Implementation.Refused;
import org.backpropgrader.grader.load.Implementation.Unloadable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The forbidden-API check as the loader applies it, on every kind of submission and on class files that source
 * cannot produce. The attacks themselves, end to end, are in {@code hostile.ForbiddenApiTest}.
 */
class ForbiddenApiCheckTest {
    private static final String MSE = "public class %s implements " + MseLinearBackward.class.getName();
    private static final String RELU = "public class %s implements " + ReluNeuronBackward.class.getName();
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

    private LoadedSubmission load(Path submission) throws Exception {
        return loader.load(submission, Files.createTempDirectory(tmp, "work"), ApiAllowlist.DEFAULT);
    }

    private Path classes(Map<String, String> sources) throws IOException {
        return compile(Files.createTempDirectory(tmp, "classes"), sources);
    }

    /** {@code student.Mse} whose {@code diff} runs {@code statement}, and a clean {@code student.Relu}. */
    private static Map<String, String> mseDoing(String statement) {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(
                "student/Mse.java", source("student", "Mse", MSE, MseLinearBackward.class, """
                    static void attack() {
                        %s
                    }
                """.formatted(statement)));
        sources.put("student/Relu.java", source("student", "Relu", RELU, ReluNeuronBackward.class, ""));
        return sources;
    }

    private static int lineOf(String source, String text) {
        List<String> lines = source.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(text);
    }

    @Test
    void everyKindOfSubmissionIsVetted() throws Exception {
        Map<String, String> sources = mseDoing("System.exit(1);");
        int line = lineOf(sources.get("student/Mse.java"), "System.exit");
        Refused expected =
                new Refused("student.Mse", List.of(new ForbiddenUse("java.lang.System.exit", false, "Mse.java", line)));
        Path dir = classes(sources);
        Path sourceDir = Fixtures.writeSources(Files.createTempDirectory(tmp, "sources"), sources);
        Path jar = Fixtures.jar(dir, tmp.resolve("submission.jar"), "");
        Map<String, byte[]> zipped = new LinkedHashMap<>();
        sources.forEach((name, text) -> zipped.put("project/" + name, Fixtures.utf8(text)));
        Path zip = Fixtures.zip(tmp.resolve("sources.zip"), zipped);
        for (Path submission : List.of(dir, sourceDir, jar, zip)) {
            LoadedSubmission s = load(submission);
            assertEquals(expected, s.implementation("mse-linear"), submission.toString());
            assertEquals(new Found("student.Relu"), s.implementation("relu-neuron"), submission.toString());
        }
        assertEquals(
                "uses java.lang.System.exit at Mse.java:" + line + ", which submissions may not use",
                expected.describe(Exercises.byId("mse-linear").orElseThrow()));
    }

    /**
     * The runners' class path holds exactly the vetted bytes. A class loader over the submitted jar would take a
     * multi-release jar's {@code META-INF/versions/17/} copy of a class, which the check never read.
     */
    @Test
    void multiReleaseJarCannotSwapAVettedClass() throws Exception {
        Path clean = classes(mseDoing("Integer.parseInt(\"7\");"));
        Path hostile = classes(mseDoing("System.exit(1);"));
        Path jar = tmp.resolve("multi-release.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MULTI_RELEASE, "true");
        byte[] cleanMse = Files.readAllBytes(clean.resolve("student/Mse.class"));
        byte[] hostileMse = Files.readAllBytes(hostile.resolve("student/Mse.class"));
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (var e : Map.of(
                            "student/Mse.class",
                            cleanMse,
                            "META-INF/versions/17/student/Mse.class",
                            hostileMse,
                            "student/Relu.class",
                            Files.readAllBytes(clean.resolve("student/Relu.class")))
                    .entrySet()) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        try (var original = new java.net.URLClassLoader(
                        new java.net.URL[] {jar.toUri().toURL()}, null);
                var in = original.getResourceAsStream("student/Mse.class")) {
            assertTrue(java.util.Arrays.equals(hostileMse, in.readAllBytes()), "the jar itself serves the other copy");
        }
        LoadedSubmission s = load(jar);
        assertEquals(new Found("student.Mse"), s.implementation("mse-linear"));
        assertEquals(List.of("student/Mse.class", "student/Relu.class"), Fixtures.filesBelow(s.classesRoot()));
        assertTrue(java.util.Arrays.equals(
                cleanMse, Files.readAllBytes(s.classesRoot().resolve("student/Mse.class"))));
    }

    /** A symbolic link is skipped when the directory is read, so it must not be on the class path either. */
    @Test
    void symbolicLinkToAnUnreadClassIsNotOnTheClassPath() throws Exception {
        Map<String, String> sources = mseDoing("student.Helper.help();");
        sources.put(
                "student/Helper.java",
                "package student;\n\nclass Helper {\n    static void help() {\n"
                        + "        System.exit(1);\n    }\n}\n");
        Path dir = classes(sources);
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere")).resolve("Helper.class");
        Files.move(dir.resolve("student/Helper.class"), elsewhere);
        Files.createSymbolicLink(dir.resolve("student/Helper.class"), elsewhere);
        LoadedSubmission s = load(dir);
        assertEquals(List.of("student/Mse.class", "student/Relu.class"), Fixtures.filesBelow(s.classesRoot()));
    }

    /**
     * {@code __MACOSX} folders are skipped when a submission is read; javac writes a package of that name all the same,
     * from a source file anywhere. The compiler's output is taken whole, so that class is vetted like any other.
     */
    @Test
    void compiledClassInAPackageTheReaderSkipsIsVettedAsAnyOther() throws Exception {
        Map<String, String> sources = mseDoing("__MACOSX.Evil.run();");
        sources.put(
                "student/Evil.java",
                "package __MACOSX;\n\npublic class Evil {\n    public static void run() {\n"
                        + "        System.exit(1);\n    }\n}\n");
        LoadedSubmission s = load(Fixtures.writeSources(Files.createTempDirectory(tmp, "sources"), sources));
        assertTrue(s.compiled(), s.diagnostics().toString());
        assertEquals(
                new Refused("student.Mse", List.of(new ForbiddenUse("java.lang.System.exit", false, "Evil.java", 5))),
                s.implementation("mse-linear"));
    }

    @Test
    void catchClauseIsAttributedToItsLine() throws Exception {
        Map<String, String> sources = mseDoing("""
                try {
                            Integer.parseInt("7");
                        } catch (java.io.UncheckedIOException e) {
                            throw e;
                        }""");
        int line = lineOf(sources.get("student/Mse.java"), "catch (java.io.UncheckedIOException");
        assertEquals(
                new Refused(
                        "student.Mse",
                        List.of(new ForbiddenUse("java.io.UncheckedIOException", false, "Mse.java", line))),
                load(classes(sources)).implementation("mse-linear"));
    }

    @Test
    void classThatExistsNowhereIsLeftToFailWhenUsed() throws Exception {
        Map<String, String> sources = mseDoing("student.Gone.help();");
        sources.put("student/Gone.java", "package student;\n\nclass Gone {\n    static void help() {}\n}\n");
        Path dir = classes(sources);
        Files.delete(dir.resolve("student/Gone.class"));
        assertEquals(new Found("student.Mse"), load(dir).implementation("mse-linear"));
    }

    /** Class loaders ask their parent first: a submitted {@code com.google.gson.Gson} would be the grader's. */
    @Test
    void submittedClassNamedLikeAGraderClassIsJudgedAsTheGradersOwn() throws Exception {
        Map<String, String> sources = mseDoing("com.google.gson.Gson.help();");
        sources.put(
                "com/google/gson/Gson.java",
                "package com.google.gson;\n\npublic class Gson {\n" + "    public static void help() {}\n}\n");
        int line = lineOf(sources.get("student/Mse.java"), "Gson.help");
        assertEquals(
                new Refused("student.Mse", List.of(new ForbiddenUse("com.google.gson.Gson", false, "Mse.java", line))),
                load(classes(sources)).implementation("mse-linear"));
    }

    @Test
    void implementationInAGraderPackageIsUnloadable() throws Exception {
        Map<String, String> sources = Map.of(
                "org/backpropgrader/exercises/mselinear/Sneaky.java",
                source("org.backpropgrader.exercises.mselinear", "Sneaky", MSE, MseLinearBackward.class, ""));
        assertEquals(
                new Unloadable("org.backpropgrader.exercises.mselinear.Sneaky is in"
                        + " org.backpropgrader.exercises.mselinear, a package of the JDK or the grader: put it in a package of"
                        + " your own"),
                load(classes(sources)).implementation("mse-linear"));
    }

    @Test
    void nestedAndAnonymousClassesAreReachedFromTheirOuterClass() throws Exception {
        Map<String, String> sources = mseDoing("""
                Runnable r = new Runnable() {
                            public void run() {
                                Runtime.getRuntime().gc();
                            }
                        };
                        r.run();""");
        int line = lineOf(sources.get("student/Mse.java"), "Runtime.getRuntime");
        assertEquals(
                new Refused("student.Mse", List.of(new ForbiddenUse("java.lang.Runtime", false, "Mse.java", line))),
                load(classes(sources)).implementation("mse-linear"));
    }

    @Test
    void everyUseIsListedOnceInLineOrder() throws Exception {
        Map<String, String> sources = mseDoing("""
                System.getenv("A");
                        System.getenv("B");
                        new Thread().start();
                        System.exit(Thread.activeCount());""");
        String mse = sources.get("student/Mse.java");
        Refused refused = assertInstanceOf(Refused.class, load(classes(sources)).implementation("mse-linear"));
        assertEquals(
                List.of(
                        new ForbiddenUse("java.lang.System.getenv", false, "Mse.java", lineOf(mse, "\"A\"")),
                        new ForbiddenUse("java.lang.Thread", false, "Mse.java", lineOf(mse, "new Thread")),
                        new ForbiddenUse("java.lang.System.exit", false, "Mse.java", lineOf(mse, "System.exit"))),
                refused.uses());
        assertEquals(
                "uses java.lang.System.getenv at Mse.java:" + lineOf(mse, "\"A\"") + ", which submissions may"
                        + " not use (also java.lang.Thread at Mse.java:" + lineOf(mse, "new Thread")
                        + ", java.lang.System.exit"
                        + " at Mse.java:" + lineOf(mse, "System.exit") + ")",
                refused.describe(Exercises.byId("mse-linear").orElseThrow()));
    }

    @Test
    void longListsAreCut() {
        List<ForbiddenUse> uses = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            uses.add(new ForbiddenUse("api" + i, false, "A.java", i));
        }
        assertEquals(
                "uses api1 at A.java:1, which submissions may not use (also api2 at A.java:2, api3 at A.java:3,"
                        + " api4 at A.java:4, api5 at A.java:5 and 2 more)",
                new Refused("a.A", uses).describe(Exercises.byId("mse-linear").orElseThrow()));
    }

    /**
     * What javac 21 emits for pattern switches: {@code SwitchBootstraps.typeSwitch}, and enum constants as case labels
     * as dynamic constants bootstrapped by {@code ConstantBootstraps.invoke} over {@code EnumDesc.of} and
     * {@code ClassDesc.of}. The build's JDK 17 cannot compile it; the class files are test resources.
     */
    @Test
    void java21PatternSwitchesAreNotRefused() throws Exception {
        Path dir = Path.of(ForbiddenApiCheckTest.class
                .getClassLoader()
                .getResource("apicheck/java21/classes/p")
                .toURI());
        Map<String, ForbiddenApiCheck.SubmittedBytes> classes = new LinkedHashMap<>();
        List<String> bootstraps = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                byte[] bytes = Files.readAllBytes(f);
                ClassScan scan = ClassScan.of(bytes);
                classes.put(scan.className(), new ForbiddenApiCheck.SubmittedBytes("p/" + f.getFileName(), bytes));
                scan.uses().stream()
                        .filter(u -> u.kind() == ClassScan.Kind.BOOTSTRAP)
                        .map(u -> u.owner() + "." + u.name())
                        .distinct()
                        .forEach(bootstraps::add);
            }
        }
        assertEquals(
                List.of(
                        "java.lang.runtime.ObjectMethods.bootstrap",
                        "java.lang.runtime.SwitchBootstraps.typeSwitch",
                        "java.lang.invoke.StringConcatFactory.makeConcatWithConstants",
                        "java.lang.invoke.ConstantBootstraps.invoke",
                        "java.lang.invoke.LambdaMetafactory.metafactory"),
                bootstraps.stream().distinct().toList());
        Map<String, Implementation> vetted =
                new ForbiddenApiCheck(classes, ApiAllowlist.DEFAULT).vet(Map.of("modern", new Found("p.Modern")));
        assertEquals(new Found("p.Modern"), vetted.get("modern"));
    }

    /**
     * A method whose code holds an opcode no JVM knows passes the header parser (which skips code) but not ASM:
     * a class the check cannot read must not pass as clean.
     */
    @Test
    void classTheCheckCannotReadIsUnloadable() throws Exception {
        Exercise<?, ?> mse = Exercises.byId("mse-linear").orElseThrow();
        byte[] bytes = classWithUnknownOpcode("student/Broken", Type.getInternalName(mse.backwardType()));
        Path dir = Files.createDirectories(tmp.resolve("broken/student"));
        Files.write(dir.resolve("Broken.class"), bytes);
        Unloadable u = assertInstanceOf(Unloadable.class, load(dir.getParent()).implementation("mse-linear"));
        assertTrue(u.reason().startsWith("student/Broken.class cannot be read to check what it uses ("), u.reason());
        assertTrue(u.reason().endsWith("): compile it again"), u.reason());
    }

    /** A concrete class with a no-argument constructor whose code has opcode 0xCB (unassigned) in it. */
    private static byte[] classWithUnknownOpcode(String name, String implemented) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", new String[] {implemented});
        MethodVisitor init = w.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        for (int i = 0; i < 6; i++) {
            init.visitInsn(Opcodes.ICONST_5);
        }
        for (int i = 0; i < 6; i++) {
            init.visitInsn(Opcodes.POP);
        }
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        w.visitEnd();
        byte[] bytes = w.toByteArray();
        byte[] marker = {8, 8, 8, 8, 8, 8, 0x57, 0x57, 0x57, 0x57, 0x57, 0x57};
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
                bytes[i] = (byte) 0xCB;
                return bytes;
            }
        }
        throw new IllegalStateException("marker not found");
    }
}
