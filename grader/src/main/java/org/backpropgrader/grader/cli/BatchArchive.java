package org.backpropgrader.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.backpropgrader.grader.files.AtomicFiles;
import org.backpropgrader.grader.files.PrivateDirectory;

/**
 * The batch JVM's class data sharing archive: a dynamic AppCDS archive, on top of the JDK's default one, of the
 * classes a batch loads (the grader's, Gson's, javac's some 1,500). A batch JVM that maps it neither parses nor links
 * them again: a 20-submission batch took 3.1 to 3.2 s instead of 3.4 to 3.8 s, most of it at the start, in the
 * cold first compilation every worker waits for.
 *
 * <p>The first batch a grader jar runs on a JVM makes it ({@code -XX:ArchiveClassesAtExit}, written to a name of its
 * own); the launching JVM renames it into place once the batch JVM has exited 0; every later batch maps it. It lives
 * in {@code batch/} below the grader's cache root ({@link PrivateDirectory}: the user's own, mode 0700), named by the
 * JVM, the jar's path and the jar's size and modification time, so a rebuilt jar gets an archive of its own (and the
 * JVM itself maps no archive whose jar differs: it runs without, silently). When one is made, the archives of the same
 * jar's earlier builds go; any not used for {@link #UNUSED_KEPT} go when a batch starts. It is not hashed as the
 * child's is ({@code run.ChildClasspath}): only the grader's own code runs in the batch JVM, and whoever can write to
 * the user's private cache can as well replace the jar. The JVM's CDS messages are off: a batch's standard output is
 * its progress.
 *
 * <p>Only a batch started as {@code java -jar grader.jar} makes or maps one (CDS takes no directories with classes on
 * the class path), and none when the operator chose CDS flags or set {@value #PROPERTY} to {@code off}.
 */
final class BatchArchive {
    static final String PROPERTY = "backprop.batch.cds";
    static final Duration UNUSED_KEPT = Duration.ofDays(30);
    private static final String QUIET = "-Xlog:cds*=off";

    /** No archive: the batch JVM starts as it would without one. */
    static final BatchArchive NONE = new BatchArchive(null, null, null);

    /** The jar, as an absolute path: the class path the archive records and is checked against. */
    private final Path jar;
    /** The archive's place. */
    private final Path archive;
    /** Where the batch JVM dumps the archive when it is to be made, else null: it is mapped (or there is none). */
    private final Path dump;

    private BatchArchive(Path jar, Path archive, Path dump) {
        this.jar = jar;
        this.archive = archive;
        this.dump = dump;
    }

    /** The archive for a batch JVM started with {@code jvmFlags} and this JVM's class path, or {@link #NONE}. */
    static BatchArchive forThisJvm(List<String> jvmFlags) {
        String classPath = System.getProperty("java.class.path", "");
        if ("off".equalsIgnoreCase(System.getProperty(PROPERTY)) || chosenByOperator(jvmFlags)) {
            return NONE;
        }
        try {
            return forJar(PrivateDirectory.cacheRoot(), Path.of(classPath));
        } catch (InvalidPathException e) {
            return NONE;
        }
    }

    static boolean chosenByOperator(List<String> jvmFlags) {
        return jvmFlags.stream()
                .anyMatch(f -> f.startsWith("-Xshare")
                        || f.startsWith("-XX:SharedArchiveFile")
                        || f.startsWith("-XX:ArchiveClassesAtExit")
                        || f.startsWith("-XX:SharedClassListFile")
                        || f.startsWith("-XX:DumpLoadedClassList"));
    }

    /** The archive below {@code cacheRoot} for {@code jar}, or {@link #NONE} if it is not a jar or the cache fails. */
    static BatchArchive forJar(Path cacheRoot, Path jar) {
        try {
            if (!jar.getFileName().toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
                return NONE;
            }
            Path absolute = jar.toAbsolutePath().normalize();
            BasicFileAttributes attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
            PrivateDirectory.ensure(cacheRoot);
            Path dir = PrivateDirectory.ensure(cacheRoot.resolve("batch"));
            String family = "batch-" + hash(Runtime.version() + "|" + System.getProperty("java.home") + "|" + absolute);
            String build =
                    hash(attributes.size() + "|" + attributes.lastModifiedTime().toMillis());
            Path archive = dir.resolve(family + "-" + build + ".jsa");
            deleteUnused(dir, archive, Instant.now().minus(UNUSED_KEPT));
            if (Files.isRegularFile(archive, LinkOption.NOFOLLOW_LINKS)) {
                Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
                return new BatchArchive(absolute, archive, null);
            }
            return new BatchArchive(
                    absolute,
                    archive,
                    dir.resolve(
                            family + "-" + build + "." + ProcessHandle.current().pid() + ".tmp"));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return NONE; // the batch runs as it would without
        }
    }

    /**
     * The class path to start the batch JVM with: the jar's absolute path, which the archive records as it was given
     * and checks at every start (a relative one would fail from another working directory, and the JVM would then
     * map none of the archive); {@code classPath} for {@link #NONE}.
     */
    String classPath(String classPath) {
        return jar == null ? classPath : jar.toString();
    }

    /** The flags that make the batch JVM map the archive or dump it; none for {@link #NONE}. */
    List<String> flags() {
        if (archive == null) {
            return List.of();
        }
        return dump == null
                ? List.of("-XX:SharedArchiveFile=" + archive, QUIET)
                : List.of("-XX:ArchiveClassesAtExit=" + dump, QUIET);
    }

    /**
     * After the batch JVM exited with {@code exitCode}: an archive it dumped goes into place if it exited 0 (and the
     * same jar's earlier builds' archives go), and is deleted otherwise.
     */
    void batchExited(int exitCode) {
        if (dump == null || !Files.isRegularFile(dump, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (exitCode != 0 || Files.size(dump) == 0) {
                Files.deleteIfExists(dump);
                return;
            }
            AtomicFiles.moveIntoPlace(dump, archive);
            deleteEarlierBuilds(archive);
        } catch (IOException | UncheckedIOException e) {
            try {
                Files.deleteIfExists(dump);
            } catch (IOException ignored) {
                // the next batch's start deletes it once a day has passed
            }
        }
    }

    /** The archive this batch maps (null when it makes one or has none); for tests. */
    Path mapped() {
        return dump == null ? archive : null;
    }

    /** Other builds' archives of {@code archive}'s jar (same name up to the build hash). */
    private static void deleteEarlierBuilds(Path archive) throws IOException {
        String name = archive.getFileName().toString();
        String family = name.substring(0, name.lastIndexOf('-') + 1);
        try (DirectoryStream<Path> s = Files.newDirectoryStream(archive.getParent(), family + "*.jsa")) {
            for (Path p : s) {
                if (!p.equals(archive)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Archives other than {@code current} not used since {@code unusedSince}, and dumps left by a batch JVM that was
     * killed (older than a day). Best effort.
     */
    static void deleteUnused(Path dir, Path current, Instant unusedSince) {
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "batch-*")) {
            for (Path p : s) {
                if (p.equals(current) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Instant modified =
                        Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
                boolean leftover = p.getFileName().toString().endsWith(".tmp") && modified.isBefore(dayAgo);
                if (leftover || modified.isBefore(unusedSince)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the cache only grows a little more
        }
    }

    private static String hash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
