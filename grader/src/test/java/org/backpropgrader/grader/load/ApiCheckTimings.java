package org.backpropgrader.grader.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Prints what the forbidden-API check costs (no assertions; timings depend on the machine): ASM-reading and vetting
 * every class of a submission, the first time in a JVM (ASM and the allowlist's reflection warming up) and warm.
 * {@code ApiCheckTimings SUBMISSION [RUNS]}, e.g. {@code examples/correct}.
 */
public final class ApiCheckTimings {
    private ApiCheckTimings() {}

    public static void main(String[] args) throws Exception {
        Path submission = Path.of(args.length > 0 ? args[0] : "examples/correct");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path work = Files.createTempDirectory("apicheck-timings");
        LoadedSubmission loaded;
        try (SubmissionLoader loader = new SubmissionLoader()) {
            loaded = loader.load(submission, work);
        }
        Map<String, ForbiddenApiCheck.SubmittedBytes> classes = new LinkedHashMap<>();
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(loaded.classesRoot())) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String relative = loaded.classesRoot().relativize(f).toString().replace('\\', '/');
                byte[] b = Files.readAllBytes(f);
                bytes += b.length;
                classes.put(relative.substring(0, relative.length() - ".class".length()).replace('/', '.'),
                        new ForbiddenApiCheck.SubmittedBytes(relative, b));
            }
        }
        long start = System.nanoTime();
        Map<String, Implementation> first = new ForbiddenApiCheck(classes, ApiAllowlist.DEFAULT)
                .vet(loaded.implementations());
        long cold = System.nanoTime() - start;
        start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            new ForbiddenApiCheck(classes, ApiAllowlist.DEFAULT).vet(loaded.implementations());
        }
        long warm = (System.nanoTime() - start) / runs;
        System.out.printf("%s: %d classes, %d bytes; implementations %s%n", submission, classes.size(), bytes,
                List.copyOf(first.values()));
        System.out.printf("check, first in this JVM: %.2f ms; warm (mean of %d): %.3f ms%n", cold / 1e6, runs,
                warm / 1e6);
    }
}
