package org.backpropgrader.grader.run;

import org.backpropgrader.grader.files.Directories;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.backpropgrader.runner.ChildMain;

/**
 * The child JVM's class path: the {@code runner} module's {@code child} jar (runner, {@code reference},
 * {@code exercises}, Gson; never the grader), which the grader carries as the resource
 * {@value #RESOURCE}. It is extracted once into a cache directory named by its content hash below the system temp
 * directory, written to a temporary name and renamed into place, so graders running at the same time share it
 * safely and a changed jar never meets a stale copy.
 *
 * <p>Next to it lives an AppCDS archive of the classes every child loads, made by one training run of the child
 * ({@code -XX:ArchiveClassesAtExit}); children that find it start faster. It is tied to the JVM that made it, so its
 * name includes that JVM's version and home. When it cannot be made, children run without it.
 */
public final class ChildClasspath {
    static final String RESOURCE = "/child/runner-child.jar";
    /** Set to {@code off} to start children without the class data sharing archive (for measurements). */
    public static final String CDS_PROPERTY = "backprop.child.cds";

    private static ChildClasspath instance;

    private final Path jar;
    private final Path archive;

    private ChildClasspath(Path jar, Path archive) {
        this.jar = jar;
        this.archive = archive;
    }

    /** The extracted jar (extracting it on first use) and, unless switched off, its CDS archive. */
    public static synchronized ChildClasspath get() throws IOException {
        if (instance == null) {
            Path jar = extract(cacheRoot());
            Path archive = "off".equalsIgnoreCase(System.getProperty(CDS_PROPERTY)) ? null : archiveFor(jar);
            instance = new ChildClasspath(jar, archive);
        }
        return instance;
    }

    /** This class path without the CDS archive: children start as a plain JVM would (for measurements). */
    public ChildClasspath withoutCds() {
        return new ChildClasspath(jar, null);
    }

    /** The jar that is the child's whole class path. */
    public Path jar() {
        return jar;
    }

    /** The flags that let a child use the CDS archive, or none. */
    public List<String> cdsFlags() {
        return archive == null ? List.of() : List.of("-XX:SharedArchiveFile=" + archive);
    }

    static Path cacheRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"), "backprop-grader-child");
    }

    /** Extracts the resource to {@code root/<hash>/runner-child.jar} unless it is there already. */
    static Path extract(Path root) throws IOException {
        byte[] bytes;
        try (InputStream in = ChildClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the grader has no " + RESOURCE + " resource: build it with Maven"
                        + " (the runner module's child jar is copied in at generate-resources)");
            }
            bytes = in.readAllBytes();
        }
        Path dir = root.resolve(sha256(bytes).substring(0, 20));
        Path jar = dir.resolve("runner-child.jar");
        if (Files.isRegularFile(jar) && Files.size(jar) == bytes.length) {
            return jar; // named by its content: same name, same bytes (the temp + rename below never leaves half)
        }
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "runner-child", ".tmp");
        try {
            Files.write(temp, bytes);
            moveIntoPlace(temp, jar);
        } finally {
            Files.deleteIfExists(temp);
        }
        return jar;
    }

    /**
     * The CDS archive for {@code jar} and this JVM, made by a training run if missing; null if that fails. The
     * training child writes to a name of its own and the archive is renamed into place, so concurrent graders at
     * worst both train.
     */
    static Path archiveFor(Path jar) {
        String vm = Runtime.version() + "|" + System.getProperty("java.home") + "|" + System.getProperty("java.vm.name");
        Path archive = jar.resolveSibling("child-" + sha256(vm.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .substring(0, 12) + ".jsa");
        if (Files.isRegularFile(archive)) {
            return archive;
        }
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory(jar.getParent(), "train");
            Path temp = scratch.resolve("child.jsa");
            List<String> command = new ArrayList<>();
            command.add(ChildJvmRunner.javaExecutable());
            command.addAll(ChildJvmRunner.baseFlags(256, 1024, scratch));
            command.add("-XX:ArchiveClassesAtExit=" + temp);
            command.addAll(List.of("-cp", jar.toString(), ChildMain.class.getName(), "--train"));
            Process p = new ProcessBuilder(command).directory(scratch.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(temp)) {
                return null;
            }
            moveIntoPlace(temp, archive);
            return archive;
        } catch (IOException | UncheckedIOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            Directories.deleteQuietly(scratch);
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            try {
                Files.move(temp, target);
            } catch (FileAlreadyExistsException other) {
                // another grader got there first with the same bytes
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
