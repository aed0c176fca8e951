package org.backpropgrader.grader.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A directory that only the grader's own user can change: what the grader runs or trusts lives in one. Made with
 * mode 0700 where missing; an existing one is used only if it is a real directory (not a link), owned by this
 * process's user, and writable by nobody else, so a directory planted by another local user in a shared
 * {@code /tmp} is refused, never used.
 */
public final class PrivateDirectory {
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private PrivateDirectory() {}

    /** {@code dir}, made if missing (its parents as usual), after the checks above; IOException says what failed. */
    public static Path ensure(Path dir) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (dir.getParent() != null) {
                Files.createDirectories(dir.getParent());
            }
            try {
                if (posix) {
                    Files.createDirectory(dir, OWNER_ONLY); // the umask can only take bits away from 0700
                } else {
                    Files.createDirectory(dir);
                }
            } catch (FileAlreadyExistsException e) {
                // made at the same moment by another grader, or planted: the checks below decide
            }
        }
        if (!posix) {
            return dir;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("refusing " + dir + ": expected a directory of the grader's own, found "
                    + (Files.isSymbolicLink(dir) ? "a symbolic link" : "something else"));
        }
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int self = currentUid();
        if (owner != self) {
            throw new IOException("refusing " + dir + ": it is owned by uid " + owner + ", not by the grader's user"
                    + " (uid " + self + "); another user may have planted it. Remove it, or point the grader"
                    + " elsewhere with -D" + CACHE_DIR_PROPERTY);
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException("refusing " + dir + ": mode " + PosixFilePermissions.toString(perms)
                    + " lets other users write to it; expected rwx------ (chmod 700 it, or remove it)");
        }
        return dir;
    }

    /** Where operators point the grader's cache instead of the default. */
    public static final String CACHE_DIR_PROPERTY = "backprop.cache.dir";

    /**
     * The grader's cache root: {@value #CACHE_DIR_PROPERTY}, else {@code $XDG_CACHE_HOME/backprop-grader}, else
     * {@code ~/.cache/backprop-grader}; a per-user name below the temp directory only when there is no home.
     */
    public static Path cacheRoot() {
        String configured = System.getProperty(CACHE_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "backprop-grader");
        }
        String home = System.getProperty("user.home");
        if (home != null
                && !home.isBlank()
                && !home.equals("?")
                && Files.isDirectory(Path.of(home))
                && Files.isWritable(Path.of(home))) {
            return Path.of(home, ".cache", "backprop-grader");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "backprop-grader-" + System.getProperty("user.name"));
    }

    /** This process's uid: the owner of its {@code /proc} entry, or of a file it has just made. */
    private static int currentUid() throws IOException {
        Path self = Path.of("/proc/self");
        if (Files.isDirectory(self)) {
            return (Integer) Files.getAttribute(self, "unix:uid");
        }
        Path probe = Files.createTempFile("uid", ".probe");
        try {
            return (Integer) Files.getAttribute(probe, "unix:uid");
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
