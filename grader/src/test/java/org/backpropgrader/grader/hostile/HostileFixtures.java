package org.backpropgrader.grader.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.reference.Tensor;

/**
 * Hostile submissions as sources: a {@code MseLinearBackward} that is the notebook's correct one except for the body
 * of {@code diff} (and any extra members), next to a correct {@code ReluNeuronBackward}, so every test shows the one
 * broken gradient, the gradients around it, and an exercise that must not notice.
 */
final class HostileFixtures {
    static final String MSE_FILE = "hostile/MseLinearHostile.java";
    static final String RELU_FILE = "hostile/ReluNeuronCorrect.java";
    /** Marks the line whose number an expected message names ("(at MseLinearHostile.java:N)"). */
    static final String HERE = "// <- here";

    /** The correct {@code diff}. */
    static final String CORRECT_DIFF = "return f.diff().mul(2).mul(ddiff2);";

    private HostileFixtures() {}

    static String mse(String diffBody) {
        return mse(diffBody, "");
    }

    /** {@code hostile.MseLinearHostile}: correct except {@code diff}, whose body is {@code diffBody}. */
    static String mse(String diffBody, String extraMembers) {
        return mse("MseLinearHostile", diffBody, extraMembers);
    }

    static String mse(String className, String diffBody, String extraMembers) {
        return """
                package hostile;

                import java.util.*;
                import org.backpropgrader.exercises.mselinear.MseLinearBackward;
                import org.backpropgrader.exercises.mselinear.MseLinearForward;
                import org.backpropgrader.reference.Tensor;

                public class %s implements MseLinearBackward {
                    @Override
                    public Tensor diff2(MseLinearForward f, Tensor dloss) {
                        return Tensor.onesLike(f.diff()).mul(1.0 / f.diff().size(0)).mul(1.0).mul(dloss);
                    }

                    @Override
                    public Tensor diff(MseLinearForward f, Tensor ddiff2) {
                %s
                    }

                    @Override
                    public Tensor y(MseLinearForward f, Tensor ddiff) {
                        return Tensor.onesLike(f.y()).mul(ddiff);
                    }

                    @Override
                    public Tensor pred(MseLinearForward f, Tensor ddiff) {
                        return Tensor.onesLike(f.pred()).neg().mul(ddiff);
                    }

                    @Override
                    public Tensor matmul(MseLinearForward f, Tensor dpred) {
                        return Tensor.onesLike(f.matmul()).mul(dpred);
                    }

                    @Override
                    public Tensor b(MseLinearForward f, Tensor dpred) {
                        return Tensor.onesLike(f.b()).mul(dpred).sum(0);
                    }

                    @Override
                    public Tensor X(MseLinearForward f, Tensor dmatmul) {
                        return dmatmul.matmul(f.W().T());
                    }

                    @Override
                    public Tensor W(MseLinearForward f, Tensor dmatmul) {
                        return f.X().T().matmul(dmatmul);
                    }
                %s
                }
                """.formatted(className, indent(diffBody), indent(extraMembers));
    }

    /** {@code hostile.ReluNeuronCorrect}: the notebook's cell 9. */
    static String relu() {
        return """
                package hostile;

                import org.backpropgrader.exercises.reluneuron.ReluNeuronBackward;
                import org.backpropgrader.exercises.reluneuron.ReluNeuronForward;
                import org.backpropgrader.reference.Tensor;

                public class ReluNeuronCorrect implements ReluNeuronBackward {
                    @Override
                    public Tensor res(ReluNeuronForward f, Tensor dloss) {
                        return Tensor.onesLike(f.res()).div(f.res().size(0)).mul(dloss);
                    }

                    @Override
                    public Tensor pre(ReluNeuronForward f, Tensor dres) {
                        return f.pre().gt(0).mul(dres);
                    }

                    @Override
                    public Tensor x(ReluNeuronForward f, Tensor dpre) {
                        return dpre.matmul(f.w().T());
                    }

                    @Override
                    public Tensor w(ReluNeuronForward f, Tensor dpre) {
                        return f.x().T().matmul(dpre);
                    }
                }
                """;
    }

    private static String indent(String body) {
        return body.lines().map(l -> "        " + l).collect(Collectors.joining("\n"));
    }

    /** The 1-based line of {@code source} holding {@link #HERE}. */
    static int lineOfHere(String source) {
        List<String> lines = source.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(HERE)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no " + HERE + " in the fixture");
    }

    static Path writeSources(Path dir, Map<String, String> sources) throws IOException {
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        }
        return dir;
    }

    /** Compiles {@code sources} into {@code out} with {@code --release 17} against reference and exercises. */
    static Path compile(Path out, Map<String, String> sources) throws IOException {
        Path src = writeSources(Files.createTempDirectory(out.getParent(), "src"), sources);
        List<String> files;
        try (Stream<Path> walk = Files.walk(src)) {
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toString)
                    .toList();
        }
        String classPath = Stream.of(Tensor.class, Exercise.class)
                .map(c -> Path.of(uri(c)).toString())
                .distinct()
                .collect(Collectors.joining(java.io.File.pathSeparator));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", out.toString(), "-cp", classPath));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        if (javac.run(null, OutputStream.nullOutputStream(), errors, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("fixture does not compile: " + errors.toString(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static java.net.URI uri(Class<?> c) {
        try {
            return c.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets a class file's major version (bytes 6 and 7), as a newer javac would have written it. */
    static void setMajorVersion(Path classFile, int major) throws IOException {
        byte[] bytes = Files.readAllBytes(classFile);
        bytes[6] = (byte) (major >> 8);
        bytes[7] = (byte) major;
        Files.write(classFile, bytes);
    }

    static boolean anyFileBelow(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.anyMatch(Files::isRegularFile);
        }
    }

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
}
