package org.backpropgrader.grader.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A class's submissions made cheaply from the repository's example sources: {@code examples/correct} (the model
 * solution, package {@code notebook}) and {@code examples/mistakes} (classic mistakes, package {@code mistakes}),
 * copied under student ids as folders or zips, plus the broken kinds a real class hands in.
 */
public final class ClassSubmissions {
    private ClassSubmissions() {}

    /** The repository's {@code examples/}: tests run in the module directory, so it is found by walking up. */
    public static Path examples() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("examples/correct")) && Files.isDirectory(d.resolve("examples/mistakes"))) {
                return d.resolve("examples");
            }
        }
        throw new IllegalStateException(
                "examples/correct not found above " + Path.of("").toAbsolutePath());
    }

    public static Path correct(Path dir, String id) throws IOException {
        return copy(examples().resolve("correct"), dir.resolve(id));
    }

    public static Path mistakes(Path dir, String id) throws IOException {
        return copy(examples().resolve("mistakes"), dir.resolve(id));
    }

    /** {@code dir/<id>.zip} holding the sources of {@code example} ({@code correct} or {@code mistakes}). */
    public static Path zip(Path dir, String id, String example) throws IOException {
        Path src = examples().resolve(example);
        Path zip = dir.resolve(id + ".zip");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out);
                Stream<Path> walk = Files.walk(src)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(src.relativize(p).toString().replace('\\', '/')));
                z.write(Files.readAllBytes(p));
                z.closeEntry();
            }
        }
        return zip;
    }

    /** {@code dir/<id>.zip} that is not a zip at all. */
    public static Path corruptZip(Path dir, String id) throws IOException {
        return Files.write(
                dir.resolve(id + ".zip"), "PK\3\4 this is not really a zip".getBytes(StandardCharsets.UTF_8));
    }

    /** The model solution with one file that does not compile. */
    public static Path compileError(Path dir, String id) throws IOException {
        Path sub = correct(dir, id);
        Path file = sub.resolve("notebook/MseLinearNotebook.java");
        Files.writeString(file, Files.readString(file) + "\nthis is not java\n");
        return sub;
    }

    /** {@code n} submissions {@code s000 …}: model solutions and mistakes, folders and zips, one corrupt zip. */
    static List<String> many(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        Path correctZip = zip(Files.createTempDirectory(dir.getParent(), "zips"), "c", "correct");
        Path mistakesZip = zip(correctZip.getParent(), "m", "mistakes");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("s%03d", i);
            ids.add(id);
            switch (i % 5) {
                case 0, 2 -> correct(dir, id);
                case 1 -> mistakes(dir, id);
                case 3 -> Files.copy(i % 2 == 0 ? correctZip : mistakesZip, dir.resolve(id + ".zip"));
                default -> {
                    if (i == 4) {
                        corruptZip(dir, id);
                    } else {
                        mistakes(dir, id);
                    }
                }
            }
        }
        return ids;
    }

    public static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return to;
    }
}
