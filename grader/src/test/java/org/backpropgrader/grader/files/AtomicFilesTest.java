package org.backpropgrader.grader.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeReplacesTheWholeContent() throws IOException {
        Path target = dir.resolve("report.json");
        AtomicFiles.write(target, "a much longer first version".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "short".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("short".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
    }

    @Test
    void writeLeavesNoTemporaryFileBehind() throws IOException {
        AtomicFiles.write(dir.resolve("a.json"), new byte[] {1});
        AtomicFiles.write(dir.resolve("a.json"), new byte[] {2});
        assertEquals(List.of("a.json"), names(dir));
    }

    @Test
    void writeCreatesParentDirectories() throws IOException {
        Path target = dir.resolve("out/deep/results.json");
        AtomicFiles.write(target, new byte[] {42});
        assertArrayEquals(new byte[] {42}, Files.readAllBytes(target));
    }

    @Test
    void failureLeavesNoTemporaryFileAndNamesThePath() throws IOException {
        Path target = dir.resolve("taken");
        Files.createDirectory(target);
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[] {1}));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertEquals(List.of("taken"), names(dir));
        assertTrue(Files.isDirectory(target));
    }
}
