package org.backpropgrader.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchArchiveTest {
    @TempDir
    Path tmp;

    private Path jar() throws IOException {
        return Files.write(tmp.resolve("grader.jar"), new byte[] {'P', 'K', 3, 4});
    }

    /** What the batch JVM does with -XX:ArchiveClassesAtExit: writes the archive where the flag says. */
    private static void dumpAsTheJvmWould(BatchArchive archive) throws IOException {
        String flag = archive.flags().get(0);
        assertTrue(flag.startsWith("-XX:ArchiveClassesAtExit="), flag);
        Files.write(Path.of(flag.substring(flag.indexOf('=') + 1)), new byte[] {1, 2, 3});
    }

    private List<Path> archives(Path cache) throws IOException {
        try (Stream<Path> s = Files.list(cache.resolve("batch"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void theFirstBatchMakesTheArchiveQuietlyAndEveryLaterOneMapsIt() throws Exception {
        Path cache = tmp.resolve("cache");
        Path jar = jar();

        BatchArchive first = BatchArchive.forJar(cache, jar);
        assertNull(first.mapped());
        assertEquals("-Xlog:cds*=off", first.flags().get(1), "the JVM's CDS messages would mix into the progress");
        dumpAsTheJvmWould(first);
        first.batchExited(0);

        List<Path> made = archives(cache);
        assertEquals(1, made.size(), made.toString());
        assertTrue(made.get(0).getFileName().toString().endsWith(".jsa"), made.toString());
        BatchArchive next = BatchArchive.forJar(cache, jar);
        assertEquals(made.get(0), next.mapped());
        assertEquals(List.of("-XX:SharedArchiveFile=" + made.get(0), "-Xlog:cds*=off"), next.flags());
    }

    @Test
    void theBatchJvmIsGivenTheJarByItsAbsolutePathWhichTheArchiveRecordsAndChecks() throws Exception {
        Path jar = jar();
        Path relative = Path.of("").toAbsolutePath().relativize(jar);
        BatchArchive archive = BatchArchive.forJar(tmp.resolve("cache"), relative);

        assertEquals(jar.toString(), archive.classPath(relative.toString()));
        List<String> command = BatchJvm.command(List.of(), archive, new String[] {"batch"});
        assertEquals(jar.toString(), command.get(command.indexOf("-cp") + 1));
        assertEquals("a/b.jar:c", BatchArchive.NONE.classPath("a/b.jar:c"));
    }

    @Test
    void aBatchThatFailedLeavesNoArchive() throws Exception {
        Path cache = tmp.resolve("cache");
        BatchArchive first = BatchArchive.forJar(cache, jar());
        dumpAsTheJvmWould(first);
        first.batchExited(2);

        assertEquals(List.of(), archives(cache));
        assertNull(BatchArchive.forJar(cache, jar()).mapped(), "made afresh");
    }

    @Test
    void aRebuiltJarGetsAnArchiveOfItsOwnAndTheEarlierBuildsGoWhenItIsMade() throws Exception {
        Path cache = tmp.resolve("cache");
        Path jar = jar();
        BatchArchive first = BatchArchive.forJar(cache, jar);
        dumpAsTheJvmWould(first);
        first.batchExited(0);
        Path old = archives(cache).get(0);

        Files.write(jar, new byte[] {'P', 'K', 3, 4, 0, 0}); // rebuilt: another size and time
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        BatchArchive rebuilt = BatchArchive.forJar(cache, jar);
        assertNull(rebuilt.mapped(), "the old build's archive is not this jar's");
        assertTrue(Files.exists(old), "kept until the new one is made");
        dumpAsTheJvmWould(rebuilt);
        rebuilt.batchExited(0);

        List<Path> now = archives(cache);
        assertEquals(1, now.size(), now.toString());
        assertFalse(now.contains(old));
        assertEquals(now.get(0), BatchArchive.forJar(cache, jar).mapped());
    }

    @Test
    void archivesUnusedForThirtyDaysAndLeftoverDumpsGoWhenABatchStarts() throws Exception {
        Path cache = tmp.resolve("cache");
        Path dir = Files.createDirectories(cache.resolve("batch"));
        Path stale = Files.write(dir.resolve("batch-000000000000-000000000000.jsa"), new byte[] {1});
        Path recent = Files.write(dir.resolve("batch-111111111111-111111111111.jsa"), new byte[] {1});
        Path leftover = Files.write(dir.resolve("batch-222222222222-222222222222.123.tmp"), new byte[] {1});
        Path inProgress = Files.write(dir.resolve("batch-333333333333-333333333333.456.tmp"), new byte[] {1});
        Instant now = Instant.now();
        Files.setLastModifiedTime(
                stale, FileTime.from(now.minus(BatchArchive.UNUSED_KEPT).minus(Duration.ofDays(1))));
        Files.setLastModifiedTime(recent, FileTime.from(now.minus(Duration.ofDays(29))));
        Files.setLastModifiedTime(leftover, FileTime.from(now.minus(Duration.ofDays(2))));

        BatchArchive.forJar(cache, jar());

        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(recent));
        assertTrue(Files.exists(inProgress), "another batch may be dumping it now");
    }

    @Test
    void noArchiveForClassesOutsideAJarOrWhenTheOperatorChoseCds() throws Exception {
        assertSame(
                BatchArchive.NONE,
                BatchArchive.forJar(tmp.resolve("cache"), Files.createDirectory(tmp.resolve("classes"))));
        assertEquals(List.of(), BatchArchive.NONE.flags());
        for (String flag : List.of("-Xshare:off", "-XX:SharedArchiveFile=a.jsa", "-XX:ArchiveClassesAtExit=b.jsa")) {
            assertTrue(BatchArchive.chosenByOperator(List.of("-Xmx1g", flag)), flag);
        }
        assertFalse(BatchArchive.chosenByOperator(List.of("-Xmx1g", "-XX:+UseSerialGC")));
    }
}
