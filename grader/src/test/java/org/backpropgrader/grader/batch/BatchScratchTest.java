package org.backpropgrader.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchScratchTest {
    @TempDir
    Path tmp;

    private Path submissions() throws IOException {
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        ClassSubmissions.correct(subs, "alice");
        return subs;
    }

    private static boolean roomyTmpfs() throws IOException {
        return Files.isDirectory(BatchScratch.TMPFS)
                && "tmpfs".equals(Files.getFileStore(BatchScratch.TMPFS).type())
                && Files.getFileStore(BatchScratch.TMPFS).getUsableSpace() >= BatchScratch.MIN_FREE_BYTES;
    }

    @Test
    void scratchGoesToADirectoryOfTheUsersOwnOnTheTmpfsNamedByTheOutputDirectory() throws Exception {
        assumeTrue(roomyTmpfs(), "no tmpfs with room at " + BatchScratch.TMPFS);
        Path out = tmp.resolve("out");

        Path scratch = BatchScratch.choose(out, submissions());

        assertEquals(BatchScratch.TMPFS, scratch.getParent().getParent(), scratch.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(scratch.getParent())));
        assertEquals(scratch, BatchScratch.choose(out, tmp.resolve("subs")), "the next run finds it");
        assertEquals(BatchScratch.everyPlace(out).get(1), scratch);
        assertNotEquals(scratch, BatchScratch.choose(tmp.resolve("other-out"), tmp.resolve("subs")));
    }

    @Test
    void scratchStaysInTheOutputDirectoryWithoutATmpfs() throws Exception {
        Path out = tmp.resolve("out");
        Path subs = submissions();

        assertEquals(out.resolve(".work"), BatchScratch.choose(out, subs, tmp.resolve("no-such-tmpfs")));
        Path disk = Files.createDirectory(tmp.resolve("not-a-tmpfs"));
        assumeFalse("tmpfs".equals(Files.getFileStore(disk).type()), "the temp directory is a tmpfs here");
        assertEquals(out.resolve(".work"), BatchScratch.choose(out, subs, disk));
    }

    @Test
    void scratchStaysInTheOutputDirectoryWhenTheSubmissionsWouldTakeTooMuchOfTheTmpfs() throws Exception {
        assumeTrue(roomyTmpfs(), "no tmpfs with room at " + BatchScratch.TMPFS);
        Path subs = submissions();
        long tooMuch = Files.getFileStore(BatchScratch.TMPFS).getUsableSpace() / BatchScratch.SHARE_OF_FREE + 1;
        try (RandomAccessFile big = new RandomAccessFile(subs.resolve("bob.zip").toFile(), "rw")) {
            big.setLength(tooMuch); // sparse: its size counts, no disk is used
        }
        Path out = tmp.resolve("out");

        assertEquals(out.resolve(".work"), BatchScratch.choose(out, subs));
    }
}
