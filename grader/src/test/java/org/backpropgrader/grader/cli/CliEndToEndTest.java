package org.backpropgrader.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.mselinear.MseLinearForward;
import org.backpropgrader.grader.Catalog;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Tensor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end, in this JVM through {@link Main#run}: every case asserts the exit code (sysexits:
 * 0 done, 64 usage, 65 unusable input) and, where there is one, the JSON. The shaded jar has its own tests,
 * {@link ShadedJarIT}, which run after packaging.
 */
class CliEndToEndTest {
    private static final String MODEL = "../examples/correct";
    private static final String TEMPLATE = "../student-template/src/main/java";

    @TempDir
    Path tmp;

    /** What one run of the command line did. */
    record Run(int exit, String out, String err) {
        JsonElement json() {
            return JsonParser.parseString(out);
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            ExitCode code = Main.standard().run(args, o, e);
            return new Run(code.code(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    private static JsonObject readJson(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                .getAsJsonObject();
    }

    private static void assertHasKeys(JsonObject o, String... keys) {
        for (String k : keys) {
            assertTrue(o.has(k), "no '" + k + "' in " + o.keySet());
        }
    }

    @Nested
    class Usage {
        @Test
        void help_printsTheCommandsToStandardOutput_exit0() {
            Run r = run("--help");

            assertEquals(0, r.exit());
            for (String command : List.of("check", "grade", "exercises", "truth")) {
                assertTrue(r.out().contains("  " + command + " "), r.out());
            }
            assertEquals("", r.err());
        }

        @Test
        void noArguments_printsTheOverviewToStandardError_exit64() {
            Run r = run();

            assertEquals(64, r.exit());
            assertTrue(r.err().startsWith("usage: grader COMMAND"), r.err());
            assertEquals("", r.out());
        }

        @Test
        void unknownCommand_exit64_namingTheKnownOnes() {
            Run r = run("frobnicate");

            assertEquals(64, r.exit());
            assertEquals(
                    List.of("grader: unknown command 'frobnicate'; expected one of check, grade, batch, report,"
                            + " exercises, truth, handout, export, autograde (grader --help)"),
                    r.errLines());
        }

        @Test
        void commandHelp_exit0_evenWithoutTheRequiredOptions() {
            Run grade = run("grade", "--help");
            Run truth = run("truth", "-h");

            assertEquals(0, grade.exit(), grade.err());
            assertTrue(grade.out().startsWith("usage: grader grade --submission PATH"), grade.out());
            assertEquals(0, truth.exit(), truth.err());
            assertTrue(truth.out().contains("--seed <S>"), truth.out());
        }
    }

    @Nested
    class TruthVerb {
        @Test
        void oneExercise_isItsAnswerKey_bitIdenticalToTruthCompute() {
            Run r = run("truth", "--exercise", "mse-linear", "--seed", "7");

            assertEquals(0, r.exit(), r.err());
            JsonObject key = r.json().getAsJsonObject();
            assertHasKeys(key, "exercise", "seed", "loss", "tensors", "gradients");
            assertEquals("mse-linear", key.get("exercise").getAsString());
            assertEquals(7, key.get("seed").getAsLong());

            Exercise<?, ?> mse = Exercises.byId("mse-linear").orElseThrow();
            Truth truth = Truth.compute(mse, 7);
            assertEquals(
                    Float.floatToIntBits(truth.output().toFloatArray()[0]),
                    Float.floatToIntBits(Float.parseFloat(key.get("loss").getAsString())));

            List<String> components = Arrays.stream(MseLinearForward.class.getRecordComponents())
                    .map(c -> c.getName())
                    .toList();
            assertEquals(List.of("X", "y", "W", "b", "matmul", "pred", "diff", "diff2", "loss"), components);
            JsonObject tensors = key.getAsJsonObject("tensors");
            assertEquals(components, new ArrayList<>(tensors.keySet()));
            truth.tensors().forEach((name, t) -> assertBitIdentical(name, t, tensors.getAsJsonObject(name)));

            JsonObject gradients = key.getAsJsonObject("gradients");
            assertEquals(
                    List.of("diff2", "diff", "y", "pred", "matmul", "b", "X", "W"),
                    new ArrayList<>(gradients.keySet()));
            truth.gradients().forEach((name, t) -> assertBitIdentical("d" + name, t, gradients.getAsJsonObject(name)));
        }

        @Test
        void int64IndexTensors_areJsonIntegers() {
            Run r = run("truth", "--exercise", "makemore-manual", "--seed", "111111");

            assertEquals(0, r.exit(), r.err());
            JsonObject tensors = r.json().getAsJsonObject().getAsJsonObject("tensors");
            Exercise<?, ?> manual = Exercises.byId("makemore-manual").orElseThrow();
            Map<String, Tensor> truth = Truth.compute(manual, 111111).tensors();
            for (String name : List.of("Xb", "Yb")) {
                JsonObject t = tensors.getAsJsonObject(name);
                assertEquals("int64", t.get("dtype").getAsString(), name);
                long[] want = truth.get(name).toLongArray();
                JsonArray got = t.getAsJsonArray("values");
                assertEquals(want.length, got.size(), name);
                for (int i = 0; i < want.length; i++) {
                    assertTrue(
                            got.get(i).getAsJsonPrimitive().getAsString().matches("-?[0-9]+"), name + " " + got.get(i));
                    assertEquals(want[i], got.get(i).getAsLong(), name + "[" + i + "]");
                }
            }
            assertEquals("float32", tensors.getAsJsonObject("C").get("dtype").getAsString());
        }

        private static void assertBitIdentical(String name, Tensor expected, JsonObject values) {
            JsonArray shape = values.getAsJsonArray("shape");
            int[] actualShape = new int[shape.size()];
            for (int i = 0; i < actualShape.length; i++) {
                actualShape[i] = shape.get(i).getAsInt();
            }
            assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actualShape), name);
            float[] want = expected.toFloatArray();
            JsonArray got = values.getAsJsonArray("values");
            assertEquals(want.length, got.size(), name);
            for (int i = 0; i < want.length; i++) {
                float read = Float.parseFloat(got.get(i).getAsString());
                assertEquals(
                        Float.floatToIntBits(want[i]),
                        Float.floatToIntBits(read),
                        name + "[" + i + "]: " + got.get(i) + " read back as " + read + ", expected " + want[i]);
            }
        }

        @Test
        void all_isAnArrayOfEveryExercise_inCatalogOrder() {
            Run r = run("truth", "--exercise", "all", "--seed", "111111");

            assertEquals(0, r.exit(), r.err());
            JsonArray keys = r.json().getAsJsonArray();
            assertEquals(Catalog.exercises(), keys.size());
            List<String> ids = new ArrayList<>();
            keys.forEach(k -> ids.add(k.getAsJsonObject().get("exercise").getAsString()));
            assertEquals(Exercises.ids(), ids);
            keys.forEach(
                    k -> assertEquals(111111, k.getAsJsonObject().get("seed").getAsLong()));
            assertEquals(6.0274534f, keys.get(0).getAsJsonObject().get("loss").getAsFloat(), "the notebook's 6.0275");
        }

        @Test
        void toAFile_writesTheSameDocument() throws IOException {
            Path file = tmp.resolve("truth.json");
            Run r = run("truth", "--exercise", "relu-neuron", "--seed", "1", "--out", file.toString());

            assertEquals(0, r.exit(), r.err());
            assertEquals("", r.out());
            assertEquals(
                    run("truth", "--exercise", "relu-neuron", "--seed", "1").json(), readJson(file));
        }

        @Test
        void unknownExercise_exit64_withOneLineNamingTheKnownIds() {
            Run r = run("truth", "--exercise", "nope", "--seed", "1");

            assertEquals(64, r.exit());
            assertEquals(
                    List.of("grader truth: unknown exercise 'nope'; known: " + String.join(", ", Exercises.ids())),
                    r.errLines());
            assertEquals("", r.out());
        }

        @Test
        void seedThatIsNotANumber_exit64() {
            Run r = run("truth", "--exercise", "mse-linear", "--seed", "abc");

            assertEquals(64, r.exit());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().contains("bad --seed 'abc'"), r.err());
        }

        @Test
        void missingOptions_exit64_withTheUsage() {
            Run r = run("truth");

            assertEquals(64, r.exit());
            assertTrue(r.err().contains("usage: grader truth --exercise ID|all --seed S"), r.err());
        }
    }

