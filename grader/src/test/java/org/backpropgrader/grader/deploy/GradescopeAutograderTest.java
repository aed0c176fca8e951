package org.backpropgrader.grader.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.backpropgrader.grader.report.StrictJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grader export gradescope}'s autograder.zip, run as Gradescope runs it: unpacked into
 * {@code /autograder/source}, {@code run_autograder} copied to {@code /autograder/}, the student's files in
 * {@code /autograder/submission/}, the script run as is from {@code /autograder} ({@link PlatformContainer}); its
 * {@code results.json} checked against Gradescope's "Autograder Specifications" (gradescope-autograders.readthedocs.io
 * /en/latest/specs/) field by field.
 */
class GradescopeAutograderTest {
    /** Every top-level field the specification documents. */
    private static final Set<String> TOP_LEVEL = Set.of(
            "score",
            "execution_time",
            "output",
            "output_format",
            "test_output_format",
            "test_name_format",
            "visibility",
            "stdout_visibility",
            "extra_data",
            "tests",
            "leaderboard");
    /** Every field of a test the specification documents. */
    private static final Set<String> TEST = Set.of(
            "score",
            "max_score",
            "status",
            "name",
            "name_format",
            "number",
            "output",
            "output_format",
            "tags",
            "visibility",
            "extra_data");

    private static final Set<String> VISIBILITY = Set.of("hidden", "after_due_date", "after_published", "visible");
    private static final Set<String> FORMATS = Set.of("text", "html", "simple_format", "md", "ansi");

    @TempDir
    Path tmp;

    /** The exported zip, laid out as Gradescope's image has it, with {@code submit} filling the submission folder. */
    private JsonObject grade(Uploader submit, PlatformContainer.Kind kind) throws Exception {
        return grade(submit, kind, source -> {});
    }

