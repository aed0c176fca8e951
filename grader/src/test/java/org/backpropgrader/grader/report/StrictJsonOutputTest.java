package org.backpropgrader.grader.report;

import static org.backpropgrader.grader.model.Mode.CHAINED;
import static org.backpropgrader.grader.model.Mode.ISOLATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.truth.AnswerKey;
import org.junit.jupiter.api.Test;

/**
 * Every JSON the grader writes is strict RFC 8259: a number that was not compared is {@code null}, a non-finite
 * number a student's tensor produced is the string {@code "NaN"} / {@code "Infinity"} / {@code "-Infinity"}, and the
 * readers of the grader's own files get the values back.
 */
class StrictJsonOutputTest {
    private static final String NAN_HINT = "your gradient has 10 NaN values";

    /** A student's NaN (compared: WRONG), an infinity, a SHAPE row and a gradient never run. */
    static GradeReport nonFinite() {
        GradientResult nan = new GradientResult(
                "y",
                Status.WRONG,
                0,
                1,
                NAN_HINT,
                "non-finite",
                List.of(
                        new Check(
                                111111,
                                ISOLATED,
                                Status.WRONG,
                                false,
                                false,
                                Double.NaN,
                                Double.NaN,
                                NAN_HINT,
                                "non-finite",
                                null),
                        new Check(
                                -1,
                                ISOLATED,
                                Status.WRONG,
                                false,
                                false,
                                Double.POSITIVE_INFINITY,
                                Double.NEGATIVE_INFINITY,
                                null,
                                null,
                                null)));
        GradientResult shape = new GradientResult(
                "b",
                Status.SHAPE,
                0,
                1,
                Reports.SHAPE_HINT,
                "keepdim",
                List.of(
                        new Check(
                                111111,
                                ISOLATED,
                                Status.SHAPE,
                                false,
                                false,
                                Double.NaN,
                                Double.NaN,
                                Reports.SHAPE_HINT,
                                "keepdim",
                                "shape [1, 1] != expected [1]"),
                        Check.notCompared(111111, CHAINED, Status.NOT_RUN, "not run in chained mode")));
        ExerciseResult e = new ExerciseResult("mse-linear", "t", Status.SHAPE, null, 0, 2, List.of(nan, shape));
        return GradeReport.of(
                "nan",
                Policy.defaults().withSeeds(List.of(111111L, -1L)),
                List.of(),
                List.of(e),
                Reports.GRADED_AT,
                Duration.ofMillis(5));
    }

    private static JsonObject check(JsonObject report, int gradient, int check) {
        return report.getAsJsonArray("exercises")
                .get(0)
                .getAsJsonObject()
                .getAsJsonArray("gradients")
                .get(gradient)
                .getAsJsonObject()
                .getAsJsonArray("checks")
                .get(check)
                .getAsJsonObject();
    }

    @Test
    void nativeJson_writesAStudentsNaNAsAString_andAShapeRowsNumbersAsNull() {
        String json = NativeJson.write(nonFinite());
        JsonObject report = StrictJson.parse("native JSON", json).getAsJsonObject();

        assertEquals("NaN", check(report, 0, 0).get("maxdiff").getAsString());
        assertEquals("NaN", check(report, 0, 0).get("relerr").getAsString());
        assertEquals("Infinity", check(report, 0, 1).get("maxdiff").getAsString());
        assertEquals("-Infinity", check(report, 0, 1).get("relerr").getAsString());
        for (int c = 0; c < 2; c++) {
            assertTrue(check(report, 1, c).get("maxdiff").isJsonNull(), "not compared: " + check(report, 1, c));
            assertTrue(check(report, 1, c).get("relerr").isJsonNull(), "not compared: " + check(report, 1, c));
        }
    }

    @Test
    void nativeJson_writesSeedsUnsigned_asTorchsInitialSeed() {
        JsonObject report =
                StrictJson.parse("native JSON", NativeJson.write(nonFinite())).getAsJsonObject();

        assertEquals(
                "18446744073709551615",
                check(report, 0, 1).get("seed").getAsBigInteger().toString());
        JsonArray seeds = report.getAsJsonObject("policy").getAsJsonArray("seeds");
        assertEquals("[111111,18446744073709551615]", seeds.toString());
    }

    @Test
    void nativeJson_readsBackTheSameValues() {
        GradeReport written = nonFinite();
        GradeReport read = Json.COMPACT.fromJson(NativeJson.write(written), GradeReport.class);

        List<Check> nan = read.exercises().get(0).gradients().get(0).checks();
        assertTrue(Double.isNaN(nan.get(0).maxdiff()));
        assertEquals(Double.POSITIVE_INFINITY, nan.get(1).maxdiff());
        assertEquals(Double.NEGATIVE_INFINITY, nan.get(1).relerr());
        assertEquals(-1L, nan.get(1).seed(), "2^64-1 reads back as the same 64 bits");
        assertTrue(
                Double.isNaN(read.exercises()
                        .get(0)
                        .gradients()
                        .get(1)
                        .checks()
                        .get(0)
                        .maxdiff()),
                "null is NaN");
        assertEquals(written.exercises(), read.exercises());
    }

    @Test
    void gradescopeAndLti_areStrict_forNonFiniteAndUncomparedRows() {
        GradeReport r = nonFinite();
        JsonObject gradescope =
                StrictJson.parse("Gradescope", GradescopeResults.of(r).toJson()).getAsJsonObject();
        JsonObject lti = StrictJson.parse("LTI", LtiScore.of(r, "u1").toJson()).getAsJsonObject();

        assertEquals(2, gradescope.getAsJsonArray("tests").size());
        assertEquals(0, lti.get("scoreGiven").getAsDouble());
    }

    @Test
    void truthDocument_writesANonFiniteLossAsAString() {
        AnswerKey key = new AnswerKey(
                "bce-logistic",
                -2,
                Float.POSITIVE_INFINITY,
                Map.of("loss", new AnswerKey.Values(new int[0], "float32", new float[] {Float.POSITIVE_INFINITY})),
                Map.of("probs", new AnswerKey.Values(new int[] {2}, "float32", new float[] {Float.NaN, 1.5e-7f})));
        JsonObject json = StrictJson.parse("truth", Json.COMPACT.toJson(key)).getAsJsonObject();

        assertEquals("Infinity", json.get("loss").getAsString());
        assertEquals("18446744073709551614", json.get("seed").getAsString());
        JsonArray values =
                json.getAsJsonObject("gradients").getAsJsonObject("probs").getAsJsonArray("values");
        assertEquals("NaN", values.get(0).getAsString());
        assertEquals(
                Float.floatToIntBits(1.5e-7f),
                Float.floatToIntBits(values.get(1).getAsFloat()),
                "finite floats keep their shortest text");
    }

    @Test
    void anyNonFiniteDoubleOrFloat_isNeverABareToken() {
        for (Object value : List.of(
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY,
                new double[] {Double.NaN},
                new float[] {Float.NaN},
                Map.of("x", Double.NaN))) {
            String json = Json.PRETTY.toJson(value);
            JsonElement parsed = StrictJson.parse(value.toString(), json);
            assertFalse(parsed.toString().matches(".*[^\"](NaN|Infinity)[^\"].*"), json);
        }
    }
}