    @Test
    void exercises_listsTheFiveIdsAndFiftyGradients() {
        Run r = run("exercises");

        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        List<String> ids = lines.stream()
                .filter(l -> !l.startsWith(" "))
                .map(l -> l.split(" ")[0])
                .toList();
        assertEquals(Exercises.ids(), ids);
        List<String> gradients =
                lines.stream().filter(l -> l.startsWith("    ")).toList();
        assertEquals(Catalog.gradients(), gradients.size());
        assertTrue(
                gradients.stream().anyMatch(l -> l.matches(" +probs +\\(dpositive_probs, dnegative_probs\\) +1 pt")),
                r.out());
    }

    @Nested
    class GradeVerb {
        @Test
        void nativeFormat_exit0_withEveryField() throws IOException {
            Path file = tmp.resolve("correct.json");
            Run r = run("grade", "--submission", MODEL, "--format", "native", "--out", file.toString());

            assertEquals(0, r.exit(), r.err());
            assertTrue(
                    r.out().contains("total " + Catalog.gradients() + "/" + Catalog.gradients()),
                    "the table goes to standard output: " + r.out());
            JsonObject report = readJson(file);
            assertHasKeys(
                    report,
                    "submission",
                    "score",
                    "maxScore",
                    "policy",
                    "grader",
                    "warnings",
                    "exercises",
                    "gradedAt",
                    "executionTimeSeconds");
            assertEquals("correct", report.get("submission").getAsString());
            assertEquals(Catalog.maxScore(), report.get("score").getAsDouble());
            assertEquals(Catalog.maxScore(), report.get("maxScore").getAsDouble());
            assertEquals(
                    111111,
                    report.getAsJsonObject("policy")
                            .getAsJsonArray("seeds")
                            .get(0)
                            .getAsLong());
            assertHasKeys(report.getAsJsonObject("grader"), "version", "java");
            assertEquals(
                    Runtime.version().toString(),
                    report.getAsJsonObject("grader").get("java").getAsString());
            // The default policy's only warnings name the gradients that are zero in exact arithmetic.
            report.getAsJsonArray("warnings")
                    .forEach(w -> assertTrue(w.getAsString().contains("is zero in exact arithmetic"), w.getAsString()));

            JsonArray exercises = report.getAsJsonArray("exercises");
            assertEquals(Catalog.exercises(), exercises.size());
            int gradients = 0;
            for (JsonElement e : exercises) {
                JsonObject exercise = e.getAsJsonObject();
                assertHasKeys(exercise, "id", "title", "status", "message", "score", "maxScore", "gradients");
                // A one-line fused formula (makemore-batchnorm) rounds in another order than autograd: CLOSE.
                String fused = exercise.get("id").getAsString().equals("makemore-batchnorm") ? "CLOSE" : "EXACT";
                assertEquals(fused, exercise.get("status").getAsString());
                for (JsonElement g : exercise.getAsJsonArray("gradients")) {
                    gradients++;
                    JsonObject gradient = g.getAsJsonObject();
                    assertHasKeys(gradient, "name", "status", "points", "maxPoints", "hint", "hintCode", "checks");
                    JsonArray checks = gradient.getAsJsonArray("checks");
                    assertEquals(2, checks.size(), "one seed, two modes");
                    assertEquals(
                            "isolated",
                            checks.get(0).getAsJsonObject().get("mode").getAsString());
                    assertEquals(
                            "chained",
                            checks.get(1).getAsJsonObject().get("mode").getAsString());
                    for (JsonElement c : checks) {
                        JsonObject check = c.getAsJsonObject();
                        assertHasKeys(
                                check,
                                "seed",
                                "mode",
                                "status",
                                "exact",
                                "close",
                                "maxdiff",
                                "relerr",
                                "hint",
                                "hintCode",
                                "message");
                        assertEquals(111111, check.get("seed").getAsLong());
                        assertEquals(fused, check.get("status").getAsString());
                        assertEquals(fused.equals("EXACT"), check.get("exact").getAsBoolean());
                        assertTrue(check.get("close").getAsBoolean());
                        assertEquals(fused.equals("EXACT"), check.get("maxdiff").getAsDouble() == 0);
                        assertTrue(check.get("hint").isJsonNull());
                        assertTrue(check.get("hintCode").isJsonNull());
                    }
                }
            }
            assertEquals(Catalog.gradients(), gradients);
        }

