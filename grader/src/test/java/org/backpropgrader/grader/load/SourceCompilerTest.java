package org.backpropgrader.grader.load;

import static org.backpropgrader.grader.load.Fixtures.mse;
import static org.backpropgrader.grader.load.Fixtures.writeSources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceCompilerTest {
    @TempDir
    Path tmp;

    /** A compiler that sees what student sources see: reference and exercises. */
    private static SourceCompiler compiler() throws IOException {
        try (SubmissionLoader loader = new SubmissionLoader()) {
            return new SourceCompiler(loader.classPath());
        }
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void compilesAgainstTheGivenClassPathIntoClassFilesInMemory() throws Exception {
        Path src = writeSources(tmp.resolve("src"), Map.of("student/Mse.java", mse("student", "Mse")));
        try (SourceCompiler javac = compiler()) {
            SourceCompiler.Result r = javac.compile(src, javaFiles(src));

            assertTrue(r.success(), r.messages().toString());
            assertEquals(List.of(), r.messages());
            assertNull(r.firstError());
            assertEquals(0, r.errors());
            assertEquals(List.of("student/Mse.class"), List.copyOf(r.classes().keySet()));
            assertEquals(
                    "student.Mse",
                    ClassFileInfo.parse(r.classes().get("student/Mse.class")).thisClass());
            try (Stream<Path> written = Files.walk(tmp)) {
                assertEquals(
                        List.of(),
                        written.filter(p -> p.toString().endsWith(".class")).toList());
            }
        }
    }

    @Test
    void nestedClassesComeInSortedOrderAndAFailedCompilationOutputsNone() throws Exception {
        Path src = writeSources(
                tmp.resolve("src"),
                Map.of(
                        "student/Outer.java",
                        "package student; public class Outer { class B {} static class A {}"
                                + " Runnable r = new Runnable() { public void run() {} }; }"));
        Path broken = writeSources(
                tmp.resolve("broken"),
                Map.of(
                        "student/Ok.java", "package student; class Ok {}",
                        "student/Bad.java", "package student; class Bad { int x = \"s\"; }"));
        try (SourceCompiler javac = compiler()) {
            SourceCompiler.Result r = javac.compile(src, javaFiles(src));
            SourceCompiler.Result failed = javac.compile(broken, javaFiles(broken));
            SourceCompiler.Result again = javac.compile(src, javaFiles(src));

            assertEquals(
                    List.of(
                            "student/Outer$1.class",
                            "student/Outer$A.class",
                            "student/Outer$B.class",
                            "student/Outer.class"),
                    List.copyOf(r.classes().keySet()));
            assertFalse(failed.success());
            assertEquals(Map.of(), failed.classes());
            assertEquals(r.classes().keySet(), again.classes().keySet(), "nothing of the failure carries over");
        }
    }

    @Test
    void errorsAreCountedAndTheFirstIsNamedRelativeToTheSourceRoot() throws Exception {
        Path src = writeSources(tmp.resolve("src"), Map.of("student/Broken.java", """
                package student;

                class Broken {
                    int a = missing;
                    String b = 1;
                }
                """));
        try (SourceCompiler javac = compiler()) {
            SourceCompiler.Result r = javac.compile(src, javaFiles(src));

            assertFalse(r.success());
            assertEquals(2, r.errors());
            assertEquals("student/Broken.java:4: error: cannot find symbol", r.firstError());
            assertEquals(2, r.messages().size(), r.messages().toString());
            assertEquals("""
                    student/Broken.java:5: error: incompatible types: int cannot be converted to java.lang.String
                        String b = 1;
                                   ^""", r.messages().get(1));
            assertFalse(
                    String.join("\n", r.messages())
                            .contains(tmp.toAbsolutePath().toString()),
                    "absolute paths leak: " + r.messages());
        }
    }

    @Test
    void localVariableNamesAreKeptSoANullPointerExceptionNamesTheVariable() throws Exception {
        Path src = writeSources(tmp.resolve("src"), Map.of("student/Npe.java", """
                package student;

                public class Npe {
                    public static int run() {
                        String dW = null;
                        return dW.length();
                    }
                }
                """));
        Path classes = tmp.resolve("classes");
        try (SourceCompiler javac = compiler()) {
            SourceCompiler.Result r = javac.compile(src, javaFiles(src));
            assertTrue(r.success());
            Files.createDirectories(classes.resolve("student"));
            Files.write(classes.resolve("student/Npe.class"), r.classes().get("student/Npe.class"));
        }
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            Class<?> npe = loader.loadClass("student.Npe");
            java.lang.reflect.InvocationTargetException e = assertThrows(
                    java.lang.reflect.InvocationTargetException.class,
                    () -> npe.getMethod("run").invoke(null));
            assertTrue(
                    e.getCause().getMessage().contains("because \"dW\" is null"),
                    e.getCause().getMessage());
        }
    }

    @Test
    void secondCompileIsFasterWithWarmCompiler() throws Exception {
        try (SourceCompiler javac = compiler()) {
            assertNull(javac.javaCompiler());
            long[] nanos = new long[4];
            Object first = null;
            Object fileManager = null;
            for (int i = 0; i < nanos.length; i++) {
                Path src = writeSources(
                        tmp.resolve("src" + i), Map.of("student/Mse" + i + ".java", mse("student", "Mse" + i)));
                assertTrue(javac.compile(src, javaFiles(src)).success());
                nanos[i] = javac.lastCompileNanos();
                if (i == 0) {
                    first = javac.javaCompiler();
                    fileManager = javac.fileManager();
                    assertNotNull(first);
                } else {
                    assertSame(first, javac.javaCompiler());
                    assertSame(fileManager, javac.fileManager());
                }
            }
            System.out.printf(
                    "compile of one small submission: first %.1f ms, then %.1f, %.1f, %.1f ms%n",
                    nanos[0] / 1e6, nanos[1] / 1e6, nanos[2] / 1e6, nanos[3] / 1e6);
        }
    }

    @Test
    void closeReleasesTheCompilerAndALaterCompileStartsAgain() throws Exception {
        Path src = writeSources(tmp.resolve("src"), Map.of("student/Mse.java", mse("student", "Mse")));
        SourceCompiler javac = compiler();
        assertTrue(javac.compile(src, javaFiles(src)).success());
        javac.close();
        assertNull(javac.javaCompiler());
        assertTrue(javac.compile(src, javaFiles(src)).classes().containsKey("student/Mse.class"));
        javac.close();
    }

    // --- javac's reused contexts (JavacContextPool); Surefire runs with the export the jar's manifest gives

    @Test
    void reusesJavacContextsWhenTheJvmExportsThem() throws Exception {
        Path src = writeSources(tmp.resolve("src"), Map.of("student/Mse.java", mse("student", "Mse")));
        try (SourceCompiler javac = compiler()) {
            assertTrue(javac.compile(src, javaFiles(src)).success());
            assertTrue(javac.reusesContexts(), "the grader's own JVMs export com.sun.tools.javac.api");
            assertEquals(
                    List.of("student/Mse.class"),
                    List.copyOf(javac.compile(src, javaFiles(src)).classes().keySet()),
                    "a reused context outputs classes too");
        }
    }

    @Test
    void aClassOneSubmissionDeclaredIsUnknownToTheNextCompilation() throws Exception {
        Path first = writeSources(
                tmp.resolve("first"),
                Map.of(
                        "notebook/Helper.java",
                                "package notebook; public class Helper { public static int one() { return 1; } }",
                        "notebook/User.java", "package notebook; public class User { int v = Helper.one(); }"));
        Path second = writeSources(
                tmp.resolve("second"),
                Map.of("notebook/User.java", "package notebook; public class User { int v = Helper.one(); }"));
        try (SourceCompiler javac = compiler()) {
            assertTrue(javac.compile(first, javaFiles(first)).success());
            SourceCompiler.Result r = javac.compile(second, javaFiles(second));

            assertFalse(r.success(), "Helper was the first submission's");
            assertTrue(r.firstError().contains("cannot find symbol"), r.firstError());
        }
    }

    @Test
    void sourcesThatRedeclareAnEngineClassDoNotChangeWhatTheNextCompilationSees() throws Exception {
        // Note [A reused context and hostile sources]: without dropping the context, every later submission would
        // be compiled against this empty Tensor and fail
        Path hostile = writeSources(
                tmp.resolve("hostile"),
                Map.of(
                        "org/backpropgrader/reference/Tensor.java",
                                "package org.backpropgrader.reference; public class Tensor {}",
                        "student/Uses.java",
                                "package student; public class Uses { org.backpropgrader.reference.Tensor t; }"));
        Path honest = writeSources(tmp.resolve("honest"), Map.of("student/Mse.java", mse("student", "Mse")));
        try (SourceCompiler javac = compiler()) {
            assertTrue(javac.compile(hostile, javaFiles(hostile)).success());
            SourceCompiler.Result r = javac.compile(honest, javaFiles(honest));

            assertTrue(r.success(), r.messages().toString());
        }
    }

    @Test
    void aReusedContextReportsTheSameErrorsAsAFreshOne() throws Exception {
        Path src = writeSources(tmp.resolve("src"), Map.of("student/Broken.java", """
                package student;
                public class Broken { int x = "text"; void f() { undefined(); } }
                """));
        try (SourceCompiler javac = compiler()) {
            SourceCompiler.Result fresh = javac.compile(src, javaFiles(src));
            SourceCompiler.Result reused = javac.compile(src, javaFiles(src));

            assertEquals(2, fresh.errors(), fresh.messages().toString());
            assertEquals(fresh, reused);
        }
    }
}
