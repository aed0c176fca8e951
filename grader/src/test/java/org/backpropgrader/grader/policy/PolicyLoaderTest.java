package org.backpropgrader.grader.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.grader.compare.ShapeRule;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.policy.Policy.ExerciseRule;
import org.backpropgrader.grader.policy.Policy.GradientRule;
import org.backpropgrader.grader.policy.Policy.Limits;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyLoaderTest {
    /** The example of the format's documentation, with double quotes for readability in Java. */
    static final String EXAMPLE = """
            {"seeds": [111111, 7], "scoringMode": "isolated", "shapes": "strict",
             "tolerance": {"rtol": 1e-5, "atolScale": 1e-5},
             "exercises": {"mse-linear": {"weight": 2, "tolerance": {"rtol": 1e-4, "atol": 1e-8, "atolMode": "absolute"},
                                          "gradients": {"X": {"points": 2}}}},
             "limits": {"methodTimeoutMs": 10000, "submissionTimeoutMs": 120000, "heapMb": 256, "stackKb": 1024,
                        "outputCapBytes": 1048576}}
            """;

    static Policy parse(String json) throws PolicyException {
        return PolicyLoader.parse(json, "policy.json");
    }

    static PolicyException error(String json) {
        return assertThrows(PolicyException.class, () -> parse(json));
    }

    @Nested
    class Valid {
        @Test
        void exampleParsesToEveryField() throws PolicyException {
            Policy p = parse(EXAMPLE);
            assertEquals(List.of(111111L, 7L), p.seeds());
            assertEquals(Mode.ISOLATED, p.scoringMode());
            assertEquals(ShapeRule.STRICT, p.shapes());
            assertEquals(new Tolerance(1e-5, 1e-5, Tolerance.Mode.SCALED), p.tolerance());
            assertEquals(
                    Map.of(
                            "mse-linear",
                            new ExerciseRule(
                                    2.0,
                                    new Tolerance(1e-4, 1e-8, Tolerance.Mode.ABSOLUTE),
                                    Map.of("X", new GradientRule(2.0, null)))),
                    p.exercises());
            assertEquals(Limits.defaults(), p.limits());
        }

        @Test
        void emptyObjectIsTheDefaults() throws PolicyException {
            assertEquals(Policy.defaults(), parse("{}"));
        }

        @Test
        void seedsFromTorchsWholeRange_areKeptAsTheir64Bits() throws PolicyException {
            Policy p = parse("{\"seeds\": [18446744073709551615, 9223372036854775808, -9223372036854775807, 7]}");
            assertEquals(List.of(-1L, Long.MIN_VALUE, Long.MIN_VALUE + 1, 7L), p.seeds());
        }

        @Test
        void chainedModeAndSqueezeShapesAndNegativeSeeds() throws PolicyException {
            Policy p = parse("{\"seeds\": [-5, 0, 9223372036854775807], \"scoringMode\": \"chained\", "
                    + "\"shapes\": \"squeeze\"}");
            assertEquals(List.of(-5L, 0L, Long.MAX_VALUE), p.seeds());
            assertEquals(Mode.CHAINED, p.scoringMode());
            assertEquals(ShapeRule.SQUEEZE, p.shapes());
        }

        @Test
        void partialToleranceTakesTheDefaultToleranceForTheRest() throws PolicyException {
            assertEquals(
                    new Tolerance(1e-3, 1e-5, Tolerance.Mode.SCALED),
                    parse("{\"tolerance\": {\"rtol\": 1e-3}}").tolerance());
            assertEquals(
                    new Tolerance(1e-5, 1e-8, Tolerance.Mode.ABSOLUTE),
                    parse("{\"tolerance\": {\"atol\": 1e-8, \"atolMode\": \"absolute\"}}")
                            .tolerance());
            assertEquals(
                    new Tolerance(1e-5, 1e-5, Tolerance.Mode.ABSOLUTE),
                    parse("{\"tolerance\": {\"atolMode\": \"absolute\"}}").tolerance());
            assertEquals(
                    new Tolerance(1e-5, 0, Tolerance.Mode.SCALED),
                    parse("{\"tolerance\": {\"atolScale\": 0, \"atolMode\": \"scaled\"}}")
                            .tolerance());
        }

        @Test
        void partialLimitsTakeTheDefaultsForTheRest() throws PolicyException {
            assertEquals(
                    new Limits(500, 120_000, 512, 1024, 1 << 20),
                    parse("{\"limits\": {\"methodTimeoutMs\": 500, \"heapMb\": 512}}")
                            .limits());
        }

        @Test
        void sandboxLimitsFollowTheHeapAndTimeUnlessGiven() throws PolicyException {
            Limits derived = parse("{\"limits\": {\"heapMb\": 512, \"submissionTimeoutMs\": 60000}}")
                    .limits();
            assertEquals(512 + 256, derived.memoryMb(), "the heap plus what a JVM holds besides");
            assertEquals(128, derived.processes());
            assertEquals(64, derived.fileSizeMb());
            assertEquals(2 * 60 + 10, derived.cpuSeconds(), "two cores' worth of the wall-clock limit, plus start-up");
            assertEquals(
                    new Limits(10_000, 120_000, 256, 1024, 1 << 20, 300, 40, 8, 30),
                    parse("{\"limits\": {\"memoryMb\": 300, \"processes\": 40, \"fileSizeMb\": 8,"
                                    + " \"cpuSeconds\": 30}}")
                            .limits());
        }

        @Test
        void exerciseRuleWithoutGradientsHasNone() throws PolicyException {
            assertEquals(
                    new ExerciseRule(null, null, Map.of()),
                    parse("{\"exercises\": {\"l2-linear\": {}}}").exercises().get("l2-linear"));
        }

        @Test
        void fileIsReadAsUtf8(@TempDir Path dir) throws IOException, PolicyException {
            Path file = dir.resolve("policy.json");
            Files.writeString(file, EXAMPLE, StandardCharsets.UTF_8);
            assertEquals(parse(EXAMPLE), PolicyLoader.load(file));
        }
    }

    @Nested
    class Errors {
        @Test
        void wrongTypeNamesPathExpectedAndActual() {
            PolicyException e = error("{\"exercises\": {\"mse-linear\": {\"tolerance\": {\"rtol\": \"abc\"}}}}");
            assertEquals(
                    "policy.json:1:53: $.exercises.mse-linear.tolerance.rtol: expected a finite number >= 0, "
                            + "got \"abc\"",
                    e.getMessage());
            assertEquals("policy.json", e.file());
            assertEquals("$.exercises.mse-linear.tolerance.rtol", e.jsonPath());
            assertEquals(1, e.line());
            assertEquals(53, e.column(), "where the value starts");
            assertEquals("a finite number >= 0", e.expected());
            assertEquals("\"abc\"", e.actual());
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "{\"tolerance\": {\"rtol\": -1}}                | 1:24 | $.tolerance.rtol: expected a finite number >= 0, got -1",
                    "{\"tolerance\": {\"atolScale\": 1e400}}        | 1:29 | $.tolerance.atolScale: expected a finite number >= 0, got 1e400",
                    "{\"tolerance\": {\"rtol\": null}}              | 1:24 | $.tolerance.rtol: expected a finite number >= 0, got null",
                    "{\"tolerance\": {\"rtol\": true}}              | 1:24 | $.tolerance.rtol: expected a finite number >= 0, got true",
                    "{\"exercises\": {\"mse-linear\": {\"weight\": -2}}} | 1:41 | $.exercises.mse-linear.weight: expected a finite number >= 0, got -2",
                    "{\"exercises\": {\"mse-linear\": {\"gradients\": {\"X\": {\"points\": \"2\"}}}}} | 1:61 | $.exercises.mse-linear.gradients.X.points: expected a finite number >= 0, got \"2\"",
                })
        void numbersMustBeFiniteAndNonNegative(String json, String at, String message) {
            assertEquals("policy.json:" + at + ": " + message, error(json).getMessage());
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "{\"seeds\": [1.5]}                  | 1:12 | $.seeds[0]: expected an integer seed in torch's range [-2^63, 2^64), got 1.5",
                    "{\"seeds\": [111111, \"7\"]}        | 1:20 | $.seeds[1]: expected an integer seed in torch's range [-2^63, 2^64), got \"7\"",
                    "{\"seeds\": [1e3]}                  | 1:12 | $.seeds[0]: expected an integer seed in torch's range [-2^63, 2^64), got 1e3",
                    "{\"seeds\": [18446744073709551616]} | 1:12 | $.seeds[0]: expected an integer seed in torch's range [-2^63, 2^64), got 18446744073709551616",
                    "{\"seeds\": [-9223372036854775809]} | 1:12 | $.seeds[0]: expected an integer seed in torch's range [-2^63, 2^64), got -9223372036854775809",
                    "{\"seeds\": [7, 8, 7]}              | 1:18 | $.seeds[2]: expected distinct seeds, got 7, already at $.seeds[0]",
                    "{\"seeds\": [18446744073709551615, -1]} | 1:34 | $.seeds[1]: expected distinct seeds, got -1, already at $.seeds[0] (torch seeds -1 as 18446744073709551615)",
                    "{\"seeds\": []}                     | 1:11 | $.seeds: expected a non-empty array of integer seeds, got []",
                    "{\"seeds\": 7}                      | 1:11 | $.seeds: expected a non-empty array of integer seeds, got 7",
                })
        void seedsAreDistinctIntegersInTorchsRange(String json, String at, String message) {
            assertEquals("policy.json:" + at + ": " + message, error(json).getMessage());
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "{\"scoringMode\": \"both\"}                        | 1:17 | $.scoringMode: expected \"isolated\" or \"chained\", got \"both\"",
                    "{\"shapes\": \"STRICT\"}                           | 1:12 | $.shapes: expected \"strict\" or \"squeeze\", got \"STRICT\"",
                    "{\"tolerance\": {\"atolMode\": \"allclose\"}}      | 1:28 | $.tolerance.atolMode: expected \"scaled\" or \"absolute\", got \"allclose\"",
                })
        void choicesListTheAcceptedWords(String json, String at, String message) {
            assertEquals("policy.json:" + at + ": " + message, error(json).getMessage());
        }

        @Test
        void atolWithoutAbsoluteModeIsAnError() {
            assertEquals(
                    "policy.json:1:16: $.tolerance.atol: expected atolScale for a floor scaled to max|t|, or atol "
                            + "with \"atolMode\": \"absolute\", got atol with atolMode \"scaled\"",
                    error("{\"tolerance\": {\"atol\": 1e-8}}").getMessage());
        }

        @Test
        void atolScaleInAbsoluteModeIsAnError() {
            assertEquals(
                    "policy.json:1:71: $.exercises.bce-logistic.tolerance.atolScale: expected atol with "
                            + "\"atolMode\": \"absolute\", got atolScale",
                    error("{\"exercises\": {\"bce-logistic\": {\"tolerance\": {\"atolMode\": \"absolute\", "
                                    + "\"atolScale\": 1e-5}}}}")
                            .getMessage());
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "{\"limits\": {\"heapMb\": 0}}                   | 1:23 | $.limits.heapMb: expected a positive integer up to 2147483647, got 0",
                    "{\"limits\": {\"stackKb\": 2147483648}}         | 1:24 | $.limits.stackKb: expected a positive integer up to 2147483647, got 2147483648",
                    "{\"limits\": {\"methodTimeoutMs\": 1.5}}        | 1:32 | $.limits.methodTimeoutMs: expected a positive integer, got 1.5",
                    "{\"limits\": {\"outputCapBytes\": -1}}          | 1:31 | $.limits.outputCapBytes: expected a positive integer, got -1",
                })
        void limitsArePositiveIntegers(String json, String at, String message) {
            assertEquals("policy.json:" + at + ": " + message, error(json).getMessage());
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "[]                                                | 1:1 | $: expected an object, got []",
                    "{\"tolerance\": 1e-5}                             | 1:15 | $.tolerance: expected an object, got 1e-5",
                    "{\"exercises\": [\"mse-linear\"]}                 | 1:15 | $.exercises: expected an object, got [\"mse-linear\"]",
                    "{\"exercises\": {\"mse-linear\": {\"gradients\": {\"X\": 2}}}} | 1:50 | $.exercises.mse-linear.gradients.X: expected an object, got 2",
                    "{\"limits\": {\"heapMb\": {\"a\": \"01234567890123456789012345678901234567890\"}}} | 1:23 | $.limits.heapMb: expected a positive integer up to 2147483647, got {\"a\":\"012345678901234567890123456789012…",
                })
        void objectsWhereObjectsBelong(String json, String at, String message) {
            assertEquals("policy.json:" + at + ": " + message, error(json).getMessage());
        }

        @Test
        void unknownFieldListsTheKnownOnes() {
            PolicyException e = error("{\"tolerence\": {}}");
            assertEquals(
                    "policy.json:1:2: $.tolerence: unknown field; expected one of seeds, scoringMode, shapes, "
                            + "tolerance, exercises, limits, include, allowApis",
                    e.getMessage());
            assertEquals("tolerence", e.actual());
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "{\"tolerance\": {\"atolscale\": 1}}               | 1:16 | $.tolerance.atolscale: unknown field; expected one of rtol, atolScale, atol, atolMode",
                    "{\"exercises\": {\"l2-linear\": {\"points\": 1}}} | 1:30 | $.exercises.l2-linear.points: unknown field; expected one of weight, tolerance, gradients",
                    "{\"exercises\": {\"l2-linear\": {\"gradients\": {\"b\": {\"weight\": 1}}}}} | 1:50 | $.exercises.l2-linear.gradients.b.weight: unknown field; expected one of points, tolerance",
                    "{\"limits\": {\"heapMB\": 1}}                     | 1:13 | $.limits.heapMB: unknown field; expected one of methodTimeoutMs, submissionTimeoutMs, heapMb, stackKb, outputCapBytes, memoryMb, processes, fileSizeMb, cpuSeconds",
                })
        void unknownNestedFieldsListTheKnownOnes(String json, String at, String message) {
            assertEquals("policy.json:" + at + ": " + message, error(json).getMessage());
        }

        @Test
        void unknownExerciseListsTheKnownIds() {
            assertEquals(
                    "policy.json:1:16: $.exercises.mse-linar: unknown exercise; expected one of "
                            + String.join(", ", org.backpropgrader.exercises.Exercises.ids()),
                    error("{\"exercises\": {\"mse-linar\": {}}}").getMessage());
        }

        @Test
        void unknownGradientListsThatExercisesGradients() {
            assertEquals(
                    "policy.json:1:45: $.exercises.mse-linear.gradients.Y: unknown gradient of mse-linear; "
                            + "expected one of diff2, diff, y, pred, matmul, b, X, W",
                    error("{\"exercises\": {\"mse-linear\": {\"gradients\": {\"Y\": {}}}}}")
                            .getMessage());
        }

        @Test
        void repeatedKeyIsAnErrorRatherThanSilentlyOverridden() {
            assertEquals(
                    "policy.json:1:44: $.exercises.mse-linear.weight: expected each field once, got \"weight\" a "
                            + "second time",
                    error("{\"exercises\": {\"mse-linear\": {\"weight\": 1, \"weight\": 2}}}")
                            .getMessage());
        }
    }

    /**
     * Syntax errors in our words, from what the reader was reading and what stood there: never Gson's exception
     * messages, which change between releases.
     */
    @Nested
    class Malformed {
        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "{\"seeds\": [1, 2}    | 1:16 | $.seeds[2]: malformed JSON: expected ',' or ']', got '}'",
                    "{\"seeds\": [1, 2],}  | 1:18 | $.seeds: malformed JSON: expected a field name in double quotes, got '}'",
                    "{\"seeds\": [1,,2]}   | 1:14 | $.seeds[1]: malformed JSON: expected a value, got ','",
                    "[1 2]                 | 1:4  | $[1]: malformed JSON: expected ',' or ']', got 2",
                    "{\"a\" 1}              | 1:6  | $.a: malformed JSON: expected ':', got 1",
                    "{,}                   | 1:2  | $: malformed JSON: expected a field name in double quotes or '}', got ','",
                    "{\"a\": 01}            | 1:7  | $.a: malformed JSON: expected a value, got 01",
                    "{} {}                 | 1:4  | $: malformed JSON: expected the end of the text after the JSON value, got '{'",
                })
        void misplacedTokensSayWhatWasExpectedAndWhatStoodThere(String json, String at, String message) {
            assertEquals("policy.json:" + at + ": " + message, error(json).getMessage());
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "{'seeds': [1]}        | 1:2  | $: malformed JSON: expected a field name in double quotes or '}', got 'seeds'",
                    "{\"seeds\" = [1]}      | 1:10 | $.seeds: malformed JSON: expected ':', got '='",
                    "{\"seeds\": [1]} x     | 1:16 | $: malformed JSON: expected the end of the text after the JSON value, got x",
                    "{\"rtol\": Infinity}   | 1:10 | $.rtol: malformed JSON: expected a value, got Infinity",
                })
        void whatOnlyLenientJsonAllowsIsNamedAsSuch(String json, String at, String message) {
            assertEquals(
                    "policy.json:" + at + ": " + message + " (strict JSON has no comments, single quotes, unquoted"
                            + " names, NaN or Infinity)",
                    error(json).getMessage());
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "{\"seeds\": [1, 2     | 1:16 | $.seeds[2]",
                    "{\"seeds\": tru       | 1:14 | $.seeds",
                    "{\"seeds\": [1]       | 1:14 | $.seeds",
                    "\"abc                 | 1:5  | $",
                })
        void textThatEndsTooEarlyIsNamedAtItsEnd(String json, String at, String path) {
            PolicyException e = error(json);
            assertEquals(
                    "policy.json:" + at + ": " + path + ": malformed JSON: the text ends before the JSON value"
                            + " does",
                    e.getMessage());
            assertEquals(path, e.jsonPath());
        }

        @Test
        void blankTextIsNotAnEmptyPolicy() {
            assertEquals(
                    "policy.json:1:1: $: malformed JSON: the text is empty; an empty policy is {}",
                    error(" \n").getMessage());
        }

        @Test
        void lineAndColumnPointAtTheOffendingToken() {
            PolicyException e = error("{\"tolerance\": {\n  \"rtol\": NaN\n}}");
            assertEquals(
                    "policy.json:2:11: $.tolerance.rtol: malformed JSON: expected a value, got NaN (strict JSON"
                            + " has no comments, single quotes, unquoted names, NaN or Infinity)",
                    e.getMessage());
            assertEquals(2, e.line());
            assertEquals(11, e.column());
            assertEquals("a value", e.expected());
            assertEquals("NaN", e.actual());
        }

        @Test
        void valuesOnLaterLinesAreNamedWhereTheyStart() {
            PolicyException e = error("{\"limits\": {\n    \"heapMb\": 0\n  }}");
            assertEquals(
                    "policy.json:2:15: $.limits.heapMb: expected a positive integer up to 2147483647, got 0",
                    e.getMessage());
        }

        @Test
        void commentsAreNotJson() {
            assertEquals(
                    "policy.json:1:1: $: malformed JSON: expected a JSON value, got a comment (strict JSON has no"
                            + " comments, single quotes, unquoted names, NaN or Infinity)",
                    error("// seeds\n{}").getMessage());
        }

        @Test
        void absurdNestingIsRefusedBeforeItCanOverflowTheStack() {
            String deep = "[".repeat(10_000) + "]".repeat(10_000);
            assertEquals(true, error(deep).getMessage().endsWith(": malformed JSON: values nested more than 64 deep"));
        }
    }

    @Nested
    class PolicyFiles {
        @Test
        void missingFileIsNamed(@TempDir Path dir) {
            Path missing = dir.resolve("nope.json");
            PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(missing));
            assertEquals(missing + ": cannot read the policy file: no such file", e.getMessage());
            assertNull(e.jsonPath());
            assertEquals(missing.toString(), e.file());
        }

        @Test
        void directoryIsNotAPolicyFile(@TempDir Path dir) {
            PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(dir));
            assertEquals(dir.toString(), e.file());
            assertEquals(true, e.getMessage().startsWith(dir + ": cannot read the policy file: "), e.getMessage());
        }

        @Test
        void nonUtf8FileIsNamed(@TempDir Path dir) throws IOException {
            Path latin1 = dir.resolve("latin1.json");
            Files.write(latin1, new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'});
            PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(latin1));
            assertEquals(latin1 + ": cannot read the policy file: not UTF-8 text", e.getMessage());
        }

        @Test
        void errorsInsideAFileNameTheFileAsGiven(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("policy.json");
            Files.writeString(file, "{\"shapes\": 1}");
            PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(file));
            assertEquals(file + ":1:12: $.shapes: expected \"strict\" or \"squeeze\", got 1", e.getMessage());
        }
    }

    @Nested
    class AllowApis {
        @Test
        void listsPatternsThatExtendTheBuiltInAllowlist() throws PolicyException {
            Policy p = parse("{\"allowApis\": [\"java.time.*\", \"java.util.concurrent.ThreadLocalRandom\","
                    + " \"java.lang.System#getProperty\", \"java.io.PrintWriter#<init>\"]}");
            assertEquals(
                    List.of(
                            "java.time.*",
                            "java.util.concurrent.ThreadLocalRandom",
                            "java.lang.System#getProperty",
                            "java.io.PrintWriter#<init>"),
                    p.allowApis());
            assertEquals(4, p.apiAllowlist().extensions().size());
        }

        @Test
        void defaultsToNone() throws PolicyException {
            assertEquals(List.of(), parse("{}").allowApis());
            assertEquals(List.of(), Policy.defaults().allowApis());
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "{\"allowApis\": \"java.time.*\"}       | 1:15 | $.allowApis: expected an array of APIs ("
                            + EXPECTED + "), got \"java.time.*\"",
                    "{\"allowApis\": [\"java.time.**\"]}    | 1:16 | $.allowApis[0]: expected " + EXPECTED
                            + ", got \"java.time.**\"",
                    "{\"allowApis\": [\"java.io.*\", \"\"]} | 1:29 | $.allowApis[1]: expected " + EXPECTED
                            + ", got \"\"",
                    "{\"allowApis\": [\"java..util.List\"]} | 1:16 | $.allowApis[0]: expected " + EXPECTED
                            + ", got \"java..util.List\"",
                    "{\"allowApis\": [\"java.lang.System#\"]} | 1:16 | $.allowApis[0]: expected " + EXPECTED
                            + ", got \"java.lang.System#\"",
                    "{\"allowApis\": [\"java.lang.System.*#exit\"]} | 1:16 | $.allowApis[0]: expected " + EXPECTED
                            + ", got \"java.lang.System.*#exit\"",
                    "{\"allowApis\": [\"java/io/File\"]}    | 1:16 | $.allowApis[0]: expected " + EXPECTED
                            + ", got \"java/io/File\"",
                    "{\"allowApis\": [7]}                     | 1:16 | $.allowApis[0]: expected " + EXPECTED
                            + ", got 7",
                })
        void malformedPatternsAreNamedWithTheirPath(String json, String at, String message) {
            assertEquals("policy.json:" + at + ": " + message, error(json).getMessage());
        }

        private static final String EXPECTED = "a package ending in .* (\"java.time.*\"), a class"
                + " (\"java.util.concurrent.ThreadLocalRandom\") or a class#member (\"java.lang.System#getProperty\")";

        @Test
        void programmaticPoliciesAreCheckedToo() {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> Policy.defaults().withAllowApis(List.of("java.lang.*.Thread")));
            assertEquals("expected " + EXPECTED + ", got \"java.lang.*.Thread\"", e.getMessage());
        }
    }
}