        @Test
        void withoutOut_theJsonGoesToStandardOutput_andTheTableToStandardError() {
            Run r = run("grade", "--submission", MODEL, "--exercise", "relu-neuron");

            assertEquals(0, r.exit(), r.err());
            JsonObject report = r.json().getAsJsonObject();
            assertEquals(4, report.get("score").getAsDouble());
            assertTrue(r.err().contains("relu-neuron"), r.err());
        }

        @Test
        void gradescopeFormat_exit0_withATestPerGradient() throws IOException {
            Path file = tmp.resolve("results.json");
            Run r = run("grade", "--submission", MODEL, "--format", "gradescope", "--out", file.toString());

            assertEquals(0, r.exit(), r.err());
            JsonObject results = readJson(file);
            assertHasKeys(results, "score", "execution_time", "output", "visibility", "stdout_visibility", "tests");
            assertEquals(Catalog.maxScore(), results.get("score").getAsDouble());
            assertTrue(results.get("execution_time").getAsJsonPrimitive().isNumber());
            JsonArray tests = results.getAsJsonArray("tests");
            assertEquals(Catalog.gradients(), tests.size());
            double sum = 0;
            for (JsonElement t : tests) {
                JsonObject test = t.getAsJsonObject();
                assertHasKeys(test, "name", "score", "max_score", "status", "output", "visibility");
                assertEquals("passed", test.get("status").getAsString());
                assertEquals(1, test.get("max_score").getAsDouble());
                sum += test.get("score").getAsDouble();
            }
            assertEquals(Catalog.maxScore(), sum, "the tests add up to the score");
            assertEquals(
                    "mse-linear: diff2",
                    tests.get(0).getAsJsonObject().get("name").getAsString());
        }

