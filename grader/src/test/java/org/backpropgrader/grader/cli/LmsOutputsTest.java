package org.backpropgrader.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.Catalog;
import org.backpropgrader.grader.cli.CliEndToEndTest.Run;
import org.backpropgrader.grader.files.Directories;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.report.StrictJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an LMS receives, end to end through the command line (submissions run in-process, the fast way): LTI Scores
 * whose user ids come from a roster or {@code --user-id} and never from a file name, Canvas and Moodle gradebooks
 * with one assignment column, the roster held against the submissions, and every JSON file strict.
 */
class LmsOutputsTest {
    /** The whole catalog\'s points, as the gradebook writes them. */
    private static final String MAX = Long.toString(Math.round(Catalog.maxScore()));

    /** The whole-number score of {@code id}'s native result, as the gradebook writes it. */
    private static String points(Path out, String id) throws IOException {
        double score = StrictJson.parse(
                        id, Files.readString(out.resolve("results").resolve(id + ".json")))
                .getAsJsonObject()
                .get("score")
                .getAsDouble();
        assertEquals(Math.rint(score), score, "a whole number of points");
        return Long.toString(Math.round(score));
    }

    private static final Path MODEL = Path.of("../examples/correct");
    private static final Path MISTAKES = Path.of("../examples/mistakes");

    @TempDir
    Path tmp;

