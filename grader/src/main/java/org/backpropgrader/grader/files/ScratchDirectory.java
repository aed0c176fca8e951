package org.backpropgrader.grader.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A new private directory below {@code java.io.tmpdir}, as {@link Files#createTempDirectory(String,
 * java.nio.file.attribute.FileAttribute[])} makes one, without its {@code SecureRandom}: the first secure random number
 * of a JVM sets up the JDK's security providers, about 20 ms of a student's 300 ms {@code check}. The name is this
 * process's id and a counter instead; the directory is created atomically and owner-only, so a name someone else took
 * first (a directory or a link planted in a shared {@code /tmp}) is never used: the next name is tried.
 */
public final class ScratchDirectory {
    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() & 0xffffff);
    private static final int ATTEMPTS = 100;

    private ScratchDirectory() {}

    /** Creates {@code tmpdir/<prefix><pid>-<n>}, readable and writable by this user only where the file system says. */
    public static Path create(String prefix) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        long pid = ProcessHandle.current().pid();
        for (int i = 0; i < ATTEMPTS; i++) {
            Path dir = tmp.resolve(prefix + pid + "-" + NEXT.getAndIncrement());
            try {
                return posix
                        ? Files.createDirectory(
                                dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                        : Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                // taken: the next name
            }
        }
        return Files.createTempDirectory(prefix); // every name taken: the JDK's random ones
    }
}
