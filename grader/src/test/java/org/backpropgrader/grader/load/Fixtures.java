package org.backpropgrader.grader.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.backpropgrader.exercises.mselinear.MseLinearBackward;

/** Builds submissions for tests: sources, compiled class directories, jars and zips, all below a temp dir. */
final class Fixtures {
    private Fixtures() {}

    /**
     * A class {@code pkg.name} declared with {@code declaration} (e.g. {@code "public class %s implements "
     * + MSE}) whose body implements every method of {@code backward} by throwing, plus {@code extra} members.
     */
    static String source(String pkg, String name, String declaration, Class<?> backward, String extra) {
        StringBuilder s = new StringBuilder();
        if (!pkg.isEmpty()) {
            s.append("package ").append(pkg).append(";\n\n");
        }
        s.append(String.format(declaration, name)).append(" {\n");
        if (backward != null) {
            s.append(methods(backward));
        }
        s.append(extra).append("}\n");
        return s.toString();
    }

    /** A concrete {@code pkg.name implements MseLinearBackward}. */
    static String mse(String pkg, String name) {
        return source(
                pkg,
                name,
                "public class %s implements " + MseLinearBackward.class.getName(),
                MseLinearBackward.class,
                "");
    }

    static String methods(Class<?> backward) {
        StringBuilder s = new StringBuilder();
        for (Method m : backward.getMethods()) {
            List<String> params = new ArrayList<>();
            Class<?>[] types = m.getParameterTypes();
            for (int i = 0; i < types.length; i++) {
                params.add(types[i].getCanonicalName() + " a" + i);
            }
            s.append("    public ")
                    .append(m.getReturnType().getCanonicalName())
                    .append(' ')
                    .append(m.getName())
                    .append('(')
                    .append(String.join(", ", params))
                    .append(") {\n")
                    .append("        throw new UnsupportedOperationException(\"TODO\");\n    }\n\n");
        }
        return s.toString();
    }

    /** Writes {@code sources} (relative path → text) below {@code dir}. */
    static Path writeSources(Path dir, Map<String, String> sources) throws IOException {
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        }
        return dir;
    }

    /** Compiles {@code sources} into {@code out} against reference and exercises; fails the test on errors. */
    static Path compile(Path out, Map<String, String> sources) throws IOException {
        Path src = Files.createTempDirectory(out.getParent(), "src");
        writeSources(src, sources);
        List<String> files;
        try (Stream<Path> walk = Files.walk(src)) {
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toString)
                    .toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath = new SubmissionLoader()
                .classPath().stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", out.toString(), "-cp", classPath));
        args.addAll(files);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, OutputStream.nullOutputStream(), errors, args.toArray(String[]::new));
        assertTrue(rc == 0, () -> "fixture does not compile: " + errors.toString(StandardCharsets.UTF_8) + sources);
        return out;
    }

    /** A jar of every file below {@code classes}, each entry prefixed with {@code prefix} ("" or "out/"). */
    static Path jar(Path classes, Path jar, String prefix) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(prefix + slashed(classes.relativize(p))));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A zip of the given entries (name → bytes), in order. */
    static Path zip(Path zip, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String slashed(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    /** Every file below {@code dir}, relative, sorted. */
    static List<String> filesBelow(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> slashed(dir.relativize(p)))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        }
    }

    static byte[] zeros(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0);
        return b;
    }
}