    private Path subs;

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main main = new Main(List.of(
                new GradeCommand(sandbox -> SubmissionGrader.IN_PROCESS),
                new BatchCommand(sandbox -> SubmissionGrader.IN_PROCESS),
                new TruthCommand()));
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            ExitCode code = main.run(args, o, e);
            return new Run(code.code(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** The model solution whose {@code y} gradient in mse-linear is NaN: a student's non-finite answer. */
    static Path nanSubmission(Path dir) throws IOException {
        Directories.copy(MODEL, dir);
        Path file = dir.resolve("notebook/MseLinearNotebook.java");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String line = "return Tensor.onesLike(f.y()).mul(ddiff);";
        assertTrue(text.contains(line));
        Files.writeString(
                file,
                text.replace(line, "return Tensor.onesLike(f.y()).mul(ddiff).mul(Float.NaN);"),
                StandardCharsets.UTF_8);
        return dir;
    }

    private Path roster(String text) throws IOException {
        return Files.writeString(tmp.resolve("roster.csv"), text, StandardCharsets.UTF_8);
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (CSVParser p = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
            return p.getRecords();
        }
    }

    /** Every {@code .json} below {@code dir} passes a strict parser; how many there are. */
    private static int assertEveryJsonFileIsStrict(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).toList();
        }
        for (Path f : files) {
            StrictJson.parse(dir.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8));
        }
        return files.size();
    }

    @BeforeEach
    void submissions() throws IOException {
        subs = Files.createDirectories(tmp.resolve("subs"));
    }

    @Nested
    class GradeVerb {
        @Test
        void ltiWithoutUserIdOrRoster_isRefused_exit65_beforeGrading() {
            Run r = run("grade", "--submission", MODEL.toString(), "--format", "lti");

            assertEquals(65, r.exit());
            assertEquals(
                    List.of("grader grade: an LTI Score needs the student's LMS user id: give --user-id ID or"
                            + " --roster FILE"),
                    r.err().lines().toList());
            assertEquals("", r.out());
        }

        @Test
        void ltiTakesTheUserIdFromTheRoster_byTheSubmissionsName() throws IOException {
            Path alice = tmp.resolve("alice");
            Directories.copy(MODEL, alice);
            Path roster = roster("submission,user_id\nalice,lti-a11ce\n");

            Run r = run(
                    "grade",
                    "--submission",
                    alice.toString(),
                    "--exercise",
                    "relu-neuron",
                    "--format",
                    "lti",
                    "--roster",
                    roster.toString());

            assertEquals(0, r.exit(), r.err());
            JsonObject score = StrictJson.parse("LTI", r.out()).getAsJsonObject();
            assertEquals("lti-a11ce", score.get("userId").getAsString());
            assertEquals(4, score.get("scoreGiven").getAsDouble());
        }

        @Test
        void ltiForASubmissionNotOnTheRoster_isRefused_exit65_namingTheRoster() throws IOException {
            Path roster = roster("submission,user_id\nalice,lti-a11ce\n");

            Run r = run("grade", "--submission", MODEL.toString(), "--format", "lti", "--roster", roster.toString());

            assertEquals(65, r.exit());
            assertEquals(
                    List.of("grader grade: an LTI Score needs the student's LMS user id: the submission"
                            + " 'correct' is not on the roster " + roster
                            + " (column submission); add it or give --user-id"
                            + " ID"),
                    r.err().lines().toList());
        }

        @Test
        void userIdOption_winsOverTheRoster() throws IOException {
            Path roster = roster("submission,user_id\ncorrect,from-roster\n");

            Run r = run(
                    "grade",
                    "--submission",
                    MODEL.toString(),
                    "--exercise",
                    "relu-neuron",
                    "--format",
                    "lti",
                    "--roster",
                    roster.toString(),
                    "--user-id",
                    "from-option");

            assertEquals(
                    "from-option",
                    StrictJson.parse("LTI", r.out())
                            .getAsJsonObject()
                            .get("userId")
                            .getAsString());
        }

        @Test
        void aBadRoster_isExit65_namingFileLineColumnExpectedAndActual() throws IOException {
            Path roster = roster("submission,user_id\nalice,\n");

            Run r = run("grade", "--submission", MODEL.toString(), "--roster", roster.toString());

            assertEquals(65, r.exit());
            assertEquals(
                    List.of("grader grade: " + roster + ": line 2, column user_id: expected an LMS user id, got"
                            + " an empty cell"),
                    r.err().lines().toList());
        }

        @Test
        void aStudentsNaN_inEveryFormat_isStrictJson() throws IOException {
            Path nan = nanSubmission(tmp.resolve("nan"));
            for (String format : List.of("native", "gradescope", "lti")) {
                Run r = run(
                        "grade",
                        "--submission",
                        nan.toString(),
                        "--exercise",
                        "mse-linear",
                        "--format",
                        format,
                        "--user-id",
                        "u1");

                assertEquals(0, r.exit(), r.err());
                JsonElement json = StrictJson.parse(format, r.out());
                if (format.equals("native")) {
                    JsonObject y = json.getAsJsonObject()
                            .getAsJsonArray("exercises")
                            .get(0)
                            .getAsJsonObject()
                            .getAsJsonArray("gradients")
                            .get(2)
                            .getAsJsonObject();
                    assertEquals("y", y.get("name").getAsString());
                    assertEquals("WRONG", y.get("status").getAsString());
                    assertEquals(
                            "NaN",
                            y.getAsJsonArray("checks")
                                    .get(0)
                                    .getAsJsonObject()
                                    .get("maxdiff")
                                    .getAsString());
                }
            }
        }

        @Test
        void aSeedOutsideTorchsRange_isAUsageError_namingTheOption() {
            Run r = run("grade", "--submission", MODEL.toString(), "--seed", "111111,18446744073709551616");

            assertEquals(64, r.exit());
            assertEquals(
                    List.of("grader grade: bad --seed '111111,18446744073709551616': expected a whole number in"
                            + " torch's seed range [-2^63, 2^64), i.e. -9223372036854775808 to 18446744073709551615 (a"
                            + " comma-separated list)"),
                    r.err().lines().toList());
        }

        @Test
        void minusOneAndTwoToThe64MinusOne_areTheSameSeed_soNotBothAtOnce() {
            Run r = run("grade", "--submission", MODEL.toString(), "--seed", "-1,18446744073709551615");

            assertEquals(64, r.exit());
            assertTrue(r.err().contains("expected distinct seeds, got 18446744073709551615 twice"), r.err());
        }

        @Test
        void aSeedAbove2To63_grades_andTheReportShowsItUnsigned() {
            Run r = run(
                    "grade",
                    "--submission",
                    MODEL.toString(),
                    "--exercise",
                    "l2-linear",
                    "--seed",
                    "18446744073709551615");

            assertEquals(0, r.exit(), r.err());
            JsonObject report = StrictJson.parse("native", r.out()).getAsJsonObject();
            assertEquals(7, report.get("score").getAsDouble());
            assertEquals(
                    "[18446744073709551615]",
                    report.getAsJsonObject("policy").get("seeds").toString());
        }
    }

    @Nested
    class TruthVerb {
        @Test
        void aDegenerateSeedsInfiniteLoss_isAStringInStrictJson() {
            Run r = run("truth", "--exercise", "bce-logistic", "--seed", "1708");

            assertEquals(0, r.exit(), r.err());
            assertEquals(
                    "Infinity",
                    StrictJson.parse("truth", r.out())
                            .getAsJsonObject()
                            .get("loss")
                            .getAsString());
        }

        @Test
        void twoToThe64MinusOne_isTheSameAnswerKeyAsMinusOne() {
            Run big = run("truth", "--exercise", "mse-linear", "--seed", "18446744073709551615");
            Run minusOne = run("truth", "--exercise", "mse-linear", "--seed", "-1");

            assertEquals(0, big.exit(), big.err());
            assertEquals(StrictJson.parse("big", big.out()), StrictJson.parse("-1", minusOne.out()));
            assertEquals(
                    "18446744073709551615",
                    StrictJson.parse("big", big.out())
                            .getAsJsonObject()
                            .get("seed")
                            .getAsString());
        }
    }

    @Nested
    class BatchVerb {
        @Test
        void withARoster_ltiScoresCarryItsUserIds_theGradebookHasOneCanvasColumn_andMismatchesAreReported()
                throws IOException {
            Directories.copy(MODEL, subs.resolve("alice"));
            nanSubmission(subs.resolve("nan"));
            Directories.copy(MISTAKES, subs.resolve("carol"));
            Path roster = roster("submission,user_id,name,sis_user_id,sis_login_id,section,canvas_id\r\n"
                    + "alice,lti-a11ce,\"Liddell, Alice\",S1,aliddell,Sec 1,101\r\n"
                    + "nan,lti-nan,Nan Nanson,S2,nnanson,Sec 2,102\r\n"
                    + "dave,lti-dave,Dave,S4,dave4,Sec 1,104\r\n");
            Path out = tmp.resolve("out");

            Run r = run(
                    "batch",
                    "--submissions",
                    subs.toString(),
                    "--out",
                    out.toString(),
                    "--jobs",
                    "2",
                    "--roster",
                    roster.toString(),
                    "--assignment-name",
                    "Backprop HW 1",
                    "--assignment-id",
                    "8812");

            assertEquals(0, r.exit(), r.err());
            assertEquals(List.of("alice.json", "nan.json"), list(out.resolve("lti")), "only the roster's students");
            assertEquals(
                    "lti-a11ce",
                    StrictJson.parse("lti", Files.readString(out.resolve("lti/alice.json")))
                            .getAsJsonObject()
                            .get("userId")
                            .getAsString());
            assertEquals(
                    "lti-nan",
                    StrictJson.parse("lti", Files.readString(out.resolve("lti/nan.json")))
                            .getAsJsonObject()
                            .get("userId")
                            .getAsString());

            List<CSVRecord> gradebook = csv(out.resolve("gradebook.csv"));
            assertEquals(
                    List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Backprop HW 1 (8812)"),
                    gradebook.get(0).toList());
            assertEquals(
                    List.of("Liddell, Alice", "101", "S1", "aliddell", "Sec 1", MAX),
                    gradebook.get(1).toList());
            assertEquals(
                    List.of("carol", "", "", "carol", "", points(out, "carol")),
                    gradebook.get(2).toList(),
                    "not on the roster");
            assertEquals(
                    List.of("Dave", "104", "S4", "dave4", "Sec 1", "0"),
                    gradebook.get(3).toList(),
                    "on the roster without a submission");
            assertEquals(
                    List.of("Nan Nanson", "102", "S2", "nnanson", "Sec 2", points(out, "nan")),
                    gradebook.get(4).toList());
            assertEquals(5, gradebook.size());

            assertTrue(r.err().contains("submission 'carol' is not on the roster"), r.err());
            assertTrue(r.err().contains("no submission for 'dave' (user lti-dave)"), r.err());
            JsonObject summary = StrictJson.parse("summary", Files.readString(out.resolve("summary.json")))
                    .getAsJsonObject();
            JsonObject check = summary.getAsJsonObject("roster");
            assertEquals("[\"carol\"]", check.get("notOnRoster").toString());
            assertEquals("[\"dave\"]", check.get("withoutSubmission").toString());
            assertEquals(3, check.get("students").getAsInt());

            assertEquals(2 + 3 + 3 + 1, assertEveryJsonFileIsStrict(out), "lti, gradescope, results, summary");
            JsonArray checks = StrictJson.parse("nan result", Files.readString(out.resolve("results/nan.json")))
                    .getAsJsonObject()
                    .getAsJsonArray("exercises")
                    .get(0)
                    .getAsJsonObject()
                    .getAsJsonArray("gradients")
                    .get(2)
                    .getAsJsonObject()
                    .getAsJsonArray("checks");
            assertEquals("NaN", checks.get(0).getAsJsonObject().get("maxdiff").getAsString());
        }

        @Test
        void withoutARoster_exit0_noLtiDirectory_saidOnce_andTheGradebookNamesTheSubmissions() throws IOException {
            Directories.copy(MODEL, subs.resolve("alice"));
            Directories.copy(MISTAKES, subs.resolve("bob"));
            Path out = tmp.resolve("out");

            Run r = run("batch", "--submissions", subs.toString(), "--out", out.toString(), "--jobs", "1");

            assertEquals(0, r.exit(), r.err());
            assertFalse(Files.exists(out.resolve("lti")));
            assertEquals(
                    1, r.err().lines().filter(l -> l.contains("no --roster")).count(), r.err());
            List<CSVRecord> gradebook = csv(out.resolve("gradebook.csv"));
            assertEquals(
                    List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Backprop homework"),
                    gradebook.get(0).toList());
            assertEquals(
                    List.of("alice", "", "", "alice", "", MAX), gradebook.get(1).toList());
            assertEquals(
                    List.of("bob", "", "", "bob", "", points(out, "bob")),
                    gradebook.get(2).toList());
            assertTrue(StrictJson.parse("summary", Files.readString(out.resolve("summary.json")))
                    .getAsJsonObject()
                    .get("roster")
                    .isJsonNull());
            assertEquals(2 + 2 + 1, assertEveryJsonFileIsStrict(out));
        }

        @Test
        void moodleGradebook_perExerciseColumnsOnRequest() throws IOException {
            Directories.copy(MODEL, subs.resolve("alice"));
            Path roster = roster("submission,user_id,email,sis_login_id\nalice,17,alice@example.edu,aliddell\n");
            Path out = tmp.resolve("out");

            Run r = run(
                    "batch",
                    "--submissions",
                    subs.toString(),
                    "--out",
                    out.toString(),
                    "--jobs",
                    "1",
                    "--roster",
                    roster.toString(),
                    "--gradebook",
                    "moodle",
                    "--assignment-name",
                    "HW1",
                    "--gradebook-exercises");

            assertEquals(0, r.exit(), r.err());
            List<CSVRecord> gradebook = csv(out.resolve("gradebook.csv"));
            List<String> header =
                    new ArrayList<>(List.of("User ID", "Username", "ID number", "Email address", "Full name", "HW1"));
            List<String> alice = new ArrayList<>(List.of("17", "aliddell", "", "alice@example.edu", "", MAX));
            for (Exercise<?, ?> e : Exercises.all()) {
                header.add("HW1: " + e.id());
                alice.add(Integer.toString(e.gradients().size())); // the correct example: full points
            }
            assertEquals(header, gradebook.get(0).toList());
            assertEquals(alice, gradebook.get(1).toList());
        }

        @Test
        void resumedWithoutTheRoster_removesTheLtiScoresItWroteBefore() throws IOException {
            Directories.copy(MODEL, subs.resolve("alice"));
            Path roster = roster("submission,user_id\nalice,lti-a11ce\n");
            Path out = tmp.resolve("out");
            assertEquals(
                    0,
                    run(
                                    "batch",
                                    "--submissions",
                                    subs.toString(),
                                    "--out",
                                    out.toString(),
                                    "--jobs",
                                    "1",
                                    "--roster",
                                    roster.toString())
                            .exit());
            assertTrue(Files.exists(out.resolve("lti/alice.json")));

            Run r = run("batch", "--submissions", subs.toString(), "--out", out.toString(), "--resume");

            assertEquals(0, r.exit(), r.err());
            assertFalse(Files.exists(out.resolve("lti")), "no roster, no LTI Scores: none left from before");
        }

        @Test
        void aBadRoster_exit65_beforeGradingAnything() throws IOException {
            Directories.copy(MODEL, subs.resolve("alice"));
            Path roster = roster("submission,user_id\nalice,u1\nalice,u2\n");
            Path out = tmp.resolve("out");

            Run r = run(
                    "batch", "--submissions", subs.toString(), "--out", out.toString(), "--roster", roster.toString());

            assertEquals(65, r.exit());
            assertEquals(
                    List.of("grader batch: " + roster + ": line 3, column submission: expected each submission"
                            + " once, got 'alice' again (first on line 2)"),
                    r.err().lines().toList());
            assertFalse(Files.exists(out));
        }

        @Test
        void anUnknownGradebook_isAUsageError() {
            Run r = run(
                    "batch",
                    "--submissions",
                    subs.toString(),
                    "--out",
                    tmp.resolve("o").toString(),
                    "--gradebook",
                    "blackboard");

            assertEquals(64, r.exit());
            assertEquals(
                    List.of("grader batch: bad --gradebook 'blackboard': expected canvas or moodle"),
                    r.err().lines().toList());
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names =
                    new ArrayList<>(s.map(p -> p.getFileName().toString()).toList());
            names.sort(null);
            return names;
        }
    }
}
