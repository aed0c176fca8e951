package org.backpropgrader.grader.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
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
    void extractsOnceIntoAPrivateDirectoryNamedByContent() throws Exception {
        Path cache = tmp.resolve("cache");
        Path jar = ChildClasspath.load(cache, false).jar();
        assertArrayEquals(resource(), Files.readAllBytes(jar));
        assertEquals("runner-child.jar", jar.getFileName().toString());
        assertEquals(cache.resolve("child"), jar.getParent().getParent());
        assertTrue(jar.getParent().getFileName().toString().matches("[0-9a-f]{20}"), jar.toString());
        for (Path dir : List.of(cache, cache.resolve("child"), jar.getParent())) {
            assertEquals(
                    "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), dir.toString());
        }

        FileTime before = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(jar, before);
        assertEquals(jar, ChildClasspath.load(cache, false).jar());
        assertEquals(before, Files.getLastModifiedTime(jar), "verified by its hash, not written again");
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
                futures.add(pool.submit(() -> ChildClasspath.load(tmp, false).jar()));
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
    void theChildClassPathHoldsNoCodeThatComputesAGradientAndNoGrader() throws Exception {
        try (JarFile jar = new JarFile(ChildClasspath.load(tmp, false).jar().toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            for (String wanted : List.of(
                    "org/backpropgrader/runner/ChildMain.class",
                    "org/backpropgrader/reference/Tensor.class",
                    "org/backpropgrader/exercises/Exercises.class")) {
                assertTrue(names.contains(wanted), wanted);
            }
            assertFalse(
                    names.stream().anyMatch(n -> n.startsWith("org/backpropgrader/reference/Autograd")),
                    "no Autograd: no property, class loader or Unsafe trick can switch it on in the child");
            assertFalse(names.stream().anyMatch(n -> n.startsWith("org/backpropgrader/grader/")), "no grader class");
            assertFalse(names.stream().anyMatch(n -> n.startsWith("org/junit/")), "no JUnit");
            assertFalse(
                    names.stream().anyMatch(n -> n.startsWith("com/google/gson/")),
                    "no Gson: the protocol is binary, and nothing the child need not load can be misused there");
        }
    }

    @Test
    void aJarReplacedInTheCacheIsWrittenAfreshBeforeTheNextChild() throws Exception {
        ChildClasspath cp = ChildClasspath.load(tmp, false);
        // what a submission did to the old cache: a ChildMain that negates every answer, same size
        byte[] forged = resource();
        forged[forged.length / 2] ^= 1;
        Files.write(cp.jar(), forged);
        cp.verify();
        assertArrayEquals(resource(), Files.readAllBytes(cp.jar()));
        // and a fresh grader process finds it by its hash, not its size
        Files.write(cp.jar(), forged);
        assertArrayEquals(
                resource(), Files.readAllBytes(ChildClasspath.load(tmp, false).jar()));
    }

    @Test
    void theClassDataSharingArchiveIsMadeOnceAndDroppedWhenReplaced() throws Exception {
        ChildClasspath cp = ChildClasspath.load(tmp, true);
        List<String> flags = cp.cdsFlags();
        // a JVM without CDS support has no archive, and children run without it
        assumeTrue(!flags.isEmpty(), "this JVM made no CDS archive");
        Path archive = Path.of(flags.get(0).substring("-XX:SharedArchiveFile=".length()));
        FileTime made = Files.getLastModifiedTime(archive);
        assertEquals(flags, ChildClasspath.load(tmp, true).cdsFlags());
        assertEquals(made, Files.getLastModifiedTime(archive), "trained once");
        try (Stream<Path> files = Files.list(cp.jar().getParent())) {
            assertEquals(
                    Set.of(cp.jar(), archive, archive.resolveSibling(archive.getFileName() + ".sha256")),
                    Set.copyOf(files.toList()),
                    "the training left nothing else");
        }

        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length - 1] ^= 1;
        Files.write(archive, bytes);
        cp.verify();
        assertEquals(List.of(), cp.cdsFlags(), "a replaced archive is never used");
        assertFalse(Files.exists(archive));
    }

    @Test
    void archivesOfBuildsNoGraderStartedFromForThirtyDaysAreDeletedAndTheirJarsKept() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("cache/child"));
        Path unused = Files.createDirectories(root.resolve("0000000000unused0000"));
        Path recent = Files.createDirectories(root.resolve("0000000000recent0000"));
        for (Path dir : List.of(unused, recent)) {
            Files.write(dir.resolve("runner-child.jar"), new byte[] {1});
            Files.write(dir.resolve("child-0123456789ab.jsa"), new byte[] {2});
            Files.write(dir.resolve("child-0123456789ab.jsa.sha256"), new byte[] {3});
        }
        Instant now = Instant.now();
        Files.setLastModifiedTime(unused, FileTime.from(now.minus(Duration.ofDays(31))));
        Files.setLastModifiedTime(recent, FileTime.from(now.minus(Duration.ofDays(29))));

        ChildClasspath cp = ChildClasspath.load(tmp.resolve("cache"), false);

        try (Stream<Path> left = Files.list(unused)) {
            assertEquals(List.of(unused.resolve("runner-child.jar")), left.toList());
        }
        try (Stream<Path> left = Files.list(recent)) {
            assertEquals(3, left.count(), "used 29 days ago");
        }
        assertTrue(
                Files.getLastModifiedTime(cp.directory()).toInstant().isAfter(now.minusSeconds(60)),
                "this grader marked its own directory used");
    }

    @Test
    void anArchiveRewrittenWithItsSizeAndModificationTimePutBackIsMadeAfreshAtTheNextStart() throws Exception {
        List<String> flags = ChildClasspath.load(tmp, true).cdsFlags();
        assumeTrue(!flags.isEmpty(), "this JVM made no CDS archive");
        Path archive = Path.of(flags.get(0).substring("-XX:SharedArchiveFile=".length()));
        byte[] made = Files.readAllBytes(archive);
        FileTime modified = Files.getLastModifiedTime(archive);
        byte[] forged = made.clone();
        forged[forged.length / 2] ^= 1;
        Files.write(archive, forged);
        Files.setLastModifiedTime(archive, modified); // only its change time tells

        assertEquals(flags, ChildClasspath.load(tmp, true).cdsFlags());
        assertFalse(java.util.Arrays.equals(forged, Files.readAllBytes(archive)), "the forged archive was used");
    }

    @Test
    void anArchiveCopiedBackUnchangedIsKeptAndRecordedAsItIsNow() throws Exception {
        List<String> flags = ChildClasspath.load(tmp, true).cdsFlags();
        assumeTrue(!flags.isEmpty(), "this JVM made no CDS archive");
        Path archive = Path.of(flags.get(0).substring("-XX:SharedArchiveFile=".length()));
        Path hashFile = archive.resolveSibling(archive.getFileName() + ".sha256");
        String recorded = Files.readString(hashFile);
        Path backup = Files.copy(archive, tmp.resolve("backup.jsa"));
        Files.delete(archive);
        Files.copy(backup, archive); // a new inode, the same bytes

        assertEquals(flags, ChildClasspath.load(tmp, true).cdsFlags());
        String now = Files.readString(hashFile);
        assertEquals(recorded.split(" ")[0], now.split(" ")[0], "the same hash");
        assertFalse(recorded.equals(now), "recorded with the copy's inode and times: " + now);
        assertArrayEquals(Files.readAllBytes(backup), Files.readAllBytes(archive));
    }

    @Test
    void aCacheDirectoryPlantedByAnotherUserIsRefused() throws Exception {
        Path planted = Files.createDirectories(tmp.resolve("planted"));
        try {
            Files.setAttribute(planted, "unix:uid", 4242);
        } catch (IOException e) {
            assumeTrue(false, "only root can give a directory away: " + e);
        }
        IOException e = assertThrows(IOException.class, () -> ChildClasspath.load(planted, false));
        assertTrue(e.getMessage().contains("owned by uid 4242, not by the grader's user"), e.getMessage());
    }

    @Test
    void aCacheDirectoryOthersCanWriteToIsRefused() throws Exception {
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException e = assertThrows(IOException.class, () -> ChildClasspath.load(shared, false));
        assertTrue(e.getMessage().contains("lets other users write to it; expected rwx------"), e.getMessage());
    }

    @Test
    void aLinkInPlaceOfTheCacheDirectoryIsRefused() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        IOException e = assertThrows(IOException.class, () -> ChildClasspath.load(link, false));
        assertTrue(e.getMessage().contains("found a symbolic link"), e.getMessage());
    }
}
