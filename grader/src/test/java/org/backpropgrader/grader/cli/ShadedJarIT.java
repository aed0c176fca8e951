package org.backpropgrader.grader.cli;

import static org.backpropgrader.grader.cli.CliEndToEndTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.backpropgrader.grader.Catalog;
import org.backpropgrader.grader.cli.CliEndToEndTest.Run;
import org.backpropgrader.grader.files.Directories;
import org.backpropgrader.grader.files.PrivateDirectory;
import org.backpropgrader.grader.report.StrictJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code grader.jar} as users run it, in a fresh JVM. Failsafe runs this after {@code package} (the
 * {@code integration-test} phase of {@code mvn install}, so {@code make test} and CI), when the jar exists: a missing
 * jar is a failure, never a skip.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target/grader.jar");
    private static final String MODEL = "../examples/correct";

    @TempDir
    Path tmp;

    @BeforeAll
    static void theJarIsBuilt() {
        assertTrue(Files.isRegularFile(JAR), "no " + JAR.toAbsolutePath() + ": these tests run after package");
    }

    private Run java(String... args) throws IOException, InterruptedException {
        return javaWith(List.of(), args);
    }

    private Run javaWith(List<String> jvmFlags, String... args) throws IOException, InterruptedException {
        return javaIn(Path.of(""), JAR, jvmFlags, args);
    }

    /** {@code java jvmFlags -jar jar args}, run in {@code dir}. */
    private Run javaIn(Path dir, Path jar, List<String> jvmFlags, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(command)
                .directory(dir.toAbsolutePath().toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the jar did not finish in 5 minutes: " + command);
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void truth_isTheSameDocumentAsInProcess() throws Exception {
        Run r = java("truth", "--exercise", "mse-linear", "--seed", "7");

        assertEquals(0, r.exit(), r.err());
        assertEquals(run("truth", "--exercise", "mse-linear", "--seed", "7").json(), r.json());
    }

    @Test
    void exportedPlatformBundles_carryThisVeryJar() throws Exception {
        Path zip = tmp.resolve("autograder.zip");
        Run r = java("export", "gradescope", "--out", zip.toString());
        assertEquals(0, r.exit(), r.err());
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile());
                java.io.InputStream in = z.getInputStream(z.getEntry("grader.jar"))) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(JAR), in.readAllBytes()), "the running jar, as is");
        }
        Path dir = tmp.resolve("prairielearn");
        assertEquals(0, java("export", "prairielearn", "--out", dir.toString()).exit());
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(JAR), Files.readAllBytes(dir.resolve("grader.jar"))));
    }

    @Test
    void exitCodes() throws Exception {
        Map<List<String>, Integer> cases = Map.of(
                List.of("--help"), 0,
                List.of(), 64,
                List.of("truth", "--exercise", "nope", "--seed", "1"), 64,
                List.of("truth", "--exercise", "mse-linear", "--seed", "18446744073709551616"), 64,
                List.of("grade", "--submission", "does/not/exist"), 65,
                List.of("grade", "--submission", MODEL, "--format", "lti"), 65);
        for (Map.Entry<List<String>, Integer> c : cases.entrySet()) {
            Run r = java(c.getKey().toArray(String[]::new));
            assertEquals(c.getValue(), r.exit(), c.getKey() + ": " + r.err());
        }
    }

    @Test
    void versionInTheReport_isTheJarsImplementationVersion() throws Exception {
        Run r = java("grade", "--submission", MODEL, "--exercise", "relu-neuron");

        assertEquals(0, r.exit(), r.err());
        String version = StrictJson.parse("native JSON", r.out())
                .getAsJsonObject()
                .getAsJsonObject("grader")
                .get("version")
                .getAsString();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+.*"), "the jar names its version: " + version);
    }

    /** A seed above 2^63 reaches the child JVM as its 64 bits: the model still gets full marks, seed shown unsigned. */
    @Test
    void aSeedAbove2To63_gradesInTheChildJvm() throws Exception {
        Run r = java(
                "grade", "--submission", MODEL, "--exercise", "l2-linear", "--seed", "111111,18446744073709551615");

        assertEquals(0, r.exit(), r.err());
        var report = StrictJson.parse("native JSON", r.out()).getAsJsonObject();
        assertEquals(7, report.get("score").getAsDouble());
        assertEquals(
                "[111111,18446744073709551615]",
                report.getAsJsonObject("policy").get("seeds").toString());
    }

    /** The batch JVM's class archive (cli.BatchArchive): made by the first batch, mapped by the next, unheard of. */
    @Test
    void theFirstBatchMakesTheBatchJvmsClassArchive_theNextMapsIt_andNeitherSaysSo() throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("subs"));
        Directories.copy(Path.of(MODEL), subs.resolve("alice"));
        Path cache = tmp.resolve("cache");
        List<String> flags = List.of("-D" + PrivateDirectory.CACHE_DIR_PROPERTY + "=" + cache);
        String[] batch = {"batch", "--submissions", subs.toString(), "--jobs", "1", "--sandbox", "none", "--out"};

        Run first = javaWith(flags, concat(batch, tmp.resolve("out1").toString()));
        assertEquals(0, first.exit(), first.err());
        List<Path> made;
        try (Stream<Path> s = Files.list(cache.resolve("batch"))) {
            made = s.toList();
        }
        assertEquals(1, made.size(), "one archive, no dump left: " + made);
        assertTrue(made.get(0).getFileName().toString().endsWith(".jsa"), made.toString());
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofDays(3)));
        Files.setLastModifiedTime(made.get(0), longAgo);

        // from another working directory, the jar named by its absolute path, logging where each class came from
        Path logs = Files.createDirectories(tmp.resolve("class-load"));
        List<String> logging = new ArrayList<>(flags);
        logging.add("-Xlog:class+load=info:file=" + logs.toAbsolutePath() + "/%p.log");
        Run second = javaIn(
                tmp,
                JAR.toAbsolutePath(),
                logging,
                concat(batch, tmp.resolve("out2").toString()));
        assertEquals(0, second.exit(), second.err());
        assertTrue(Files.getLastModifiedTime(made.get(0)).compareTo(longAgo) > 0, "the second batch did not use it");
        String batchJvmLog;
        try (Stream<Path> s = Files.list(logs)) {
            batchJvmLog = s.map(ShadedJarIT::read)
                    .filter(log -> log.contains("org.backpropgrader.grader.batch.BatchGrader "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no class-load log of the batch JVM in " + logs));
        }
        for (String loaded :
                List.of("org.backpropgrader.grader.batch.BatchGrader", "com.sun.tools.javac.main.JavaCompiler")) {
            assertTrue(
                    batchJvmLog.contains(loaded + " source: shared objects file (top)"),
                    loaded + " was not loaded from the archive");
        }
        for (Run r : List.of(first, second)) {
            String said = (r.out() + r.err()).toLowerCase(Locale.ROOT);
            assertFalse(said.contains("cds") || said.contains("shared archive"), said);
        }
        assertEquals(
                Files.readString(tmp.resolve("out1/gradebook.csv")),
                Files.readString(tmp.resolve("out2/gradebook.csv")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String[] concat(String[] head, String last) {
        String[] all = Arrays.copyOf(head, head.length + 1);
        all[head.length] = last;
        return all;
    }

    /** The jar carries Commons CSV: a batch with a roster reads it and writes a Canvas gradebook and LTI Scores. */
    @Test
    void batchWithARoster_writesLtiScoresWithTheRostersUserIds_andOneCanvasAssignmentColumn() throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("subs"));
        Directories.copy(Path.of(MODEL), subs.resolve("alice"));
        Path roster = Files.writeString(
                tmp.resolve("roster.csv"),
                "\uFEFFsubmission,user_id,name,sis_login_id\r\nalice,lti-a11ce,\"Liddell, Alice\",aliddell\r\n"
                        + "bob,lti-b0b,Bob,bob1\r\n",
                StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");

        Run r = java(
                "batch",
                "--submissions",
                subs.toString(),
                "--out",
                out.toString(),
                "--jobs",
                "1",
                "--roster",
                roster.toString(),
                "--assignment-name",
                "Backprop HW",
                "--assignment-id",
                "314");

        assertEquals(0, r.exit(), r.err());
        assertEquals(
                "lti-a11ce",
                StrictJson.parse("LTI", Files.readString(out.resolve("lti/alice.json")))
                        .getAsJsonObject()
                        .get("userId")
                        .getAsString());
        try (CSVParser csv = CSVParser.parse(out.resolve("gradebook.csv"), StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
            List<CSVRecord> records = csv.getRecords();
            assertEquals(
                    List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Backprop HW (314)"),
                    records.get(0).toList());
            String full = Long.toString(Math.round(Catalog.maxScore()));
            assertEquals(
                    List.of("Liddell, Alice", "", "", "aliddell", "", full),
                    records.get(1).toList());
            assertEquals(List.of("Bob", "", "", "bob1", "", "0"), records.get(2).toList());
        }
        assertTrue(r.err().contains("no submission for 'bob'"), r.err());
    }
}
