package org.backpropgrader.grader.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.backpropgrader.grader.files.AtomicFiles;
import org.backpropgrader.grader.files.Directories;
import org.backpropgrader.grader.files.PrivateDirectory;
import org.backpropgrader.runner.ChildMain;

/**
 * The child JVM's class path: the {@code runner} module's {@code child} jar (runner, {@code reference} without
 * {@code Autograd}, {@code exercises}; never the grader), which the grader carries as the resource
 * {@value #RESOURCE}, and an AppCDS archive of the classes every child loads.
 *
 * <h2>Nothing of the grader is trusted blindly</h2>
 * Both live in a {@link PrivateDirectory} below the grader's cache root ({@code ~/.cache/backprop-grader/child/}):
 * owned by the grader's user, mode 0700; one planted by another user, or writable by others, is refused. The jar is
 * named by its content hash and checked against the resource's own SHA-256 when this process first uses it; the
 * archive against the hash recorded when it was made (in full only when the file is not the one it was recorded for:
 * see {@code Recorded}). Before every child start, {@link #verify()} compares each
 * file's inode, size, modification and change times with those seen at that check (a change time no process can
 * set back), and hashes the file in full again when any differs: a replaced jar is written afresh from the resource,
 * a replaced archive is dropped. The sandbox binds this directory read-only.
 *
 * <p>The archive is a static one, made from the classes one training run of the child loads
 * ({@code -XX:DumpLoadedClassList}, then {@code -Xshare:dump}), both outside the sandbox (only the grader's own code
 * runs there), and tied to the JVM that made it, so its name includes that JVM's version and home. A child maps this
 * one archive instead of the JDK's default archive with a dynamic archive on top ({@code -XX:ArchiveClassesAtExit},
 * which this used to make): it took a median 7% less CPU (8.5 ms) in 30 paired replays of a model and a mistaken
 * solution. When it cannot be made, children run without it.
 *
 * <p>Every build of the grader has a directory of its own, and its archive takes some 10 MB. A grader marks its
 * directory used whenever it starts ({@link #load}) and deletes the archives of directories no grader has used for
 * {@link #UNUSED_ARCHIVES_KEPT}: a grader still running from such a directory finds its archive gone at its next child
 * ({@link #verify()}) and starts children without it, as when the archive cannot be made. The small jars stay.
 */
public final class ChildClasspath {
    static final String RESOURCE = "/child/runner-child.jar";
    /** Set to {@code off} to start children without the class data sharing archive (for measurements). */
    public static final String CDS_PROPERTY = "backprop.child.cds";

    /** How long another build's archive is kept after a grader last started from its directory. */
    static final Duration UNUSED_ARCHIVES_KEPT = Duration.ofDays(30);

    private static ChildClasspath instance;

    private final byte[] jarBytes;
    private final byte[] jarHash;
    private final Path jar;
    private Fingerprint jarSeen;
    private Path archive;
    private byte[] archiveHash;
    private Fingerprint archiveSeen;

    private ChildClasspath(byte[] jarBytes, byte[] jarHash, Path jar, Path archive, byte[] archiveHash)
            throws IOException {
        this.jarBytes = jarBytes;
        this.jarHash = jarHash;
        this.jar = jar;
        this.jarSeen = Fingerprint.of(jar);
        this.archive = archive;
        this.archiveHash = archiveHash;
        this.archiveSeen = archive == null ? null : Fingerprint.of(archive);
    }

    /** The extracted, verified jar (extracting it on first use) and, unless switched off, its CDS archive. */
    public static synchronized ChildClasspath get() throws IOException {
        if (instance == null) {
            instance = load(PrivateDirectory.cacheRoot(), !"off".equalsIgnoreCase(System.getProperty(CDS_PROPERTY)));
        }
        return instance;
    }

