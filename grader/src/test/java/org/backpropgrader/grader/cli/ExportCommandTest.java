package org.backpropgrader.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code grader export} and {@code grader autograde} on the command line: arguments, exit codes, the policy baked in. */
class ExportCommandTest {
    @TempDir
    Path tmp;

    private static CliEndToEndTest.Run run(String... args) {
        return CliEndToEndTest.run(args);
    }

    @Test
    void exportWithoutAKnownPlatform_isAUsageError() {
        CliEndToEndTest.Run none = run("export", "--out", "x.zip");
        assertEquals(64, none.exit());
        assertTrue(none.err().contains("which platform? expected gradescope or prairielearn"), none.err());
        CliEndToEndTest.Run moodle = run("export", "moodle", "--out", "x.zip");
        assertEquals(64, moodle.exit());
        assertTrue(
                moodle.err().contains("unknown platform 'moodle': expected gradescope or prairielearn"), moodle.err());
        assertEquals(
                64,
                run("export", "gradescope", "prairielearn", "--out", "x.zip").exit(),
                "one platform");
    }

    @Test
    void exportWithABadPolicy_refusesBeforeWritingAnything() throws IOException {
        Path policy = tmp.resolve("policy.json");
        Files.writeString(policy, "{\"seeds\": [42, 42]}");
        CliEndToEndTest.Run r = run(
                "export",
                "gradescope",
                "--policy",
                policy.toString(),
                "--out",
                tmp.resolve("a.zip").toString());
        assertEquals(65, r.exit(), r.err());
        assertFalse(Files.exists(tmp.resolve("a.zip")));
    }

    @Test
    void exportBakesTheInstructorsPolicyInWithHiddenSeeds_andExerciseNarrowsItsIncludeList() throws IOException {
        Path policy = tmp.resolve("policy.json");
        Files.writeString(policy, "{\"seeds\": [111111, 7, 2024], \"scoringMode\": \"chained\"}");
        Path zip = tmp.resolve("autograder.zip");
        CliEndToEndTest.Run r = run(
                "export",
                "gradescope",
                "--policy",
                policy.toString(),
                "--exercise",
                "relu-neuron,mse-linear",
                "--out",
                zip.toString());
        assertEquals(0, r.exit(), r.err());
        JsonObject baked;
        try (ZipFile z = new ZipFile(zip.toFile());
                InputStream in = z.getInputStream(z.getEntry("policy.json"))) {
            baked = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        }
        assertEquals("[111111,7,2024]", baked.get("seeds").toString(), "the hidden seeds go to the platform");
        assertEquals("chained", baked.get("scoringMode").getAsString());
        assertEquals("[\"mse-linear\",\"relu-neuron\"]", baked.get("include").toString(), "in catalog order");

        Path dir = tmp.resolve("pl");
        assertEquals(
                0,
                run("export", "prairielearn", "--policy", policy.toString(), "--out", dir.toString())
                        .exit());
        for (String name : List.of("Dockerfile", "grade.sh", "grader.jar", "policy.json", "info.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(name)), name);
        }
        assertTrue(Files.isExecutable(dir.resolve("grade.sh")));
        assertEquals(Files.readString(policy), Files.readString(dir.resolve("policy.json")), "as given");
    }

    @Test
    void autogradeWithAnUnknownPlatform_isAUsageError() {
        CliEndToEndTest.Run r = run(
                "autograde",
                "--platform",
                "moodle",
                "--upload",
                tmp.toString(),
                "--out",
                tmp.resolve("r.json").toString());
        assertEquals(64, r.exit());
        assertTrue(r.err().contains("bad --platform 'moodle': expected gradescope or prairielearn"), r.err());
    }
}
