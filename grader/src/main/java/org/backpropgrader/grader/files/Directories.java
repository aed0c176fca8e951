package org.backpropgrader.grader.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch directories: made for one job, removed after it. */
public final class Directories {
    private Directories() {}

    /**
     * Removes {@code dir} and everything below it, links included but never what they point to. Failures are
     * swallowed: this is for scratch space below the system temp directory, where leaving something behind loses
     * nothing (and a later run removes it).
     */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Scratch space: see the javadoc.
        }
    }
}
