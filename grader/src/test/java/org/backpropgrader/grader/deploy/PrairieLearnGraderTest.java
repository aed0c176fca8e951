package org.backpropgrader.grader.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.backpropgrader.grader.policy.PolicyLoader;
import org.backpropgrader.grader.report.StrictJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grader export prairielearn}'s external grader, run as PrairieLearn's grading container runs it (no Docker
 * here: the entry point is run directly): the exported folder at {@code /grader} as the Dockerfile copies it, the
 * student's files in {@code /grade/student/}, no {@code /grade/results/} made in advance; its
 * {@code /grade/results/results.json} checked against PrairieLearn's "External Grading" page, "Grading results".
 */
class PrairieLearnGraderTest {
    private static final Set<String> TOP_LEVEL =
            Set.of("gradable", "score", "message", "output", "format_errors", "images", "tests");
    private static final Set<String> TEST =
            Set.of("name", "description", "points", "max_points", "message", "output", "images");

    @TempDir
    Path tmp;

    private JsonObject grade(GradescopeAutograderTest.Uploader submit, PlatformContainer.Kind kind) throws Exception {
        return grade(submit, kind, image -> {});
    }

    /** As above, with {@code tamper} changing the image's files first. */
    private JsonObject grade(
            GradescopeAutograderTest.Uploader submit,
            PlatformContainer.Kind kind,
            GradescopeAutograderTest.Uploader tamper)
            throws Exception {
        Path image = tmp.resolve("image");
        PlatformExport.prairieLearn(image, Uploads.POLICY, PolicyLoader.parse(Uploads.POLICY, "policy.json"));
        tamper.fill(image);
        String dockerfile = Files.readString(image.resolve("Dockerfile"));
        assertTrue(dockerfile.contains("COPY grader.jar policy.json grade.sh /grader/"), dockerfile);
        JsonObject info = StrictJson.parse("info.json", Files.readString(image.resolve("info.json")))
                .getAsJsonObject()
                .getAsJsonObject("externalGradingOptions");
        assertEquals("/grader/grade.sh", info.get("entrypoint").getAsString());
        assertTrue(info.get("enabled").getAsBoolean());
        assertTrue(info.get("timeout").getAsInt() <= 600, "PrairieLearn's maximum");

        Path grade = Files.createDirectories(tmp.resolve("grade"));
        submit.fill(Files.createDirectories(grade.resolve("student")));
        PlatformContainer.Run run = new PlatformContainer(Files.createDirectories(tmp.resolve("home")))
                .bind("/grader", image)
                .bind("/grade", grade)
                .run(kind, "/grade", "/grader/grade.sh");
        assertEquals(0, run.exitCode(), run.log());
        Path results = grade.resolve("results/results.json");
        assertTrue(Files.isRegularFile(results), "no results.json; log:\n" + run.log());
        JsonObject o = StrictJson.parse("results.json", Files.readString(results, StandardCharsets.UTF_8))
                .getAsJsonObject();
        assertTrue(TOP_LEVEL.containsAll(o.keySet()), "undocumented fields: " + o.keySet());
        assertTrue(o.get("gradable").getAsJsonPrimitive().isBoolean());
        double score = o.get("score").getAsDouble();
        assertTrue(score >= 0 && score <= 1, "score in [0, 1]: " + score);
        assertTrue(o.get("message").getAsJsonPrimitive().isString());
        for (JsonElement e : o.getAsJsonArray("tests")) {
            JsonObject t = e.getAsJsonObject();
            assertTrue(TEST.containsAll(t.keySet()), "undocumented test fields: " + t.keySet());
            assertTrue(t.get("points").getAsDouble() <= t.get("max_points").getAsDouble(), t.toString());
        }
        assertFalse(o.toString().contains("2024"), "a hidden seed shows in what students read");
        if (run.log().contains("the grader failed")) {
            return o;
        }
        assertEquals(
                kind == PlatformContainer.Kind.UNPRIVILEGED,
                run.log().contains("grading again with --sandbox none"),
                run.log());
        return o;
    }

    private static double points(JsonObject o) {
        double points = 0;
        for (JsonElement e : o.getAsJsonArray("tests")) {
            points += e.getAsJsonObject().get("points").getAsDouble();
        }
        return points;
    }

    @Test
    void correctSubmission_scoresOne() throws Exception {
        JsonObject o = grade(Uploads::correct, PlatformContainer.Kind.PRIVILEGED);
        assertTrue(o.get("gradable").getAsBoolean());
        assertEquals(1.0, o.get("score").getAsDouble());
        assertEquals(12, o.getAsJsonArray("tests").size(), "one test per gradient of the two included exercises");
        assertEquals(12, points(o));
        assertEquals(List.of(), o.getAsJsonArray("format_errors").asList());
    }

    @Test
    void wrongSubmission_scoresTheFractionOfPointsEarned() throws Exception {
        JsonObject o = grade(Uploads::wrong, PlatformContainer.Kind.PRIVILEGED);
        assertTrue(o.get("gradable").getAsBoolean());
        double score = o.get("score").getAsDouble();
        assertTrue(score > 0 && score < 1, "score " + score);
        assertEquals(points(o) / 12, score, 1e-12);
    }

    @Test
    void emptySubmission_isNotGradable_andSaysWhatToSubmit() throws Exception {
        JsonObject o = grade(Uploads::empty, PlatformContainer.Kind.PRIVILEGED);
        assertFalse(o.get("gradable").getAsBoolean(), "no attempt spent on an empty upload");
        assertEquals(0, o.get("score").getAsDouble());
        assertTrue(
                o.getAsJsonArray("format_errors")
                        .get(0)
                        .getAsString()
                        .startsWith("no .java or .class files, and no zip or jar holding any, were submitted"),
                o.toString());
    }

    @Test
    void nonCompilingSubmission_isNotGradable_withTheCompilersMessage() throws Exception {
        JsonObject o = grade(Uploads::notCompiling, PlatformContainer.Kind.PRIVILEGED);
        assertFalse(o.get("gradable").getAsBoolean(), "PrairieLearn's own example of gradable: false");
        String error = o.getAsJsonArray("format_errors").get(0).getAsString();
        assertTrue(
                error.startsWith("Your code does not compile:\nMseLinearSolution.java:4: error: ';' expected"), error);
    }

    @Test
    void whenTheGraderItselfFails_theSubmissionIsNotGradable_soNoAttemptIsSpent() throws Exception {
        JsonObject o = grade(
                Uploads::correct,
                PlatformContainer.Kind.PRIVILEGED,
                image -> Files.writeString(image.resolve("policy.json"), "{\"seeds\": [111111, 111111]}"));
        assertFalse(o.get("gradable").getAsBoolean());
        assertTrue(
                o.getAsJsonArray("format_errors")
                        .get(0)
                        .getAsString()
                        .startsWith("The autograder failed (exit" + " status 65)"),
                o.toString());
    }

    @Test
    void whereTheOsSandboxCannotStart_fallsBackToNoSandbox_andSaysSo() throws Exception {
        JsonObject o = grade(Uploads::correct, PlatformContainer.Kind.UNPRIVILEGED);
        assertEquals(1.0, o.get("score").getAsDouble());
        assertTrue(
                o.get("message").getAsString().contains("Note: your code ran without the grader's OS sandbox"),
                o.get("message").getAsString());
    }
}
