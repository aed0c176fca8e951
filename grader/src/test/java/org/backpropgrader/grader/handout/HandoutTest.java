package org.backpropgrader.grader.handout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.Catalog;
import org.backpropgrader.grader.files.Directories;
import org.backpropgrader.grader.policy.PolicyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The student handout, tried as a new student would: unzipped into an empty folder, with only a JDK, Maven and a
 * local repository that has the third-party artifacts (JUnit, Gson, Maven's plugins) but none of the grader's.
 */
class HandoutTest {
    /** The whole catalog\'s points, as the table prints them. */
    private static final String MAX = Long.toString(Math.round(Catalog.maxScore()));

    private static final String VERSION = "0.1.0-SNAPSHOT";

    @TempDir
    Path tmp;

    private Path handout(String... exerciseIds) throws IOException {
        Path zip = tmp.resolve("hw.zip");
        Handout.write(
                zip,
                exerciseIds.length == 0
                        ? Exercises.all()
                        : Exercises.all().stream()
                                .filter(e -> List.of(exerciseIds).contains(e.id()))
                                .toList(),
                null);
        return zip;
    }

    private static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().toList()) {
                try (InputStream in = z.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static String text(Map<String, byte[]> entries, String name) {
        assertTrue(entries.containsKey(name), "no " + name + " in " + entries.keySet());
        return new String(entries.get(name), StandardCharsets.UTF_8);
    }

    @Test
    void bundleHoldsTheStubsOfTheChosenExercises_andItsMakefileChecksJustThose() throws IOException {
        Map<String, byte[]> entries = entries(handout("relu-neuron", "l2-linear"));

        List<String> stubs = entries.keySet().stream()
                .filter(n -> n.startsWith("src/main/java/"))
                .toList();
        assertEquals(
                List.of("src/main/java/student/L2LinearSolution.java", "src/main/java/student/ReluNeuronSolution.java"),
                stubs);
        assertEquals(
                Files.readString(Path.of("../student-template/src/main/java/student/ReluNeuronSolution.java")),
                text(entries, "src/main/java/student/ReluNeuronSolution.java"),
                "the template's stub, unchanged");
        assertTrue(text(entries, "Makefile").contains("\nEXERCISES ?= relu-neuron,l2-linear\n"));
        assertEquals(
                List.of("target/", "submission.zip", "lib/grader.jsa"),
                text(entries, ".gitignore").lines().toList(),
                "what the build, make submit and make check write stays out of a course's repository");
        assertEquals(Files.readString(Path.of("../student-template/README.md")), text(entries, "README.md"));
        for (String name : List.of(
                "README.md",
                "Makefile",
                "pom.xml",
                "policy.json",
                "lib/grader.jar",
                ".mvn/maven.config",
                "src/test/resources/junit-platform.properties")) {
            assertTrue(entries.containsKey(name), name);
        }
    }

    @Test
    void policyKeepsTheInstructorsRulesButOnlyThePublicSeed() throws Exception {
        String instructor = "{\"seeds\": [111111, 7, 31337], \"shapes\": \"squeeze\","
                + " \"tolerance\": {\"rtol\": 1e-4, \"atolScale\": 1e-5}}";
        JsonObject bundled =
                JsonParser.parseString(Handout.publicPolicy(instructor)).getAsJsonObject();

        assertEquals("[111111]", bundled.get("seeds").toString());
        assertEquals("squeeze", bundled.get("shapes").getAsString());
        assertEquals(1e-4, bundled.getAsJsonObject("tolerance").get("rtol").getAsDouble());
        assertEquals(
                List.of(111111L),
                PolicyLoader.parse(Handout.publicPolicy(instructor), "policy.json")
                        .seeds());
        assertEquals(
                List.of(111111L),
                PolicyLoader.parse(Handout.publicPolicy(null), "policy.json").seeds());
    }

    @Test
    void repositoryHoldsOurThreeArtifacts_theGraderWithItsEngineAndWithoutThirdPartyClasses() throws IOException {
        Map<String, byte[]> entries = entries(handout());
        for (String artifact : List.of("reference", "exercises", "grader")) {
            String base = "repo/org/backpropgrader/" + artifact + "/" + VERSION + "/" + artifact + "-" + VERSION;
            assertTrue(entries.containsKey(base + ".jar"), base);
            assertTrue(text(entries, base + ".pom").contains("<artifactId>" + artifact + "</artifactId>"));
        }
        Path grader = tmp.resolve("grader.jar");
        Files.write(grader, entries.get("repo/org/backpropgrader/grader/" + VERSION + "/grader-" + VERSION + ".jar"));
        try (JarFile jar = new JarFile(grader.toFile())) {
            assertEquals(
                    "org.backpropgrader.grader.junit.GradingTestEngine\n",
                    new String(
                            jar.getInputStream(jar.getEntry("META-INF/services/org.junit.platform.engine.TestEngine"))
                                    .readAllBytes(),
                            StandardCharsets.UTF_8));
            assertTrue(jar.getEntry("org/backpropgrader/grader/cli/Main.class") != null);
            assertTrue(jar.getEntry("child/runner-child.jar") != null, "grade's child JVM comes along");
            assertTrue(
                    jar.stream()
                            .noneMatch(e -> e.getName().startsWith("org/junit/")
                                    || e.getName().startsWith("com/google/")
                                    || e.getName().startsWith("org/backpropgrader/reference/")),
                    "third-party classes come from Maven, the engine from its own artifact");
        }
        String graderPom = text(entries, "repo/org/backpropgrader/grader/" + VERSION + "/grader-" + VERSION + ".pom");
        assertTrue(graderPom.contains("<artifactId>junit-bom</artifactId>"), graderPom);
    }

    @Test
    void pomPinsEveryPluginAtTheVersionTheBuildUses() throws IOException {
        String bundled = text(entries(handout()), "pom.xml");
        Map<String, String> build = pluginVersions(Files.readString(Path.of("../pom.xml")));
        Map<String, String> pinned = pluginVersions(bundled);

        for (String plugin : List.of(
                "maven-clean-plugin",
                "maven-resources-plugin",
                "maven-compiler-plugin",
                "maven-surefire-plugin",
                "maven-jar-plugin",
                "maven-install-plugin")) {
            assertTrue(build.containsKey(plugin), "the build's pom pins " + plugin);
            assertEquals(build.get(plugin), pinned.get(plugin), plugin);
        }
        assertFalse(bundled.contains("@PROJECT_VERSION@"));
        assertTrue(bundled.contains("<backprop-grader.version>" + VERSION + "</backprop-grader.version>"));
    }

    private static Map<String, String> pluginVersions(String pom) {
        Map<String, String> versions = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<artifactId>(maven-[a-z-]+-plugin)</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        while (m.find()) {
            versions.put(m.group(1), m.group(2));
        }
        return versions;
    }

    /** What one command did in the unzipped handout. */
    private record Run(int exit, String output) {}

    private Run run(Path dir, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, "run", ".log");
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", command) + " did not finish in 5 minutes");
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().toList()) {
                Path target = into.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(into), e.getName());
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, target);
                }
            }
        }
    }

    /**
     * A local repository with this build's third-party artifacts and none of ours: hard links into a copy (Maven
     * replaces files rather than writing into them, so the build's repository is never touched), without
     * {@code org/backpropgrader}, so whatever of ours Maven resolves comes from the handout.
     */
    private Path thirdPartyRepository() throws IOException, InterruptedException {
        String m2 = System.getProperty("backprop.test.m2");
        assumeTrue(m2 != null && Files.isDirectory(Path.of(m2)), "run by Maven, which names its local repository");
        Path copy = tmp.resolve("m2");
        Run cp = run(tmp, "cp", "-al", m2, copy.toString());
        if (cp.exit() == 0) {
            Directories.deleteQuietly(copy.resolve("org/backpropgrader"));
        } else {
            // Another file system (hard links cannot cross it): a tree of links to everything but ours, which
            // offline Maven only reads.
            Directories.deleteQuietly(copy);
            linkAllButOurs(Path.of(m2).toAbsolutePath(), copy);
        }
        assertFalse(Files.exists(copy.resolve("org/backpropgrader")));
        return copy;
    }

    /** Symbolic links to {@code m2}'s entries, and to {@code m2/org}'s but {@code backpropgrader}. */
    private static void linkAllButOurs(Path m2, Path copy) throws IOException {
        Files.createDirectories(copy.resolve("org"));
        for (Path dir : List.of(m2, m2.resolve("org"))) {
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.toList()) {
                    String name = entry.getFileName().toString();
                    boolean skip = dir.equals(m2) ? name.equals("org") : name.equals("backpropgrader");
                    if (!skip) {
                        Files.createSymbolicLink(
                                copy.resolve(m2.relativize(entry).toString()), entry);
                    }
                }
            }
        }
    }

    @Test
    void
            unzippedInAnEmptyFolder_untouchedChecksToZeroWithExit1_mavenListsOneTestPerGradient_andTheCorrectSolutionGetsFullPoints()
                    throws Exception {
        assumeTrue(onPath("make") && onPath("mvn"), "needs make and mvn on the PATH");
        Path student = Files.createDirectories(tmp.resolve("empty folder"));
        unzip(handout(), student);
        Path m2 = thirdPartyRepository();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Run grader = run(
                student,
                java,
                "-jar",
                "lib/grader.jar",
                "check",
                "--submission",
                "src/main/java",
                "--policy",
                "policy.json");
        assertEquals(1, grader.exit(), grader.output());
        assertTrue(grader.output().contains("\ntotal 0/" + MAX + "\n"), grader.output());
        Run make = run(student, "make", "check");
        assertEquals(2, make.exit(), "make reports the check's exit 1 as a failed recipe: " + make.output());
        assertTrue(make.output().contains("\ntotal 0/" + MAX + "\n"), make.output());
        assertTrue(make.output().contains("--policy policy.json"), "the public seed only: " + make.output());
        assertTrue(
                Files.isRegularFile(student.resolve("lib/grader.jsa")),
                "the first check archived the grader's" + " classes for the next: " + make.output());
        Run submit = run(student, "make", "submit");
        assertEquals(0, submit.exit(), submit.output());
        assertTrue(submit.output().contains("warning: nothing is implemented yet"), submit.output());
        assertTrue(Files.isRegularFile(student.resolve("submission.zip")));

        Run mvn = run(student, "mvn", "-B", "-o", "-Dmaven.repo.local=" + m2, "test");
        assertEquals(1, mvn.exit(), mvn.output());
        int n = Catalog.gradients();
        assertTrue(
                mvn.output().contains("Tests run: " + n + ", Failures: " + n + ", Errors: 0, Skipped: 0"),
                mvn.output());
        assertTrue(
                Files.isRegularFile(m2.resolve("org/backpropgrader/grader/" + VERSION + "/grader-" + VERSION + ".jar")),
                "the grader came from the handout's repository");
        Run one = run(student, "mvn", "-B", "-o", "-Dmaven.repo.local=" + m2, "test", "-Dtest=MseLinearSolution#diff2");
        assertTrue(one.output().contains("Tests run: 1, Failures: 1, Errors: 0, Skipped: 0"), one.output());
        String xml = Files.readString(student.resolve("target/surefire-reports/TEST-student.MseLinearSolution.xml"));
        assertTrue(xml.contains("<testcase name=\"diff2\" classname=\"student.MseLinearSolution\""), xml);

        // the correct solution in place of the stubs
        Directories.deleteQuietly(student.resolve("src/main/java/student"));
        Path notebook = Files.createDirectories(student.resolve("src/main/java/notebook"));
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../examples/correct/notebook"))) {
            files.forEach(sources::add);
        }
        for (Path f : sources) {
            Files.copy(f, notebook.resolve(f.getFileName()));
        }
        Run full = run(student, "make", "check");
        assertEquals(0, full.exit(), full.output());
        assertTrue(full.output().contains("-XX:SharedArchiveFile=lib/grader.jsa"), full.output());
        assertFalse(full.output().contains("[cds]"), "nothing about the archive is printed: " + full.output());
        assertTrue(full.output().contains("\ntotal " + MAX + "/" + MAX + "\n"), full.output());
        Run green = run(student, "mvn", "-B", "-o", "-Dmaven.repo.local=" + m2, "test");
        assertEquals(0, green.exit(), green.output());
        assertTrue(green.output().contains("Tests run: " + n + ", Failures: 0, Errors: 0, Skipped: 0"), green.output());
    }
}
