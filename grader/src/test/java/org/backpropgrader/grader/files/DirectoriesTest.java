package org.backpropgrader.grader.files;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {
    @TempDir
    Path tmp;

    /** A small tree: two files, one of them two levels down. */
    private Path tree(String name) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("top.txt"), "top");
        Files.writeString(dir.resolve("a/b/deep.txt"), "deep");
        return dir;
    }

    private static List<Path> below(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }

    @Test
    void emptyRemovesEverythingBelowButKeepsTheDirectory() throws IOException {
        Path dir = tree("work");

        Directories.empty(dir);

        assertTrue(Files.isDirectory(dir));
        assertEquals(List.of(), below(dir));
    }

    @Test
    void emptyCreatesAMissingDirectoryAndReplacesAFileInItsPlace() throws IOException {
        Path missing = tmp.resolve("x/y");
        Directories.empty(missing);
        assertTrue(Files.isDirectory(missing));

        Path file = Files.writeString(tmp.resolve("file"), "not a directory");
        Directories.empty(file);
        assertTrue(Files.isDirectory(file));
    }

    @Test
    void linksAreRemovedAsLinksAndWhatTheyPointToIsKept() throws IOException {
        Path outside = tree("outside");
        Path dir = Files.createDirectories(tmp.resolve("work"));
        Files.createSymbolicLink(dir.resolve("to-dir"), outside);
        Files.createSymbolicLink(dir.resolve("to-file"), outside.resolve("top.txt"));
        Path linkAsWorkDir = Files.createSymbolicLink(tmp.resolve("linked-work"), outside);

        Directories.empty(dir);
        Directories.empty(linkAsWorkDir);
        Directories.delete(Files.createSymbolicLink(tmp.resolve("link"), outside));

        assertEquals(List.of(), below(dir));
        assertFalse(Files.isSymbolicLink(linkAsWorkDir), "the link was replaced by a directory");
        assertFalse(Files.exists(tmp.resolve("link"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("top", Files.readString(outside.resolve("top.txt")));
        assertEquals("deep", Files.readString(outside.resolve("a/b/deep.txt")));
    }

    @Test
    void copyCopiesDirectoriesAndRegularFilesAndLeavesOutDanglingLinks() throws IOException {
        Path from = Files.createDirectories(tmp.resolve("from/a/b"));
        Files.writeString(from.resolve("x.class"), "x");
        Files.writeString(tmp.resolve("from/top.txt"), "top");
        Files.createDirectories(tmp.resolve("from/empty"));
        Files.createSymbolicLink(tmp.resolve("from/dangling"), tmp.resolve("nowhere"));

        Directories.copy(tmp.resolve("from"), tmp.resolve("to/copy"));

        assertEquals("x", Files.readString(tmp.resolve("to/copy/a/b/x.class")));
        assertEquals("top", Files.readString(tmp.resolve("to/copy/top.txt")));
        assertTrue(Files.isDirectory(tmp.resolve("to/copy/empty")));
        assertFalse(Files.exists(tmp.resolve("to/copy/dangling"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("x", Files.readString(tmp.resolve("from/a/b/x.class")), "the source is left as it was");
    }

    @Test
    void deleteRemovesTheWholeTreeAndNothingIsNoMistake() throws IOException {
        Path dir = tree("work");

        Directories.delete(dir);
        Directories.delete(dir);

        assertFalse(Files.exists(dir));
    }

    @Test
    void deleteQuietlyTakesNullAndMissingDirectories() throws IOException {
        Path dir = tree("work");
        assertDoesNotThrow(() -> Directories.deleteQuietly(null));
        Directories.deleteQuietly(dir);
        assertFalse(Files.exists(dir));
        assertDoesNotThrow(() -> Directories.deleteQuietly(dir));
    }
}
