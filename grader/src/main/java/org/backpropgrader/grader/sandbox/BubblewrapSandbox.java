package org.backpropgrader.grader.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.backpropgrader.grader.policy.Policy;

/**
 * The child JVM inside bubblewrap ({@code bwrap}, the sandbox Flatpak uses), the way a container per submission
 * isolates it on Gradescope, only lighter (about 5 ms a start):
 *
 * <ul>
 *   <li>new user, PID, network, IPC, UTS and cgroup namespaces: it sees no process of the host (not the grader,
 *       not another student's child), no network but a loopback of its own, and dies with the grader
 *       ({@code --die-with-parent}); when its PID namespace's first process ends, the kernel kills the rest, so no
 *       daemon it started outlives it;
 *   <li>uid and gid 65534 inside, every capability dropped, no new privileges (a root-started bubblewrap without
 *       {@code --cap-drop ALL} keeps nearly every capability: a remount of {@code /} escaped when tried);
 *   <li>a root of its own: {@code /usr} and the JDK read-only, the paths the grader names (the verified child jar,
 *       the submission's classes) read-only at their own paths, its own {@code /proc} and a minimal {@code /dev},
 *       and one writable place, a private {@code /tmp} of {@code fileSizeMb} that is also its working directory;
 *   <li>limits beyond the heap: memory and processes by {@link Cgroups} where the host lets the grader use them,
 *       file size and CPU time by rlimits ({@code prlimit}).
 * </ul>
 *
 * A limit the host cannot enforce is named in every report ({@link #warnings}).
 */
public final class BubblewrapSandbox implements Sandbox {
    /** Where operators point the grader at a {@code bwrap} that is not on the PATH. */
    public static final String BWRAP_PROPERTY = "backprop.bwrap";
    /** The uid and gid the child runs as inside: {@code nobody}. */
    private static final String NOBODY = "65534";
    /** Exit status of the cgroup-joining shell when it could not join: the sandbox never started. */
    static final int JOIN_FAILED = 125;

    private static final String JOIN_SCRIPT =
            "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit " + JOIN_FAILED + "; shift; done; shift; exec \"$@\"";

    private final String bwrap;
    private final String prlimit;
    private final Cgroups cgroups;
    private static final Path TRANSPARENT_HUGE_PAGES = Path.of("/sys/kernel/mm/transparent_hugepage");

    private final List<String> rootArgs;

    private BubblewrapSandbox(String bwrap, String prlimit, Cgroups cgroups, List<String> rootArgs) {
        this.bwrap = bwrap;
        this.prlimit = prlimit;
        this.cgroups = cgroups;
        this.rootArgs = List.copyOf(rootArgs);
    }

    /**
     * The sandbox of this host, after a trial start; {@link SandboxUnavailableException} says why it cannot run
     * (not Linux, bubblewrap missing, user namespaces off) and what to do.
     */
    public static BubblewrapSandbox probe() throws SandboxUnavailableException {
        String configured = System.getProperty(BWRAP_PROPERTY);
        return probe(configured != null && !configured.isBlank() ? configured : executable("bwrap"));
    }

