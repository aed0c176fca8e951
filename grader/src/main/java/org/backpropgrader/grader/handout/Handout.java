package org.backpropgrader.grader.handout;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.cli.CommandLine;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.files.AtomicFiles;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.policy.PolicyException;
import org.backpropgrader.grader.policy.PolicyLoader;
import org.backpropgrader.grader.report.Json;
import org.backpropgrader.reference.Tensor;
import org.backpropgrader.runner.ChildMain;

/**
 * A self-contained student bundle: the template's stubs for the chosen exercises, its README, Makefile and a
 * standalone pom, the grader as {@code lib/grader.jar} for {@code make check}, a GitHub Classroom workflow that runs
 * that self-check on every push ({@link ClassroomWorkflow}), and a file-based Maven repository
 * ({@code repo/}) holding the {@code reference}, {@code exercises} and {@code grader} artifacts the pom names, so
 * the project builds and opens in an IDE on a machine that never saw the grader's sources. Its policy keeps the
 * instructor's tolerances, shapes and points but only the public seed.
 */
public final class Handout {
    private static final String RESOURCES = "/handout/";
    private static final String GROUP = "org/backpropgrader/";

    private Handout() {}

    /**
     * Writes the bundle to {@code zip}.
     *
     * @param policyJson the instructor's policy file's text, or null for the default policy
     */
    public static void write(Path zip, List<Exercise<?, ?>> exercises, String policyJson) throws IOException {
        Properties versions = versions();
        TreeMap<String, byte[]> files = new TreeMap<>();
        project(files, exercises, policyJson, versions.getProperty("project.version"));
        files.put("lib/grader.jar", graderJar());
        repository(files, versions);
        AtomicFiles.write(zip, zip(files));
    }

    /** What the student edits and runs: stubs, README, Makefile, pom, policy. */
    private static void project(
            SortedMap<String, byte[]> files, List<Exercise<?, ?>> exercises, String policyJson, String version)
            throws IOException {
        files.put("README.md", resource("template/README.md"));
        String ids = exercises.size() == Exercises.all().size()
                ? "all"
                : String.join(",", exercises.stream().map(Exercise::id).toList());
        String makefile = text(resource("template/Makefile")).replace("EXERCISES ?= all", "EXERCISES ?= " + ids);
        files.put("Makefile", utf8(makefile));
        try (InputStream pom = Handout.class.getResourceAsStream("pom.xml.template")) {
            files.put("pom.xml", utf8(text(pom.readAllBytes()).replace("@PROJECT_VERSION@", version)));
        }
        // Maven's offline mode (-o, an IDE without network) may still read the handout's own file repository.
        files.put(".mvn/maven.config", utf8("-Daether.offline.protocols=file\n"));
        // What the build and make check write: a course's repository (GitHub Classroom) keeps only the student's work.
        // lib/grader.jsa is the AppCDS archive of this machine's JVM that the first make check writes.
        files.put(".gitignore", utf8("target/\nsubmission.zip\nlib/grader.jsa\n"));
        String policy = publicPolicy(policyJson);
        files.put("policy.json", utf8(policy));
        try {
            files.put(
                    ClassroomWorkflow.PATH,
                    utf8(ClassroomWorkflow.yaml(exercises, PolicyLoader.parse(policy, "policy.json"))));
        } catch (PolicyException e) {
            throw new IOException("the handout's own policy.json does not read: " + e.getMessage(), e);
        }
        // IDEs read this; Surefire gets the same parameter from the pom.
        files.put("src/test/resources/junit-platform.properties", utf8("backprop-grader.policy=policy.json\n"));
        for (Exercise<?, ?> e : exercises) {
            String stub = "src/main/java/student/"
                    + e.backwardType().getSimpleName().replace("Backward", "Solution") + ".java";
            files.put(stub, resource("template/" + stub));
        }
    }

    /** The file repository the pom reads our artifacts from; JUnit, Gson and Commons CLI come from Central. */
    private static void repository(SortedMap<String, byte[]> files, Properties versions) throws IOException {
        String version = versions.getProperty("project.version");
        artifact(
                files,
                "reference",
                version,
                List.of(new ClassPathJars.Piece(Tensor.class, GROUP + "reference/")),
                List.of(),
                new TreeMap<>(),
                null);
        artifact(
                files,
                "exercises",
                version,
                List.of(new ClassPathJars.Piece(Exercises.class, GROUP + "exercises/")),
                List.of(dependency("org.backpropgrader", "reference", version)),
                new TreeMap<>(),
                null);
        TreeMap<String, byte[]> services = new TreeMap<>();
        services.put(
                "META-INF/services/org.junit.platform.engine.TestEngine",
                utf8("org.backpropgrader.grader.junit.GradingTestEngine\n"));
        artifact(
                files,
                "grader",
                version,
                graderPieces(),
                List.of(
                        dependency("org.backpropgrader", "exercises", version),
                        dependency("org.backpropgrader", "reference", version),
                        dependency("com.google.code.gson", "gson", versions.getProperty("gson.version")),
                        dependency("commons-cli", "commons-cli", versions.getProperty("commons-cli.version")),
                        dependency(
                                "org.ow2.asm", "asm", versions.getProperty("asm.version")), // the load-time API check
                        dependency("org.junit.platform", "junit-platform-launcher", null)),
                services,
                versions.getProperty("junit.version"));
    }