        @Test
        void ltiFormat_exit0_completedAndFullyGraded() throws IOException {
            Path file = tmp.resolve("score.json");
            Run r = run(
                    "grade", "--submission", MODEL, "--format", "lti", "--user-id", "lti-42", "--out", file.toString());

            assertEquals(0, r.exit(), r.err());
            JsonObject score = readJson(file);
            assertEquals("lti-42", score.get("userId").getAsString());
            assertEquals(Catalog.maxScore(), score.get("scoreGiven").getAsDouble());
            assertEquals(Catalog.maxScore(), score.get("scoreMaximum").getAsDouble());
            String timestamp = score.get("timestamp").getAsString();
            assertTrue(
                    timestamp.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)"),
                    timestamp);
            assertEquals("Completed", score.get("activityProgress").getAsString());
            assertEquals("FullyGraded", score.get("gradingProgress").getAsString());
        }

        @Test
        void ltiFormat_takesTheUserId() {
            Run r = run(
                    "grade",
                    "--submission",
                    MODEL,
                    "--exercise",
                    "relu-neuron",
                    "--format",
                    "lti",
                    "--user-id",
                    "a1b2");

            assertEquals(0, r.exit(), r.err());
            assertEquals("a1b2", r.json().getAsJsonObject().get("userId").getAsString());
        }

        @Test
        void submissionThatDoesNotExist_exit65() {
            Run r = run("grade", "--submission", "does/not/exist");

            assertEquals(65, r.exit());
            // The policy check runs first; its lines (the default policy names its zero-in-exact-arithmetic
            // gradients) are warnings, not the error.
            assertEquals(
                    List.of("grader grade: submission does/not/exist does not exist"),
                    r.errLines().stream()
                            .filter(l -> !l.startsWith("warning: "))
                            .toList());
        }

        @Test
        void badPolicyFile_exit65_namingTheFileAndTheJsonPath() throws IOException {
            Path policy = tmp.resolve("policy.json");
            Files.writeString(policy, "{\"seeds\": [111111, \"seven\"]}", StandardCharsets.UTF_8);

            Run r = run("grade", "--submission", MODEL, "--policy", policy.toString());

            assertEquals(65, r.exit());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().contains(policy.toString()), r.err());
            assertTrue(r.err().contains("$.seeds[1]"), r.err());
            assertEquals("", r.out());
        }

        @Test
        void rtolThatIsNotANumber_exit64() {
            Run r = run("grade", "--submission", MODEL, "--rtol", "abc");

            assertEquals(64, r.exit());
            assertEquals(List.of("grader grade: bad --rtol 'abc': expected a finite number >= 0"), r.errLines());
        }

        @Test
        void unknownFormat_exit64() {
            Run r = run("grade", "--submission", MODEL, "--format", "xml");

            assertEquals(64, r.exit());
            assertEquals(List.of("grader grade: bad --format 'xml': expected native, gradescope or lti"), r.errLines());
        }

