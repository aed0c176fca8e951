package org.backpropgrader.grader.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildClasspathTest {
    @TempDir
    Path tmp;

    private static byte[] resource() throws Exception {
        try (InputStream in = ChildClasspath.class.getResourceAsStream(ChildClasspath.RESOURCE)) {
            assertNotNull(in, "the grader carries the child jar");
            return in.readAllBytes();
        }
    }

    @Test
    void extractsOnceIntoADirectoryNamedByContent() throws Exception {
        Path jar = ChildClasspath.extract(tmp);
        assertArrayEquals(resource(), Files.readAllBytes(jar));
        assertEquals("runner-child.jar", jar.getFileName().toString());
        assertEquals(tmp, jar.getParent().getParent());
        assertTrue(jar.getParent().getFileName().toString().matches("[0-9a-f]{20}"), jar.toString());

        FileTime before = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(jar, before);
        assertEquals(jar, ChildClasspath.extract(tmp));
        assertEquals(before, Files.getLastModifiedTime(jar), "found, not written again");
        try (Stream<Path> files = Files.list(jar.getParent())) {
            assertEquals(List.of(jar), files.toList(), "no temporary files left");
        }
    }

    @Test
    void concurrentGradersShareOneCopy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> ChildClasspath.extract(tmp)));
            }
            Set<Path> jars = new HashSet<>();
            for (Future<Path> f : futures) {
                jars.add(f.get());
            }
            assertEquals(1, jars.size());
            Path jar = jars.iterator().next();
            assertArrayEquals(resource(), Files.readAllBytes(jar));
            try (Stream<Path> files = Files.list(jar.getParent())) {
                assertEquals(List.of(jar), files.toList(), "no temporary files left");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theChildClassPathHoldsRunnerEngineExercisesAndGsonButNoGrader() throws Exception {
        try (JarFile jar = new JarFile(ChildClasspath.extract(tmp).toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            for (String wanted : List.of("org/backpropgrader/runner/ChildMain.class",
                    "org/backpropgrader/reference/Tensor.class", "org/backpropgrader/exercises/Exercises.class",
                    "com/google/gson/Gson.class")) {
                assertTrue(names.contains(wanted), wanted);
            }
            assertFalse(names.stream().anyMatch(n -> n.startsWith("org/backpropgrader/grader/")), "no grader class");
            assertFalse(names.stream().anyMatch(n -> n.startsWith("org/junit/")), "no JUnit");
        }
    }

    @Test
    void theClassDataSharingArchiveIsMadeOnceAndUsable() throws Exception {
        Path jar = ChildClasspath.extract(tmp);
        Path archive = ChildClasspath.archiveFor(jar);
        // a JVM without CDS support leaves it null, and children run without it
        if (archive != null) {
            assertTrue(Files.size(archive) > 0);
            FileTime made = Files.getLastModifiedTime(archive);
            assertEquals(archive, ChildClasspath.archiveFor(jar));
            assertEquals(made, Files.getLastModifiedTime(archive), "trained once");
            try (Stream<Path> files = Files.list(jar.getParent())) {
                assertEquals(Set.of(jar, archive), Set.copyOf(files.toList()), "the training left nothing else");
            }
        }
    }
}
