package org.backpropgrader.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NativeJsonTest {
    private static JsonObject parsed() {
        return StrictJson.parse("native JSON", NativeJson.write(Reports.report()))
                .getAsJsonObject();
    }

    @Test
    void reportSumsExerciseScoresAndRecordsTheGrader() {
        GradeReport r = Reports.report();
        assertEquals(6, r.score());
        assertEquals(15, r.maxScore());
        assertEquals("dev", r.grader().version()); // run from classes, no jar manifest
        assertEquals(Runtime.version().toString(), r.grader().java());
        assertEquals(2.6, r.executionTimeSeconds(), 1e-12);
    }

    @Test
    void gradedAtIsUtcWithMillisecondsEvenOnAWholeSecond() {
        assertEquals("2026-11-26T19:40:58.123Z", Reports.report().gradedAt());
        GradeReport whole = GradeReport.of(
                "s", null, List.of(), List.of(), java.time.Instant.parse("2026-01-02T03:04:05Z"), Duration.ZERO);
        assertEquals("2026-01-02T03:04:05.000Z", whole.gradedAt());
    }

    @Test
    void nativeJsonHasEveryTopLevelField() {
        JsonObject o = parsed();
        assertEquals(
                Set.of(
                        "submission",
                        "score",
                        "maxScore",
                        "policy",
                        "grader",
                        "warnings",
                        "exercises",
                        "gradedAt",
                        "executionTimeSeconds",
                        "studentOutput",
                        "compilerOutput"),
                o.keySet());
        assertEquals("alice", o.get("submission").getAsString());
        assertEquals(6, o.get("score").getAsDouble());
        assertEquals(15, o.get("maxScore").getAsDouble());
        assertEquals(Set.of("version", "java"), o.getAsJsonObject("grader").keySet());
        assertEquals(
                "seed 222222: loss is not finite",
                o.getAsJsonArray("warnings").get(0).getAsString());
        assertEquals(2, o.getAsJsonObject("policy").getAsJsonArray("seeds").size());
        assertEquals("2026-11-26T19:40:58.123Z", o.get("gradedAt").getAsString());
    }

    @Test
    void nativeJsonHasEveryExerciseGradientAndCheckField() {
        JsonArray exercises = parsed().getAsJsonArray("exercises");
        assertEquals(3, exercises.size());
        assertEquals("mse-linear", exercises.get(0).getAsJsonObject().get("id").getAsString(), "notebook order");
        JsonObject bce = exercises.get(1).getAsJsonObject();
        assertTrue(bce.keySet().containsAll(Set.of("id", "status", "message", "score", "maxScore", "gradients")));
        assertEquals("bce-logistic", bce.get("id").getAsString());
        assertEquals("WRONG", bce.get("status").getAsString());
        assertTrue(bce.get("message").isJsonNull());
        JsonObject z = bce.getAsJsonArray("gradients").get(0).getAsJsonObject();
        assertEquals(Set.of("name", "status", "points", "maxPoints", "hint", "hintCode", "checks"), z.keySet());
        assertEquals("z", z.get("name").getAsString());
        assertEquals(0, z.get("points").getAsDouble());
        assertEquals("sign flipped", z.get("hint").getAsString());
        assertEquals("sign", z.get("hintCode").getAsString());
        JsonObject wrong = z.getAsJsonArray("checks").get(1).getAsJsonObject();
        assertEquals(
                Set.of("seed", "mode", "status", "exact", "close", "maxdiff", "relerr", "hint", "hintCode", "message"),
                wrong.keySet());
        assertEquals("sign", wrong.get("hintCode").getAsString());
        assertEquals(Reports.SEED_B, wrong.get("seed").getAsLong());
        assertEquals("isolated", wrong.get("mode").getAsString());
        assertEquals("WRONG", wrong.get("status").getAsString());
        assertEquals(false, wrong.get("exact").getAsBoolean());
        assertEquals(0.0123, wrong.get("maxdiff").getAsDouble());
        assertEquals("Mismatched elements: 3 / 100 (3.0%)", wrong.get("message").getAsString());
        assertEquals(
                "chained",
                z.getAsJsonArray("checks").get(2).getAsJsonObject().get("mode").getAsString());
    }

    @Test
    void nullsArePresentAndUncomparedNumbersAreNull() {
        JsonArray exercises = parsed().getAsJsonArray("exercises");
        JsonObject shape = exercises
                .get(1)
                .getAsJsonObject()
                .getAsJsonArray("gradients")
                .get(1)
                .getAsJsonObject()
                .getAsJsonArray("checks")
                .get(0)
                .getAsJsonObject();
        assertTrue(shape.get("maxdiff").isJsonNull(), shape.toString());
        assertTrue(shape.get("relerr").isJsonNull(), shape.toString());
        JsonObject exact = exercises
                .get(0)
                .getAsJsonObject()
                .getAsJsonArray("gradients")
                .get(0)
                .getAsJsonObject();
        assertTrue(exact.get("hint").isJsonNull());
        assertTrue(exact.get("hintCode").isJsonNull());
        assertTrue(exact.getAsJsonArray("checks")
                .get(0)
                .getAsJsonObject()
                .get("message")
                .isJsonNull());
        JsonObject missing = exercises.get(2).getAsJsonObject();
        assertEquals("MISSING", missing.get("status").getAsString());
        assertEquals(Reports.MISSING_MESSAGE, missing.get("message").getAsString());
        assertEquals(0, missing.getAsJsonArray("gradients").size());
        assertTrue(JsonParser.parseString(
                        NativeJson.write(GradeReport.of("s", null, null, List.of(), Reports.GRADED_AT, Duration.ZERO)))
                .getAsJsonObject()
                .get("policy")
                .isJsonNull());
    }
}
