package org.backpropgrader.grader.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;
import java.util.List;
import org.backpropgrader.grader.files.PrivateDirectory;

/**
 * Where a batch's scratch goes (its staged copies of the submissions, the workers' extracted and compiled classes):
 * in memory when the machine has a tmpfs with room for it, else in {@code OUT/.work}. A batch creates and deletes some
 * 25 scratch files a submission, all within a minute, and an ext4 file system without a journal (as on the machines
 * this was measured on) searches past every inode freed in the last half minute or so whenever it allocates one: in a
 * profile of a 100-submission batch, 6.5% of the busy CPU was that search, most of it for scratch files. A tmpfs has
 * no such cost, and the next batch on the disk no longer pays for this one's deletions.
 *
 * <p>The tmpfs is {@code /dev/shm}; the directory is {@code backprop-grader-<user>/<hash of OUT>} below it, the first
 * a {@link PrivateDirectory} (the user's own, mode 0700: {@code /dev/shm} is as shared as {@code /tmp}), the second
 * named by the output directory so that the next run on the same {@code OUT} finds a killed run's leftovers. It is
 * chosen only when the tmpfs has at least {@link #MIN_FREE_BYTES} free and the submissions take at most a
 * {@link #SHARE_OF_FREE}th of that (the copies and their classes live in memory until the batch ends); otherwise, or
 * when anything about it fails, the scratch goes where it always went.
 */
public final class BatchScratch {
    static final Path TMPFS = Path.of("/dev/shm");
    static final long MIN_FREE_BYTES = 1L << 30;
    static final int SHARE_OF_FREE = 8;

    private BatchScratch() {}

    /** The scratch directory of the batch writing to {@code out} and grading {@code submissions}. */
    static Path choose(Path out, Path submissions) {
        return choose(out, submissions, TMPFS);
    }

    static Path choose(Path out, Path submissions, Path tmpfs) {
        Path onDisk = onDisk(out);
        try {
            if (!Files.isDirectory(tmpfs)) {
                return onDisk;
            }
            FileStore store = Files.getFileStore(tmpfs);
            long free = store.getUsableSpace();
            if (!"tmpfs".equals(store.type()) || free < MIN_FREE_BYTES) {
                return onDisk;
            }
            if (bytesUpTo(submissions, free / SHARE_OF_FREE) > free / SHARE_OF_FREE) {
                return onDisk;
            }
            return PrivateDirectory.ensure(userDirectory(tmpfs)).resolve(name(out));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return onDisk;
        }
    }

    /** Every place a batch writing to {@code out} may have left scratch: on disk and in memory. */
    public static List<Path> everyPlace(Path out) {
        return List.of(onDisk(out), userDirectory(TMPFS).resolve(name(out)));
    }

    static Path onDisk(Path out) {
        return out.resolve(".work");
    }

    private static Path userDirectory(Path tmpfs) {
        return tmpfs.resolve("backprop-grader-" + System.getProperty("user.name"));
    }

    private static String name(Path out) {
        byte[] digest = ContentHash.sha256()
                .digest(out.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, 24);
    }

    /** The bytes of the regular files below {@code dir} (links not followed), counted until more than {@code cap}. */
    private static long bytesUpTo(Path dir, long cap) throws IOException {
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += attrs.isRegularFile() ? attrs.size() : 0;
                return total[0] > cap ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // Entries and Staging report what cannot be read
            }
        });
        return total[0];
    }
}
