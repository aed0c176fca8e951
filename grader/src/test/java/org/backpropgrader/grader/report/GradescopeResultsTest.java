package org.backpropgrader.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Against Gradescope's "Autograder Specifications" (results.json), field by field. */
class GradescopeResultsTest {
    private static final Set<String> VISIBILITIES = Set.of("hidden", "after_due_date", "after_published", "visible");
    private static final Set<String> STATUSES = Set.of("passed", "failed");

    private static JsonObject parsed() {
        String json = GradescopeResults.of(Reports.unordered()).toJson();
        assertTrue(!json.contains("NaN") && !json.contains("Infinity"), "strict JSON: " + json);
        return JsonParser.parseString(json).getAsJsonObject();
    }

    private static boolean isNumber(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
    }

    private static boolean isString(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    @Test
    void gradescopeJsonMatchesSpecFieldByField() {
        JsonObject o = parsed();
        assertEquals(
                Set.of(
                        "score",
                        "execution_time",
                        "output",
                        "output_format",
                        "visibility",
                        "stdout_visibility",
                        "tests"),
                o.keySet());
        assertTrue(isNumber(o.get("score")));
        assertEquals(6, o.get("score").getAsDouble());
        JsonPrimitive time = o.getAsJsonPrimitive("execution_time");
        assertTrue(time.isNumber());
        assertEquals(3, time.getAsLong()); // 2.6 s, whole seconds
        assertEquals(time.getAsDouble(), Math.rint(time.getAsDouble()));
        assertTrue(isString(o.get("output")));
        assertTrue(VISIBILITIES.contains(o.get("visibility").getAsString()));
        assertTrue(VISIBILITIES.contains(o.get("stdout_visibility").getAsString()));
        assertEquals("hidden", o.get("stdout_visibility").getAsString());

        JsonArray tests = o.getAsJsonArray("tests");
        assertEquals(3 + 2 + 1, tests.size());
        Pattern number = Pattern.compile("\\d+(\\.\\d+)?");
        double sum = 0;
        double max = 0;
        for (JsonElement t : tests) {
            JsonObject test = t.getAsJsonObject();
            assertEquals(
                    Set.of("name", "number", "score", "max_score", "status", "output", "visibility"), test.keySet());
            assertTrue(isString(test.get("name")));
            assertTrue(isString(test.get("number"))
                    && number.matcher(test.get("number").getAsString()).matches());
            assertTrue(isNumber(test.get("score")) && isNumber(test.get("max_score")));
            assertTrue(test.get("score").getAsDouble() <= test.get("max_score").getAsDouble());
            assertTrue(STATUSES.contains(test.get("status").getAsString()));
            assertTrue(isString(test.get("output")));
            assertEquals("visible", test.get("visibility").getAsString());
            sum += test.get("score").getAsDouble();
            max += test.get("max_score").getAsDouble();
        }
        assertEquals(o.get("score").getAsDouble(), sum, 1e-9);
        assertEquals(15, max, 1e-9);
    }

    @Test
    void testsAreNamedAndNumberedByExerciseAndGradientInNotebookOrder() {
        List<String> names = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (JsonElement t : parsed().getAsJsonArray("tests")) {
            names.add(t.getAsJsonObject().get("name").getAsString());
            numbers.add(t.getAsJsonObject().get("number").getAsString());
        }
        assertEquals(
                List.of(
                        "mse-linear: diff2",
                        "mse-linear: b",
                        "bce-logistic: z",
                        "bce-logistic: b",
                        "bce-logistic: w",
                        "l2-linear"),
                names);
        assertEquals(List.of("1.1", "1.2", "2.1", "2.2", "2.3", "3"), numbers);
    }

    @Test
    void gradientPointsAreScaledByTheirExerciseWeight() {
        List<GradescopeResults.Test> tests =
                GradescopeResults.of(Reports.unordered()).tests();
        assertEquals(2, tests.get(0).score()); // mse-linear: 4 points over 2 gradient points
        assertEquals(2, tests.get(0).maxScore());
        assertEquals("passed", tests.get(0).status());
        assertEquals(0, tests.get(2).score()); // bce-logistic: 6 over 3
        assertEquals(2, tests.get(2).maxScore());
        assertEquals("failed", tests.get(2).status());
        assertEquals(2, tests.get(4).score());
        assertEquals("passed", tests.get(4).status());
    }

    @Test
    void missingExerciseIsOneFailedTestWithItsReason() {
        GradescopeResults.Test missing =
                GradescopeResults.of(Reports.unordered()).tests().get(5);
        assertEquals(0, missing.score());
        assertEquals(5, missing.maxScore());
        assertEquals("failed", missing.status());
        assertTrue(missing.output().contains("MISSING"));
        assertTrue(missing.output().contains("no class implements L2LinearBackward"));
    }

    @Test
    void testOutputShowsStatusHintAndEverySeedAndMode() {
        String out = GradescopeResults.of(Reports.unordered()).tests().get(2).output();
        assertTrue(out.startsWith("status: WRONG\nhint: sign flipped\n"), out);
        assertTrue(out.contains("seed 111111 (isolated): CLOSE"), out);
        assertTrue(
                out.contains("hidden seed #1 (isolated): WRONG  exact False  close False  maxdiff 0.0123  relerr 2"),
                out);
        assertTrue(out.contains("Mismatched elements: 3 / 100 (3.0%)"), out);
        assertTrue(out.contains("seed 111111 (chained): WRONG"), out);
        String shape = GradescopeResults.of(Reports.unordered()).tests().get(3).output();
        assertTrue(shape.contains("maxdiff -  relerr -"), shape);
    }

    @Test
    void studentsSeeOnlyThePublicSeedNamed() {
        GradescopeResults results = GradescopeResults.of(Reports.unordered());
        for (GradescopeResults.Test t : results.tests()) {
            assertFalse(t.output().contains("222222"), t.output());
        }
        assertFalse(results.toJson().contains("222222"));
    }

    @Test
    void topLevelOutputSummarisesTheScore() {
        String out = GradescopeResults.of(Reports.unordered()).output();
        assertTrue(out.startsWith("Score 6/15\nmse-linear: 4/4"), out);
        assertTrue(out.contains("l2-linear: 0/5  MISSING\n  no class implements"), out);
    }

    @Test
    void compilerMessagesAppearOnceInTheTopLevelOutput() {
        String diagnostics = "student/MseLinearSolution.java:2: error: illegal start of expression";
        GradescopeResults r = GradescopeResults.of(Reports.unordered().withCompilerOutput(diagnostics));

        assertTrue(
                r.output().startsWith("Score 6/15\nThe submission does not compile:\n  " + diagnostics + "\n"),
                r.output());
        assertTrue(r.tests().stream().noneMatch(t -> t.output().contains(diagnostics)), "once, not per test");
    }

    @Test
    void weightGuardsAnExerciseWithoutPoints() {
        var e = new org.backpropgrader.grader.model.ExerciseResult(
                "x",
                "t",
                org.backpropgrader.grader.model.Status.NOT_RUN,
                null,
                0,
                3,
                List.of(new org.backpropgrader.grader.model.GradientResult(
                        "g", org.backpropgrader.grader.model.Status.NOT_RUN, 0, 0, null, null, List.of())));
        assertEquals(0, GradescopeResults.weight(e));
    }
}
