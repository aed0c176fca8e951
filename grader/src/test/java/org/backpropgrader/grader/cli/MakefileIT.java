package org.backpropgrader.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code make} and {@code make grade} rebuild {@code grader.jar} when a source or pom of a module it is made from
 * changes, and only then. Asked of make itself without building anything: {@code make -n -W FILE build} prints what
 * would run if FILE had just changed. Runs after packaging (Failsafe), when the jar is newer than every source.
 */
class MakefileIT {
    private static final Path ROOT = Path.of("..");
    private static final String WOULD_BUILD = "MAVEN_WOULD_RUN";

    private static String make(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("make", "-C", ROOT.toString(), "--no-print-directory"));
        command.addAll(List.of(args));
        command.add("MVN=" + WOULD_BUILD);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "make did not finish");
        if (!List.of(args).contains("-q")) {
            assertEquals(0, p.exitValue(), out);
        }
        return out + "\nexit " + p.exitValue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pom.xml",
                "reference/pom.xml",
                "exercises/pom.xml",
                "runner/pom.xml",
                "grader/pom.xml",
                "reference/src/main/java/org/backpropgrader/reference/Tensor.java",
                "exercises/src/main/java/org/backpropgrader/exercises/Exercises.java",
                "runner/src/main/java/org/backpropgrader/runner/Protocol.java",
                "grader/src/main/java/org/backpropgrader/grader/cli/Main.java",
                "grader/src/main/resources/META-INF/services/org.junit.platform.engine.TestEngine"
            })
    void aChangedSourceOrPom_rebuildsTheJar_forMakeAndMakeGrade(String file) throws Exception {
        assertTrue(Files.isRegularFile(ROOT.resolve(file)), file);

        assertTrue(make("-n", "-W", file, "build").contains(WOULD_BUILD + " -DskipTests"), file);
        assertTrue(make("-n", "-W", file, "grade").contains(WOULD_BUILD + " -DskipTests"), file);
    }

    @Test
    void rightAfterPackaging_theJarIsUpToDate_andAReadmeChangeRebuildsNothing() throws Exception {
        assertTrue(make("-q", "build").endsWith("exit 0"), "grader.jar is newer than every input");
        assertFalse(make("-n", "-W", "README.md", "build").contains(WOULD_BUILD));
    }
}