    /** The class path kept below {@code cacheRoot}, with or without its CDS archive. */
    static ChildClasspath load(Path cacheRoot, boolean cds) throws IOException {
        byte[] bytes;
        try (InputStream in = ChildClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the grader has no " + RESOURCE + " resource: build it with Maven"
                        + " (the runner module's child jar is copied in at generate-resources)");
            }
            bytes = in.readAllBytes();
        }
        byte[] hash = sha256(bytes);
        PrivateDirectory.ensure(cacheRoot);
        Path root = PrivateDirectory.ensure(cacheRoot.resolve("child"));
        Path dir = PrivateDirectory.ensure(
                root.resolve(HexFormat.of().formatHex(hash).substring(0, 20)));
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now()));
        deleteUnusedArchives(root, dir, Instant.now().minus(UNUSED_ARCHIVES_KEPT));
        Path jar = dir.resolve("runner-child.jar");
        if (!Files.isRegularFile(jar, LinkOption.NOFOLLOW_LINKS) || !Arrays.equals(sha256(jar), hash)) {
            writeAtomically(dir, jar, bytes);
        }
        Archive made = cds ? archiveFor(jar) : null;
        return made == null
                ? new ChildClasspath(bytes, hash, jar, null, null)
                : new ChildClasspath(
                        bytes, hash, jar, made.path(), HexFormat.of().parseHex(made.sha256()));
    }

    /**
     * Deletes the archives (and their hashes) in the directories below {@code root} other than {@code current} that
     * were last used before {@code unusedSince}. Best effort: what cannot be listed or deleted stays.
     */
    static void deleteUnusedArchives(Path root, Path current, Instant unusedSince) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                if (dir.equals(current)
                        || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                        || !Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS)
                                .toInstant()
                                .isBefore(unusedSince)) {
                    continue;
                }
                try (DirectoryStream<Path> archives = Files.newDirectoryStream(dir, "*.{jsa,jsa.sha256}")) {
                    for (Path archive : archives) {
                        if (Files.isRegularFile(archive, LinkOption.NOFOLLOW_LINKS)) {
                            Files.deleteIfExists(archive);
                        }
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the cache only grows a little more
        }
    }

    /** This class path without the CDS archive: children start as a plain JVM would (for measurements). */
    public synchronized ChildClasspath withoutCds() throws IOException {
        return new ChildClasspath(jarBytes, jarHash, jar, null, null);
    }

    /**
     * Checks the jar and archive before a child starts (see the class comment); restores a replaced jar, drops a
     * replaced archive. Costs a few system calls when nothing changed.
     */
    public synchronized void verify() throws IOException {
        if (!Fingerprint.of(jar).equals(jarSeen)) {
            if (!Files.isRegularFile(jar, LinkOption.NOFOLLOW_LINKS) || !Arrays.equals(sha256(jar), jarHash)) {
                writeAtomically(jar.getParent(), jar, jarBytes);
                dropArchive(); // it names the jar's old modification time: the JVM would ignore it anyway
            }
            jarSeen = Fingerprint.of(jar);
        }
        if (archive != null && !Fingerprint.of(archive).equals(archiveSeen)) {
            if (!Files.isRegularFile(archive, LinkOption.NOFOLLOW_LINKS)
                    || !Arrays.equals(sha256(archive), archiveHash)) {
                dropArchive();
            } else {
                archiveSeen = Fingerprint.of(archive);
            }
        }
    }

    private void dropArchive() {
        if (archive != null) {
            try {
                Files.deleteIfExists(archive);
                Files.deleteIfExists(hashFile(archive));
            } catch (IOException e) {
                // it is no longer used either way
            }
        }
        archive = null;
        archiveHash = null;
        archiveSeen = null;
    }

    /** The jar that is the child's whole class path. */
    public Path jar() {
        return jar;
    }

    /** The directory holding the jar and the archive: what a sandbox binds read-only. */
    public Path directory() {
        return jar.getParent();
    }

    /** The flags that let a child use the CDS archive, or none. */
    public synchronized List<String> cdsFlags() {
        return archive == null ? List.of() : List.of("-XX:SharedArchiveFile=" + archive);
    }

    /**
     * The CDS archive for {@code jar} and this JVM and its hash, made by a training run if missing or if its recorded
     * hash does not match; null if that fails. The training child writes to a name of its own and the archive is
     * renamed into place after its hash, so concurrent graders at worst both train.
     */
    static Archive archiveFor(Path jar) {
        String vm = Runtime.version() + "|" + System.getProperty("java.home") + "|" + System.getProperty("java.vm.name")
                + "|static|" + ChildCommand.COLLECTOR;
        Path archive = jar.resolveSibling("child-"
                + HexFormat.of()
                        .formatHex(sha256(vm.getBytes(StandardCharsets.UTF_8)))
                        .substring(0, 12) + ".jsa");
        try {
            if (Files.isRegularFile(archive, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(hashFile(archive))) {
                Recorded recorded = Recorded.read(hashFile(archive));
                if (Fingerprint.of(archive).encoded().equals(recorded.fingerprint())) {
                    return new Archive(archive, recorded.sha256()); // the file it was recorded for (see Recorded)
                }
                if (HexFormat.of().formatHex(sha256(archive)).equals(recorded.sha256())) {
                    record(archive, recorded.sha256()); // the same bytes in another file: a copy, a restore
                    return new Archive(archive, recorded.sha256());
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable or garbled: train afresh
        }
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory(jar.getParent(), "train");
            Path classList = scratch.resolve("classes.lst");
            Path temp = scratch.resolve("child.jsa");
            List<String> train = new ArrayList<>();
            train.add(Processes.thisJava());
            train.addAll(ChildCommand.baseFlags(256, 1024, scratch));
            train.add("-XX:DumpLoadedClassList=" + classList);
            train.addAll(List.of("-cp", jar.toString(), ChildMain.class.getName(), "--train"));
            // The children's collector: the heap objects an archive carries are the ones it can map.
            List<String> dump = List.of(
                    Processes.thisJava(),
                    "-Xshare:dump",
                    ChildCommand.COLLECTOR,
                    "-XX:SharedClassListFile=" + classList,
                    "-XX:SharedArchiveFile=" + temp,
                    "-cp",
                    jar.toString());
            if (!succeeds(train, scratch)
                    || !Files.isRegularFile(classList)
                    || !succeeds(dump, scratch)
                    || !Files.isRegularFile(temp)) {
                return null;
            }
            String hash = HexFormat.of().formatHex(sha256(temp));
            writeAtomically(jar.getParent(), hashFile(archive), new Recorded(hash, "").bytes());
            AtomicFiles.moveIntoPlace(temp, archive);
            record(archive, hash);
            return new Archive(archive, hash);
        } catch (IOException | UncheckedIOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            Directories.deleteQuietly(scratch);
        }
    }

    /** A CDS archive in place, and its SHA-256 in hex. */
    record Archive(Path path, String sha256) {}

    /** Runs {@code command} in {@code dir}, its output discarded; whether it exited 0 within a minute. */
    private static boolean succeeds(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    /**
     * What an archive's hash file records: the archive's SHA-256 and, once it is in place, its {@link Fingerprint}
     * then. A grader's start hashes the archive (some 10 MB, 0.13 s in a C1-only JVM) only when the fingerprint
     * differs: no write, truncation or replacement of the file leaves its inode, size, modification and change times as
     * they were (no process can set a change time back), which is what {@link #verify()} relies on before every child
     * too.
     */
    private record Recorded(String sha256, String fingerprint) {
        static Recorded read(Path hashFile) throws IOException {
            String[] parts = Files.readString(hashFile, StandardCharsets.US_ASCII)
                    .strip()
                    .split(" ", 2);
            return new Recorded(parts[0], parts.length > 1 ? parts[1] : "");
        }

        byte[] bytes() {
            return (sha256 + (fingerprint.isEmpty() ? "" : " " + fingerprint) + "\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Records {@code archive}'s hash with its fingerprint as it is now. */
    private static void record(Path archive, String sha256) throws IOException {
        writeAtomically(
                archive.getParent(),
                hashFile(archive),
                new Recorded(sha256, Fingerprint.of(archive).encoded()).bytes());
    }

    private static Path hashFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".sha256");
    }

    private static void writeAtomically(Path dir, Path target, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, bytes);
            AtomicFiles.moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static byte[] sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                digest.update(buf, 0, n);
            }
        }
        return digest.digest();
    }

    private static byte[] sha256(byte[] bytes) {
        return newDigest().digest(bytes);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** What changes whenever a file's content can have changed: a new inode, size, modification or change time. */
    private record Fingerprint(Object inode, long size, Object modified, Object changed) {
        static Fingerprint of(Path file) throws IOException {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return new Fingerprint(null, -1, null, null);
            }
            Map<String, Object> a =
                    Files.readAttributes(file, "unix:ino,size,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS);
            return new Fingerprint(a.get("ino"), (Long) a.get("size"), a.get("lastModifiedTime"), a.get("ctime"));
        }

        /** One line: inode, size, modification and change times in nanoseconds. */
        String encoded() {
            return inode + ":" + size + ":" + nanos(modified) + ":" + nanos(changed);
        }

        private static String nanos(Object time) {
            return time instanceof FileTime t ? Long.toString(t.to(TimeUnit.NANOSECONDS)) : "-";
        }
    }
}
