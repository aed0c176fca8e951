package org.backpropgrader.grader.load;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.reference.Tensor;

/**
 * Prints what the forbidden-API check costs (no assertions; timings depend on the machine): ASM-reading and vetting
 * every class of a submission, the first time in a JVM (ASM's classes and the allowlist's reflection warming up,
 * which {@link SubmissionLoader#load} starts early on a background thread) and warm. The sources are compiled with
 * javac directly, so that nothing of the check runs before it is timed.
 * {@code ApiCheckTimings SOURCE_DIR [RUNS]}, e.g. {@code examples/correct}.
 */
public final class ApiCheckTimings {
    private ApiCheckTimings() {}

    public static void main(String[] args) throws Exception {
        Path submission = Path.of(args.length > 0 ? args[0] : "examples/correct");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path out = Files.createTempDirectory("apicheck-timings");
        List<String> javac = new ArrayList<>(List.of(
                "-d",
                out.toString(),
                "-cp",
                Stream.of(Tensor.class, Exercise.class)
                        .map(c -> c.getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .getPath())
                        .distinct()
                        .collect(Collectors.joining(File.pathSeparator))));
        try (Stream<Path> walk = Files.walk(submission)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> javac.add(p.toString()));
        }
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, javac.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("does not compile: " + submission);
        }
        Map<String, ForbiddenApiCheck.SubmittedBytes> classes = new LinkedHashMap<>();
        Map<String, Implementation> everyClass = new LinkedHashMap<>();
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path f :
                    walk.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String relative = out.relativize(f).toString().replace('\\', '/');
                String name = relative.substring(0, relative.length() - ".class".length())
                        .replace('/', '.');
                byte[] b = Files.readAllBytes(f);
                bytes += b.length;
                classes.put(name, new ForbiddenApiCheck.SubmittedBytes(relative, b));
                everyClass.put(name, new Implementation.Found(name));
            }
        }
        long start = System.nanoTime();
        Map<String, Implementation> first = new ForbiddenApiCheck(classes, ApiAllowlist.DEFAULT).vet(everyClass);
        long cold = System.nanoTime() - start;
        start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            new ForbiddenApiCheck(classes, ApiAllowlist.DEFAULT).vet(everyClass);
        }
        long warm = (System.nanoTime() - start) / runs;
        long refused = first.values().stream()
                .filter(i -> !(i instanceof Implementation.Found))
                .count();
        System.out.printf("%s: %d classes, %d bytes, %d refused%n", submission, classes.size(), bytes, refused);
        System.out.printf(
                "check, first in this JVM: %.2f ms; warm (mean of %d): %.3f ms%n", cold / 1e6, runs, warm / 1e6);
    }
}