    /** As above, with {@code tamper} changing the unpacked autograder first. */
    private JsonObject grade(Uploader submit, PlatformContainer.Kind kind, Uploader tamper) throws Exception {
        Path policy = tmp.resolve("policy.json");
        Files.writeString(policy, Uploads.POLICY);
        Path zip = tmp.resolve("autograder.zip");
        PlatformExport.gradescope(zip, Uploads.POLICY);
        Path root = Files.createDirectories(tmp.resolve("autograder"));
        Path source = Files.createDirectories(root.resolve("source"));
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().toList()) {
                names.add(e.getName());
                try (InputStream in = z.getInputStream(e)) {
                    Files.write(source.resolve(e.getName()), in.readAllBytes());
                }
            }
        }
        assertEquals(
                List.of("setup.sh", "run_autograder", "policy.json", "grader.jar"),
                names,
                "setup.sh and run_autograder at the zip's root, as the specification requires");
        tamper.fill(source);
        Files.copy(source.resolve("run_autograder"), root.resolve("run_autograder"));
        root.resolve("run_autograder").toFile().setExecutable(true);
        submit.fill(Files.createDirectories(root.resolve("submission")));
        Files.createDirectories(root.resolve("results"));

        PlatformContainer.Run run = new PlatformContainer(Files.createDirectories(tmp.resolve("home")))
                .bind("/autograder", root)
                .run(kind, "/autograder", "/autograder/run_autograder");
        assertEquals(0, run.exitCode(), run.log());
        Path results = root.resolve("results/results.json");
        assertTrue(Files.isRegularFile(results), "no results.json; log:\n" + run.log());
        JsonObject o = StrictJson.parse("results.json", Files.readString(results, StandardCharsets.UTF_8))
                .getAsJsonObject();
        checkAgainstSpecification(o);
        String text = o.toString();
        for (String hidden : List.of("seed 7 ", "seed 2024", "2024")) {
            assertFalse(text.contains(hidden), "a hidden seed shows in what students read: " + hidden);
        }
        if (run.log().contains("the grader failed")) {
            return o;
        }
        if (kind == PlatformContainer.Kind.UNPRIVILEGED) {
            assertTrue(run.log().contains("grading again with --sandbox none"), run.log());
        } else {
            assertFalse(run.log().contains("--sandbox none"), "the OS sandbox could start here:\n" + run.log());
        }
        return o;
    }

    interface Uploader {
        void fill(Path upload) throws IOException;
    }

    /** Every field as the specification documents it; all are optional but a score (top-level or per test). */
    static void checkAgainstSpecification(JsonObject o) {
        assertTrue(TOP_LEVEL.containsAll(o.keySet()), "undocumented fields: " + o.keySet());
        assertTrue(o.get("score").getAsJsonPrimitive().isNumber(), "the score, which overrides the tests' sum");
        if (o.has("execution_time")) {
            double seconds = o.get("execution_time").getAsDouble();
            assertEquals(Math.rint(seconds), seconds, "whole seconds");
        }
        for (String format : List.of("output_format", "test_output_format", "test_name_format")) {
            if (o.has(format)) {
                assertTrue(FORMATS.contains(o.get(format).getAsString()), format);
            }
        }
        for (String visibility : List.of("visibility", "stdout_visibility")) {
            if (o.has(visibility)) {
                assertTrue(VISIBILITY.contains(o.get(visibility).getAsString()), visibility);
            }
        }
        assertTrue(o.get("output").getAsJsonPrimitive().isString(), "the message to the student");
        double sum = 0;
        for (JsonElement e : o.getAsJsonArray("tests")) {
            JsonObject t = e.getAsJsonObject();
            assertTrue(TEST.containsAll(t.keySet()), "undocumented test fields: " + t.keySet());
            double score = t.get("score").getAsDouble();
            double max = t.get("max_score").getAsDouble();
            assertTrue(score >= 0 && score <= max, t.toString());
            assertEquals(score == max ? "passed" : "failed", t.get("status").getAsString(), t.toString());
            assertTrue(t.get("number").getAsString().matches("\\d+\\.\\d+"), t.toString());
            assertTrue(VISIBILITY.contains(t.get("visibility").getAsString()));
            sum += score;
        }
        assertEquals(sum, o.get("score").getAsDouble(), 1e-9, "the score is the tests' sum");
    }

    private static double maxScore(JsonObject o) {
        double max = 0;
        for (JsonElement e : o.getAsJsonArray("tests")) {
            max += e.getAsJsonObject().get("max_score").getAsDouble();
        }
        return max;
    }

    @Test
    void correctSubmissionDeepInsideItsRepository_getsFullMarks_inTheOsSandbox() throws Exception {
        JsonObject o = grade(Uploads::correct, PlatformContainer.Kind.PRIVILEGED);
        assertEquals(8 + 4, maxScore(o), "mse-linear and relu-neuron, the policy's include list");
        assertEquals(maxScore(o), o.get("score").getAsDouble());
        String output = o.get("output").getAsString();
        assertTrue(output.startsWith("Graded 8 .java file(s) in my-repo/src/main/java/notebook."), output);
        assertFalse(output.contains("without the grader's OS sandbox"), output);
        assertTrue(o.toString().contains("hidden seed #2"), "the hidden seeds were graded, under their labels");
    }

    @Test
    void wrongSubmissionInAZip_getsPartialMarksWithHints() throws Exception {
        JsonObject o = grade(Uploads::wrong, PlatformContainer.Kind.PRIVILEGED);
        double score = o.get("score").getAsDouble();
        assertTrue(score > 0 && score < maxScore(o), "score " + score);
        assertTrue(o.get("output").getAsString().startsWith("Graded the archive handin/hw.zip."));
        assertTrue(o.toString().contains("hint: "), "a failed gradient names its likely mistake");
    }

    @Test
    void emptySubmission_getsZeroAndSaysWhatToSubmit() throws Exception {
        JsonObject o = grade(Uploads::empty, PlatformContainer.Kind.PRIVILEGED);
        assertEquals(0, o.get("score").getAsDouble());
        assertEquals(12, maxScore(o), "every gradient still listed, so the student sees what is missing");
        String output = o.get("output").getAsString();
        assertTrue(
                output.startsWith("Nothing was graded: no .java or .class files, and no zip or jar holding any,"
                        + " were submitted; submit your src/main/java/student/*.java files"),
                output);
    }

    @Test
    void nonCompilingSubmission_getsZeroAndTheCompilersMessage() throws Exception {
        JsonObject o = grade(Uploads::notCompiling, PlatformContainer.Kind.PRIVILEGED);
        assertEquals(0, o.get("score").getAsDouble());
        String output = o.get("output").getAsString();
        assertTrue(
                output.contains("The submission does not compile:\n  MseLinearSolution.java:4: error: ';' expected"),
                output);
    }

    @Test
    void whenTheGraderItselfFails_aResultsJsonStillSaysSo_andBlamesTheAutograder() throws Exception {
        JsonObject o = grade(
                Uploads::correct,
                PlatformContainer.Kind.PRIVILEGED,
                source -> Files.writeString(source.resolve("policy.json"), "{\"seeds\": [111111, 111111]}"));
        assertEquals(0, o.get("score").getAsDouble());
        assertEquals(0, o.getAsJsonArray("tests").size());
        assertTrue(
                o.get("output")
                        .getAsString()
                        .startsWith("The autograder could not grade this submission (grader"
                                + " exit status 65): this is a fault of the autograder, not a verdict on your code."),
                o.get("output").getAsString());
    }

    @Test
    void whereTheOsSandboxCannotStart_fallsBackToNoSandbox_gradesTheSame_andSaysSo() throws Exception {
        JsonObject o = grade(Uploads::correct, PlatformContainer.Kind.UNPRIVILEGED);
        assertEquals(maxScore(o), o.get("score").getAsDouble());
        assertTrue(
                o.get("output").getAsString().contains("Note: your code ran without the grader's OS sandbox"),
                o.get("output").getAsString());
    }
}
