package org.backpropgrader.grader.handout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.files.Directories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The handout's GitHub Classroom workflow, read as GitHub reads it (YAML 1.2) and held to the conventions of
 * {@code classroom-resources/autograding-grading-reporter} (its README: a workflow named {@code Autograding Tests},
 * one job {@code run-autograding-tests}, runner ids whose results arrive in {@code <ID>_RESULTS}); then every
 * command it runs is run in the unzipped handout, as {@code autograding-command-grader} runs it (a shell, the
 * repository's root, exit status 0 earns the points): failing on the untouched stubs, passing on correct code.
 */
class ClassroomWorkflowTest {
    /** mse-linear doubled: the workflow's points must follow the policy, not the exercises' defaults. */
    private static final String POLICY = "{\"seeds\": [111111, 7], \"exercises\": {\"mse-linear\": {\"weight\": 2}}}";

    @TempDir
    Path tmp;

    private record Step(String id, String testName, String command, double maxScore) {}

    @Test
    @SuppressWarnings("unchecked")
    void workflowFollowsClassroomsConventions_andItsCommandsFailOnStubsAndPassOnCorrectCode() throws Exception {
        Path zip = tmp.resolve("hw.zip");
        Handout.write(
                zip,
                Exercises.all().stream()
                        .filter(e -> List.of("mse-linear", "relu-neuron").contains(e.id()))
                        .toList(),
                POLICY);
        Path repo = tmp.resolve("student-repo");
        unzip(zip, repo);
        String yaml = Files.readString(repo.resolve(".github/workflows/classroom.yml"), StandardCharsets.UTF_8);

        Map<String, Object> workflow =
                (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        assertEquals("Autograding Tests", workflow.get("name"), "Classroom reads scores only from this workflow");
        assertEquals(List.of("push", "workflow_dispatch"), workflow.get("on"), "YAML 1.2: `on` is a string key");
        Map<String, Object> jobs = (Map<String, Object>) workflow.get("jobs");
        assertEquals(List.of("run-autograding-tests"), List.copyOf(jobs.keySet()), "one job, with this name");
        Map<String, Object> job = (Map<String, Object>) jobs.get("run-autograding-tests");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
        assertTrue(((String) steps.get(0).get("uses")).startsWith("actions/checkout@"));
        assertTrue(((String) steps.get(1).get("uses")).startsWith("actions/setup-java@"));
        assertEquals("17", ((Map<String, Object>) steps.get(1).get("with")).get("java-version"));

        List<Step> tests = new ArrayList<>();
        for (Map<String, Object> step : steps.subList(2, steps.size() - 1)) {
            assertTrue(((String) step.get("uses")).startsWith("classroom-resources/autograding-command-grader@v1"));
            Map<String, Object> with = (Map<String, Object>) step.get("with");
            tests.add(new Step(
                    (String) step.get("id"),
                    (String) with.get("test-name"),
                    (String) with.get("command"),
                    ((Number) with.get("max-score")).doubleValue()));
        }
        assertEquals(
                List.of("mse-linear", "relu-neuron"),
                tests.stream().map(Step::testName).toList());
        assertEquals(16, tests.get(0).maxScore(), "mse-linear's 8 points, weight 2");
        assertEquals(4, tests.get(1).maxScore(), "relu-neuron's 4 points");

        Map<String, Object> reporter = steps.get(steps.size() - 1);
        assertTrue(((String) reporter.get("uses")).startsWith("classroom-resources/autograding-grading-reporter@v1"));
        String runners = (String) ((Map<String, Object>) reporter.get("with")).get("runners");
        assertTrue(runners.matches("([a-zA-Z0-9]+,)*[a-zA-Z0-9]+"), "the reporter's own pattern: " + runners);
        assertEquals(String.join(",", tests.stream().map(Step::id).toList()), runners);
        Map<String, Object> env = (Map<String, Object>) reporter.get("env");
        for (Step t : tests) {
            assertEquals(
                    "${{steps." + t.id() + ".outputs.result}}",
                    env.get(t.id().toUpperCase(Locale.ROOT) + "_RESULTS"),
                    "the reporter reads " + t.id() + "'s result from <ID>_RESULTS");
        }

        for (Step t : tests) {
            assertNotEquals(0, shell(repo, t.command()), t.testName() + " passes on the untouched stubs");
        }
        Directories.deleteQuietly(repo.resolve("src/main/java/student"));
        Path solutions = Files.createDirectories(repo.resolve("src/main/java/notebook"));
        for (String name : List.of("MseLinearNotebook.java", "ReluNeuronNotebook.java")) {
            Files.copy(Path.of("../examples/correct/notebook", name), solutions.resolve(name));
        }
        for (Step t : tests) {
            assertEquals(0, shell(repo, t.command()), t.testName() + " fails on correct code");
        }
    }

    /** The command in a shell at the repository's root, as the command grader runs it; its exit status. */
    private int shell(Path repo, String command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, "check-", ".log");
        Process p = new ProcessBuilder("bash", "-c", command)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), command);
        return p.exitValue();
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().toList()) {
                Path target = into.resolve(e.getName());
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.write(target, in.readAllBytes());
                }
            }
        }
    }
}