    private static byte[] zip(SortedMap<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                ZipEntry e = new ZipEntry(f.getKey());
                e.setTime(0); // the same exercises and grader give the same bytes
                out.putNextEntry(e);
                out.write(f.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The instructor's policy with the public seed only: hidden seeds stay with the instructor. */
    static String publicPolicy(String policyJson) {
        JsonObject policy = policyJson == null
                ? new JsonObject()
                : JsonParser.parseString(policyJson).getAsJsonObject();
        JsonArray seeds = new JsonArray();
        seeds.add(Policy.NOTEBOOK_SEED);
        policy.add("seeds", seeds);
        return Json.PRETTY.toJson(policy) + "\n";
    }

    private static List<ClassPathJars.Piece> graderPieces() {
        List<ClassPathJars.Piece> pieces = new ArrayList<>();
        pieces.add(new ClassPathJars.Piece(Handout.class, GROUP + "grader/"));
        pieces.add(new ClassPathJars.Piece(Handout.class, "child/"));
        pieces.add(new ClassPathJars.Piece(Handout.class, "handout/"));
        pieces.add(new ClassPathJars.Piece(ChildMain.class, GROUP + "runner/"));
        return pieces;
    }

    /**
     * The grader this handout was made by: the running jar itself when it is one, else a jar assembled from the
     * class path (running from the build's classes, as the tests do).
     */
    public static byte[] graderJar() throws IOException {
        Path root = ClassPathJars.root(Handout.class);
        if (Files.isRegularFile(root)) {
            return Files.readAllBytes(root);
        }
        List<ClassPathJars.Piece> pieces = new ArrayList<>(graderPieces());
        pieces.add(new ClassPathJars.Piece(Tensor.class, GROUP + "reference/"));
        pieces.add(new ClassPathJars.Piece(Exercises.class, GROUP + "exercises/"));
        pieces.add(new ClassPathJars.Piece(Gson.class, "com/google/gson/"));
        pieces.add(new ClassPathJars.Piece(CommandLine.class, "org/apache/commons/cli/"));
        for (String optional : List.of("org.objectweb.asm.ClassReader")) {
            try {
                Class<?> c = Class.forName(optional, false, Handout.class.getClassLoader());
                pieces.add(new ClassPathJars.Piece(
                        c, optional.substring(0, optional.lastIndexOf('.') + 1).replace('.', '/')));
            } catch (ClassNotFoundException e) {
                // not a dependency of this grader
            }
        }
        return ClassPathJars.jar(pieces, ClassPathJars.manifest("org.backpropgrader.grader.cli.Main"), new TreeMap<>());
    }

    private static void artifact(
            SortedMap<String, byte[]> files,
            String artifactId,
            String version,
            List<ClassPathJars.Piece> pieces,
            List<String> dependencies,
            SortedMap<String, byte[]> extra,
            String junitBom)
            throws IOException {
        String dir = "repo/org/backpropgrader/" + artifactId + "/" + version + "/";
        files.put(
                dir + artifactId + "-" + version + ".jar",
                ClassPathJars.jar(pieces, ClassPathJars.manifest(null), extra));
        StringBuilder pom = new StringBuilder();
        pom.append(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n")
                .append("  <modelVersion>4.0.0</modelVersion>\n  <groupId>org.backpropgrader</groupId>\n")
                .append("  <artifactId>")
                .append(artifactId)
                .append("</artifactId>\n  <version>")
                .append(version)
                .append("</version>\n");
        if (junitBom != null) {
            // JUnit's platform artifacts have versions of their own (1.x for JUnit 5.x): the BOM maps them.
            pom.append("  <dependencyManagement><dependencies><dependency><groupId>org.junit</groupId>")
                    .append("<artifactId>junit-bom</artifactId><version>")
                    .append(junitBom)
                    .append("</version><type>pom</type><scope>import</scope></dependency></dependencies>")
                    .append("</dependencyManagement>\n");
        }
        if (!dependencies.isEmpty()) {
            pom.append("  <dependencies>\n");
            dependencies.forEach(pom::append);
            pom.append("  </dependencies>\n");
        }
        pom.append("</project>\n");
        files.put(dir + artifactId + "-" + version + ".pom", utf8(pom.toString()));
    }

    private static String dependency(String group, String artifact, String version) {
        return "    <dependency><groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId>"
                + (version == null ? "" : "<version>" + version + "</version>") + "</dependency>\n";
    }

    private static Properties versions() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Handout.class.getResourceAsStream(RESOURCES + "versions.properties")) {
            if (in == null) {
                throw new IOException("the grader was built without handout/versions.properties");
            }
            p.load(in);
        }
        return p;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Handout.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("the grader was built without " + RESOURCES + name);
            }
            return in.readAllBytes();
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
