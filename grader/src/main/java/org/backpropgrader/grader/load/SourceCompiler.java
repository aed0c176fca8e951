package org.backpropgrader.grader.load;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * javac in the grader's own process: compiles a submission's sources against a fixed class path into class files
 * held in memory ({@link MemoryClassOutput}) and says what the compiler said, as javac prints it
 * ({@link DiagnosticFormat}), file names relative to the sources' root.
 *
 * <p>One compiler keeps javac and its file manager warm across compilations: batch grading compiles hundreds, and the
 * first compilation costs several times the next. Compilations are serialised (the file manager is not
 * thread-safe). Close it to release the file manager's open jars.
 */
final class SourceCompiler implements AutoCloseable {
    static final int RUNTIME_FEATURE = Runtime.version().feature();
    /**
     * Java 17 sources against the Java 17 API. On a Java 17 runtime that is javac's default ({@code -source 17
     * -target 17} against the running platform); {@code --release 17} would say the same but makes javac open
     * {@code ct.sym} (a zip) for every compilation, about 40% of a warm compile in a batch. On a newer runtime
     * {@code --release 17} keeps newer APIs out. {@code -g}: local variable names, so a NullPointerException says
     * {@code because "dW" is null}, not {@code "<local3>"}.
     */
    static final List<String> OPTIONS = RUNTIME_FEATURE == 17
            ? List.of(
                    "-source",
                    "17",
                    "-target",
                    "17",
                    "-encoding",
                    "UTF-8",
                    "-proc:none",
                    "-implicit:none",
                    "-Xmaxerrs",
                    "100",
                    "-g")
            : List.of(
                    "--release", "17", "-encoding", "UTF-8", "-proc:none", "-implicit:none", "-Xmaxerrs", "100", "-g");

    /**
     * What one compilation did.
     *
     * @param success whether every source compiled (no error, and javac said so)
     * @param messages every diagnostic and anything else javac printed, in its order
     * @param firstError the first line of the first error, or null on success
     * @param errors how many errors; at least 1 when not a success
     * @param classes the class files javac wrote, by path ({@code notebook/Mse.class}) in sorted order; empty unless a
     *     success
     */
    record Result(boolean success, List<String> messages, String firstError, int errors, Map<String, byte[]> classes) {
        Result {
            messages = List.copyOf(messages);
            classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
        }
    }

    private final List<Path> classPath;
    private JavaCompiler compiler;
    private StandardJavaFileManager fileManager;
    private MemoryClassOutput output;
    /** javac's reusable contexts when this JVM lets us use them, else empty: a fresh context per compilation. */
    private Optional<JavacContextPool> contexts = Optional.empty();

    private long lastCompileNanos;

    /** A compiler whose sources see {@code classPath} (and the JDK), and nothing else. */
    SourceCompiler(List<Path> classPath) {
        this.classPath = List.copyOf(classPath);
    }

    /**
     * Compiles {@code units}; the class files are in the result.
     *
     * @param sourceRoot the directory the units lie below, which diagnostics name them relative to
     * @throws IllegalStateException when this Java runtime has no compiler (a JRE)
     */
    synchronized Result compile(Path sourceRoot, List<Path> units) {
        long start = System.nanoTime();
        try {
            StandardJavaFileManager files = fileManager();
            output.collect(); // whatever an earlier compilation left on throwing
            DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
            StringWriter otherOutput = new StringWriter();
            Iterable<? extends JavaFileObject> sources = files.getJavaFileObjectsFromPaths(units);
            Boolean ok = contexts.isPresent()
                    ? contexts.get().compile(otherOutput, output, collector, OPTIONS, sources)
                    : compiler.getTask(otherOutput, output, collector, OPTIONS, null, sources)
                            .call();
            Map<String, byte[]> classes = output.collect();
            List<String> messages = new ArrayList<>();
            String firstError = null;
            int errors = 0;
            for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
                String message = DiagnosticFormat.format(d, files, sourceRoot);
                messages.add(message);
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors++;
                    if (firstError == null) {
                        firstError = message.lines().findFirst().orElse(message);
                    }
                }
            }
            if (!otherOutput.toString().isBlank()) {
                messages.add(DiagnosticFormat.relativise(otherOutput.toString().strip(), sourceRoot));
            }
            boolean success = Boolean.TRUE.equals(ok) && errors == 0;
            if (!success && firstError == null) {
                firstError = "the compiler failed without a message";
                errors = Math.max(errors, 1);
            }
            return new Result(success, messages, firstError, errors, success ? classes : Map.of());
        } finally {
            lastCompileNanos = System.nanoTime() - start;
        }
    }

    /** The warm file manager, created on first use with the class path set once. */
    synchronized StandardJavaFileManager fileManager() {
        if (fileManager == null) {
            compiler = ToolProvider.getSystemJavaCompiler();
            if (compiler == null) {
                throw new IllegalStateException("this Java runtime has no compiler (javax.tools): run the grader on"
                        + " a JDK to grade .java sources, or submit compiled classes");
            }
            fileManager = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
            try {
                fileManager.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
                fileManager.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot put " + classPath + " on the compiler's class path", e);
            }
            StandardJavaFileManager files = fileManager;
            output = new MemoryClassOutput(files);
            contexts = JavacContextPool.ifAvailable(pkg -> hasClasses(files, pkg));
        }
        return fileManager;
    }

    /** Whether the class path has classes in {@code pkg}; true when it cannot be read (then assume the worst). */
    private static boolean hasClasses(StandardJavaFileManager files, String pkg) {
        try {
            return files.list(StandardLocation.CLASS_PATH, pkg, Set.of(JavaFileObject.Kind.CLASS), false)
                    .iterator()
                    .hasNext();
        } catch (IOException e) {
            return true;
        }
    }

    /** Whether compilations reuse javac's contexts ({@link JavacContextPool}), for tests; false before the first. */
    synchronized boolean reusesContexts() {
        return contexts.isPresent();
    }

    /** The compiler instance, for tests that check it is reused; null before the first compilation. */
    synchronized JavaCompiler javaCompiler() {
        return compiler;
    }

    /** How long the last compilation took, in nanoseconds. */
    synchronized long lastCompileNanos() {
        return lastCompileNanos;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (fileManager != null) {
                fileManager.close();
            }
        } finally {
            fileManager = null;
            output = null;
            compiler = null;
            contexts = Optional.empty();
        }
    }
}
