package org.backpropgrader.grader.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scratch directories: made for one job (or copied), emptied or removed after it. Links below a directory are removed as links:
 * what they point to, which a submission may have chosen, is never touched.
 */
public final class Directories {
    private Directories() {}

    /** Removes {@code dir} and everything below it; nothing when it does not exist. */
    public static void delete(Path dir) throws IOException {
        for (Path p : deepestFirst(dir)) {
            Files.deleteIfExists(p);
        }
    }

    /**
     * Removes everything below {@code dir}, creating it if need be, so that a job starts from an empty directory. A
     * file or link where the directory should be is removed first.
     */
    public static void empty(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            for (Path p : deepestFirst(dir)) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        } else {
            Files.deleteIfExists(dir);
        }
        Files.createDirectories(dir);
    }

    /**
     * Copies the directories and regular files below {@code from} to the same places below {@code to}, creating
     * {@code to}; anything else there (a socket, a dangling link) is left out.
     */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, target);
                }
            }
        }
    }

    /**
     * Removes {@code dir} as {@link #delete} does, swallowing failures: this is for scratch space below the system
     * temp directory, where leaving something behind loses nothing (and a later run removes it).
     */
    public static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            delete(dir);
        } catch (IOException | UncheckedIOException e) {
            // Scratch space: see the javadoc.
        }
    }

    /** {@code dir} and everything below it, children before their parents; empty when {@code dir} does not exist. */
    private static List<Path> deepestFirst(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.sorted(Comparator.reverseOrder()).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
