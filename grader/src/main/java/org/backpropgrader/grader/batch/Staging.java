package org.backpropgrader.grader.batch;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.backpropgrader.grader.files.PrivateDirectory;

/**
 * The grader's own copies of a batch's submissions, made before any child starts: a submission is graded from its
 * copy, so nothing that happens to the submissions directory while the batch runs (a student's process, a late
 * upload) changes what is graded, and each child is given its own copy only. Links are copied as links, never
 * followed. The copies live in a {@link PrivateDirectory} below the batch's scratch directory and go with it.
 */
final class Staging {
    /** Beyond these a submission is not copied (nor loadable: the loader's own limits are lower). */
    static final long MAX_BYTES = 256L << 20;

    static final int MAX_FILES = 20_000;

    private final Path root;

    Staging(Path root) throws IOException {
        this.root = PrivateDirectory.ensure(root);
    }

    /** A copy of {@code entry} below the staging root, under the same file name. */
    Entries.Entry stage(Entries.Entry entry) throws IOException {
        Path source = entry.path();
        Path target = root.resolve(entry.fileName());
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            copyTree(source, target);
        } else {
            if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS) && Files.size(source) > MAX_BYTES) {
                throw new IOException(entry.fileName() + " has " + Files.size(source) + " bytes; at most " + MAX_BYTES
                        + " are graded");
            }
            Files.copy(source, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return new Entries.Entry(entry.id(), target);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        long[] budget = {MAX_BYTES, MAX_FILES};
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                count(dir, 0);
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                count(file, attrs.isRegularFile() ? attrs.size() : 0);
                Files.copy(file, target.resolve(source.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }

            private void count(Path p, long bytes) throws IOException {
                budget[0] -= bytes;
                budget[1]--;
                if (budget[0] < 0 || budget[1] < 0) {
                    throw new IOException(source.getFileName() + " holds more than " + MAX_FILES + " files or "
                            + MAX_BYTES + " bytes (at " + source.relativize(p) + "); that is not a submission");
                }
            }
        });
    }
}