    /** As {@link #probe()}, with {@code bwrap} the executable to use (null: none found). */
    static BubblewrapSandbox probe(String bwrap) throws SandboxUnavailableException {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            throw new SandboxUnavailableException("the OS sandbox needs Linux (bubblewrap), and this is " + os
                    + "; grade with --sandbox none to run submissions in child JVMs without it");
        }
        if (bwrap == null || !Files.isExecutable(Path.of(bwrap))) {
            throw new SandboxUnavailableException("the OS sandbox needs bubblewrap, and "
                    + (bwrap == null ? "no bwrap is on the PATH" : "there is no executable " + bwrap) + ":"
                    + " install the package 'bubblewrap' (Debian/Ubuntu: apt-get install -y bubblewrap; Fedora:"
                    + " dnf install bubblewrap), or grade with --sandbox none to run submissions without it");
        }
        BubblewrapSandbox sandbox = new BubblewrapSandbox(
                bwrap,
                executable("prlimit"),
                Cgroups.detect(Path.of("/sys/fs/cgroup")),
                rootArgs(Path.of(System.getProperty("java.home"))));
        sandbox.trial();
        return sandbox;
    }

    @Override
    public String name() {
        return "bubblewrap";
    }

    /** Starts {@code true} in the sandbox once: a kernel without user namespaces, or a container, says no here. */
    private void trial() throws SandboxUnavailableException {
        List<String> command = new ArrayList<>(bwrapArgs(List.of(), 1));
        command.add(Path.of("/usr/bin/true").toFile().exists() ? "/usr/bin/true" : "/bin/true");
        String why;
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                why = "bwrap did not finish a trial run within 10 s";
            } else if (p.exitValue() == 0) {
                return;
            } else {
                why = "bwrap's trial run failed (exit " + p.exitValue() + "): "
                        + new String(out, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException e) {
            why = "cannot run " + bwrap + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted during bwrap's trial run";
        }
        throw new SandboxUnavailableException("the OS sandbox cannot start here: " + why + " (bubblewrap needs"
                + " user namespaces, e.g. sysctl kernel.unprivileged_userns_clone=1, and inside an unprivileged"
                + " container it often cannot mount /proc); grade with --sandbox none to run submissions without it,"
                + " where the container is the isolation");
    }

    @Override
    public Path childWorkDir(Path scratch) {
        return Path.of("/tmp");
    }

    /** bwrap's {@code --ro-bind}s, below a root that is itself read-only. */
    @Override
    public boolean keepsReadOnlyPathsReadOnly() {
        return true;
    }

    @Override
    public Confinement confine(List<String> command, Path scratch, List<Path> readOnly, Policy.Limits limits)
            throws IOException {
        Cgroups.ChildGroup group = cgroups.limitsMemory() || cgroups.limitsProcesses()
                ? cgroups.create((long) limits.memoryMb() << 20, limits.processes())
                : null;
        List<String> full = new ArrayList<>();
        if (group != null) {
            full.addAll(List.of("/bin/sh", "-c", JOIN_SCRIPT, "sh"));
            group.procsFiles().forEach(p -> full.add(p.toString()));
            full.add("--");
        }
        if (prlimit != null) {
            full.addAll(List.of(
                    prlimit,
                    "--fsize=" + ((long) limits.fileSizeMb() << 20),
                    "--cpu=" + limits.cpuSeconds(),
                    "--core=0",
                    "--"));
        }
        full.addAll(bwrapArgs(readOnly, limits.fileSizeMb()));
        full.addAll(command);
        return new Confinement() {
            @Override
            public List<String> command() {
                return full;
            }

            @Override
            public String deathCause() {
                return group == null ? null : group.deathCause();
            }

            @Override
            public void close() {
                if (group != null) {
                    group.close();
                }
            }
        };
    }

    private List<String> bwrapArgs(List<Path> readOnly, int tmpMb) {
        List<String> args = new ArrayList<>(List.of(
                bwrap,
                "--unshare-all",
                "--die-with-parent",
                "--new-session",
                "--cap-drop",
                "ALL",
                "--uid",
                NOBODY,
                "--gid",
                NOBODY,
                "--hostname",
                "sandbox",
                "--clearenv"));
        args.addAll(rootArgs);
        if (Files.isDirectory(TRANSPARENT_HUGE_PAGES)) {
            // The kernel's huge-page settings, read-only, and nothing else of /sys: without them the JVM cannot tell
            // that it may put its heap in huge pages (ChildCommand asks it to, to save page faults).
            String thp = TRANSPARENT_HUGE_PAGES.toString();
            args.addAll(List.of("--ro-bind", thp, thp));
        }
        args.addAll(List.of(
                "--proc", "/proc", "--dev", "/dev", "--size", Long.toString((long) tmpMb << 20), "--tmpfs", "/tmp"));
        for (Path p : readOnly) {
            String path = p.toAbsolutePath().normalize().toString();
            args.addAll(List.of("--ro-bind", path, path)); // after /tmp: a path below it lands on its tmpfs
        }
        // bwrap builds the new root and /dev on tmpfses of its own: read-only once everything is in place
        args.addAll(List.of("--remount-ro", "/", "--remount-ro", "/dev", "--chdir", "/tmp", "--"));
        return args;
    }

    @Override
    public List<String> warnings(Policy.Limits limits) {
        List<String> missing = new ArrayList<>();
        if (!cgroups.limitsMemory()) {
            missing.add("memory (" + limits.memoryMb() + " MB: no writable cgroup memory controller)");
        }
        if (!cgroups.limitsProcesses()) {
            missing.add("processes (" + limits.processes() + ": no writable cgroup pids controller)");
        }
        if (prlimit == null) {
            missing.add("file size and CPU time (no prlimit, package util-linux)");
        }
        return missing.isEmpty()
                ? List.of()
                : List.of("sandbox limits not enforced on this host: " + String.join("; ", missing)
                        + " (run the grader as root on a host with cgroups to enforce them)");
    }

    /**
     * A read-only root for the JVM: {@code /usr}, the {@code /bin}, {@code /lib}… entries (symbolic links on a
     * merged-{@code /usr} system), the JDK where it lives outside {@code /usr}, and the files its links point to
     * outside it (Debian's JDK links {@code lib/jvm.cfg} and {@code conf/} into {@code /etc/java-17-openjdk}).
     */
    static List<String> rootArgs(Path javaHome) {
        List<String> args = new ArrayList<>(List.of("--ro-bind", "/usr", "/usr"));
        for (String top : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
            Path p = Path.of(top);
            try {
                if (Files.isSymbolicLink(p)) {
                    args.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), top));
                } else if (Files.isDirectory(p)) {
                    args.addAll(List.of("--ro-bind", top, top));
                }
            } catch (IOException e) {
                // unreadable: the JVM does without it or fails its trial run, which says so
            }
        }
        if (Files.isRegularFile(Path.of("/etc/ld.so.cache"))) {
            args.addAll(List.of("--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache"));
        }
        for (String dir : jdkDirectories(javaHome)) {
            args.addAll(List.of("--ro-bind", dir, dir));
        }
        return args;
    }

    /** The JDK's real home unless below {@code /usr}, and the directories outside it that its links point into. */
    static List<String> jdkDirectories(Path javaHome) {
        TreeSet<String> dirs = new TreeSet<>();
        Path home;
        try {
            home = javaHome.toRealPath();
        } catch (IOException e) {
            return List.of();
        }
        if (!home.startsWith("/usr")) {
            dirs.add(home.toString());
        }
        for (String sub : List.of("lib", "conf")) {
            try (Stream<Path> walk = Files.walk(home.resolve(sub), 4)) {
                walk.filter(Files::isSymbolicLink).forEach(link -> {
                    try {
                        Path target = link.toRealPath();
                        if (!target.startsWith(home) && !target.startsWith("/usr")) {
                            dirs.add(
                                    Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
                                            ? target.toString()
                                            : target.getParent().toString());
                        }
                    } catch (IOException e) {
                        // a dangling link (Debian's src.zip without the sources): nothing to bind
                    }
                });
            } catch (IOException e) {
                // no such directory in this JDK
            }
        }
        // /etc/java-17-openjdk covers /etc/java-17-openjdk/security: bind the outermost only
        List<String> outermost = new ArrayList<>();
        for (String d : dirs) {
            if (outermost.stream().noneMatch(o -> d.startsWith(o + "/"))) {
                outermost.add(d);
            }
        }
        return outermost;
    }

    /** An executable named {@code name} on the PATH or in the usual system directories, or null. */
    static String executable(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin"));
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