        @Test
        void unknownMode_exit64_listingTheModes() {
            Run r = run("grade", "--submission", MODEL, "--mode", "sideways");

            assertEquals(64, r.exit());
            assertTrue(r.err().contains("expected one of chained, isolated"), r.err());
        }

        @Test
        void zipWithAZipSlipEntry_exit65() throws IOException {
            Path zip = tmp.resolve("slip.zip");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                out.putNextEntry(new ZipEntry("../evil.java"));
                out.write("class Evil {}".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }

            Run r = run("grade", "--submission", zip.toString());

            assertEquals(65, r.exit());
            assertTrue(r.err().contains("entry '../evil.java' points outside"), r.err());
            assertTrue(Files.notExists(tmp.resolve("evil.java")));
        }

        @Test
        void policyIncludingTheMakemoreExercisesAlone_gradesThemAndTotalsTheirPoints() throws IOException {
            Path policy = tmp.resolve("makemore.json");
            Files.writeString(
                    policy,
                    "{\"include\": [\"makemore-manual\", \"makemore-cross-entropy\"," + " \"makemore-batchnorm\"]}");
            Run r = run("grade", "--submission", MODEL, "--policy", policy.toString());

            assertEquals(0, r.exit(), r.err());
            JsonObject report = r.json().getAsJsonObject();
            List<String> ids = new ArrayList<>();
            report.getAsJsonArray("exercises")
                    .forEach(e -> ids.add(e.getAsJsonObject().get("id").getAsString()));
            assertEquals(List.of("makemore-manual", "makemore-cross-entropy", "makemore-batchnorm"), ids);
            assertEquals(28, report.get("maxScore").getAsDouble(), "26 + 1 + 1 gradients");
            assertEquals(28, report.get("score").getAsDouble());
            Run other = run("grade", "--submission", MODEL, "--policy", policy.toString(), "--exercise", "mse-linear");
            assertEquals(64, other.exit());
            assertTrue(other.err().contains("exercise 'mse-linear' is not graded by this policy"), other.err());
        }

