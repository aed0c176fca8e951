package org.backpropgrader.grader.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The four submissions each platform's wrapper is tried with, laid out as students upload them. */
final class Uploads {
    /** The policy the wrappers carry: two hidden seeds besides the public one, two exercises (to keep tests short). */
    static final String POLICY = "{\"seeds\": [111111, 7, 2024], \"include\": [\"mse-linear\", \"relu-neuron\"]}\n";

    private Uploads() {}

    /** The examples' correct sources, deep inside the student's repository. */
    static void correct(Path upload) throws IOException {
        PlatformContainer.copyTree(
                Path.of("../examples/correct/notebook"), upload.resolve("my-repo/src/main/java/notebook"));
    }

    /** The examples' classic mistakes, as the zip {@code make submit} would write, in a subfolder. */
    static void wrong(Path upload) throws IOException {
        Path zip = upload.resolve("handin/hw.zip");
        Files.createDirectories(zip.getParent());
        Path sources = Path.of("../examples/mistakes/mistakes");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out);
                Stream<Path> files = Files.list(sources)) {
            for (Path f : files.sorted().toList()) {
                z.putNextEntry(new ZipEntry("src/main/java/mistakes/" + f.getFileName()));
                z.write(Files.readAllBytes(f));
                z.closeEntry();
            }
        }
    }

    /** Nothing of use: a note and an empty folder. */
    static void empty(Path upload) throws IOException {
        Files.createDirectories(upload.resolve("src/main/java/student"));
        Files.writeString(upload.resolve("notes.txt"), "I will do it tomorrow\n");
    }

    /** A source with a syntax error. */
    static void notCompiling(Path upload) throws IOException {
        Path file = upload.resolve("MseLinearSolution.java");
        Files.writeString(
                file,
                "package student;\n\npublic class MseLinearSolution {\n    int f() { return 1 }\n}\n",
                StandardCharsets.UTF_8);
    }
}