        @Test
        void chainedMode_ofTheModel_isStillFullMarks() {
            Run r = run("grade", "--submission", MODEL, "--mode", "chained", "--seed", "111111,7");

            assertEquals(0, r.exit(), r.err());
            JsonObject report = r.json().getAsJsonObject();
            assertEquals(Catalog.maxScore(), report.get("score").getAsDouble());
            assertEquals(
                    "CHAINED",
                    report.getAsJsonObject("policy")
                            .get("scoringMode")
                            .getAsString()
                            .toUpperCase());
        }
    }

    @Nested
    class CheckVerb {
        @Test
        void template_exit1_withATableOfNotImplemented() {
            Run r = run("check", "--submission", TEMPLATE);

            assertEquals(1, r.exit(), "short of full points, like a failing test run: " + r.err());
            List<String> rows = r.out()
                    .lines()
                    .filter(l -> l.matches("  \\S+ +[A-Z_]+ +(True|False) .*"))
                    .toList();
            assertEquals(Catalog.gradients(), rows.size(), r.out());
            rows.forEach(row -> assertTrue(row.matches("  (\\S+) +NOT_IMPLEMENTED .* 0/1 +TODO \\1"), row));
            assertTrue(r.out().contains("total 0/" + Catalog.gradients()), r.out());
            assertTrue(r.out().chars().noneMatch(c -> c == 0x1b), "no colour when not on a terminal");
        }

        @Test
        void model_oneExercise_exit0() {
            Run r = run("check", "--submission", MODEL, "--exercise", "l2-linear");

            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("total 7/7"), r.out());
        }

        @Test
        void exerciseTakesACommaSeparatedList() {
            Run r = run("check", "--submission", MODEL, "--exercise", "relu-neuron,l2-linear");

            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("total 11/11"), r.out());
            assertFalse(r.out().contains("mse-linear"), r.out());
        }

        @Test
        void gradientChecksThatOneGradientAlone() {
            Run r = run(
                    "check", "--submission", "../examples/mistakes", "--exercise", "mse-linear", "--gradient", "diff2");

            List<String> rows = r.out()
                    .lines()
                    .filter(l -> l.matches("  \\S+ +[A-Z_]+ +(True|False) .*"))
                    .toList();
            assertEquals(1, rows.size(), r.out());
            assertTrue(rows.get(0).startsWith("  diff2 "), r.out());
            assertTrue(r.out().contains("total 0/1") || r.out().contains("total 1/1"), r.out());
        }

        @Test
        void gradientInSeveralExercisesWithoutExercise_isAUsageErrorNamingThem() {
            Run r = run("check", "--submission", MODEL, "--gradient", "b");

            assertEquals(64, r.exit());
            assertTrue(
                    r.err()
                            .contains("gradient 'b' is in mse-linear, bce-logistic, l2-linear: say which with"
                                    + " --exercise"),
                    r.err());
            assertEquals(
                    64,
                    run("check", "--submission", MODEL, "--gradient", "nope").exit());
        }

        @Test
        void showPrintsTheWrongTensorNextToTheExpectedOne_withMismatchesMarked() throws IOException {
            Path dir = Files.createDirectories(tmp.resolve("one/notebook"));
            Files.copy(Path.of(MODEL, "notebook", "ReluNeuronNotebook.java"), dir.resolve("ReluNeuronNotebook.java"));
            Path file = dir.resolve("ReluNeuronNotebook.java");
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String wrong = text.replace("return f.x().T().matmul(dpre);", "return Tensor.zerosLike(f.w()).add(0.5);");
            assertNotEquals(text, wrong, "the model's w line changed");
            Files.writeString(file, wrong, StandardCharsets.UTF_8);

            Run r = run("check", "--submission", tmp.resolve("one").toString(), "--exercise", "relu-neuron", "--show");

            assertEquals(1, r.exit(), r.out() + r.err());
            String out = r.out();
            assertTrue(out.contains("\nrelu-neuron/w: WRONG (seed 111111, isolated)\nyours"), out);
            assertTrue(
                    out.lines()
                            .anyMatch(l ->
                                    l.startsWith("tensor([") && l.contains("* 0.5000") && l.contains("   tensor([")),
                    out);
            assertTrue(out.contains("Mismatched elements: "), out);
            assertTrue(out.contains("Greatest absolute difference: "), out);
            assertFalse(out.contains("relu-neuron/pre:"), "only WRONG and SHAPE gradients are shown: " + out);
        }

        @Test
        void nullPointerExceptionNamesTheStudentsVariable_sourcesAreCompiledWithDebugInfo() throws IOException {
            Path dir = Files.createDirectories(tmp.resolve("npe/notebook"));
            Path file = dir.resolve("ReluNeuronNotebook.java");
            Files.copy(Path.of(MODEL, "notebook", "ReluNeuronNotebook.java"), file);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String broken = text.replace(
                    "return f.x().T().matmul(dpre);", "Tensor xT = null;\n        return xT.matmul(dpre);");
            assertNotEquals(text, broken, "the model's w line changed");
            Files.writeString(file, broken, StandardCharsets.UTF_8);

            Run r = run("check", "--submission", tmp.resolve("npe").toString(), "--exercise", "relu-neuron");

            assertEquals(1, r.exit(), r.err());
            assertTrue(r.out().contains("because \"xT\" is null"), r.out());
        }

        @Test
        void compileErrorPrintsTheDiagnosticsOnce_andNoGradientRows() throws IOException {
            Path dir = Files.createDirectories(tmp.resolve("broken/student"));
            Files.writeString(
                    dir.resolve("MseLinearSolution.java"),
                    "package student;\npublic class MseLinearSolution"
                            + " implements org.backpropgrader.exercises.mselinear.MseLinearBackward { int x = ; }\n");

            Run r = run("check", "--submission", tmp.resolve("broken").toString());

            assertEquals(1, r.exit(), r.err());
            assertEquals(1, r.out().split("int x = ; }", -1).length - 1, "the full diagnostics once: " + r.out());
            assertTrue(
                    r.out().startsWith("the submission does not compile\n    student/MseLinearSolution.java:2:"),
                    r.out());
            assertEquals(
                    0,
                    r.out()
                            .lines()
                            .filter(l -> l.matches("  \\S+ +(ERROR|MISSING) +.*"))
                            .count(),
                    r.out());
        }

        @Test
        void tableStaysAlignedWhateverTheTitlesLength() {
            Run r = run("check", "--submission", MODEL);

            List<Integer> ends = r.out()
                    .lines()
                    .filter(l -> l.matches("[a-z0-9-]+: .* \\d+/\\d+"))
                    .map(String::length)
                    .distinct()
                    .toList();
            assertEquals(1, ends.size(), "every exercise header ends in the same column:\n" + r.out());
        }
    }
}
