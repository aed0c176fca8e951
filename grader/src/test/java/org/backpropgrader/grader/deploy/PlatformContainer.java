package org.backpropgrader.grader.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.backpropgrader.grader.files.Directories;
import org.backpropgrader.grader.sandbox.TestSandboxes;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a platform's wrapper script as the platform would, without the platform: in a private mount namespace
 * (bubblewrap) whose root is this host's, read-only, with temporary folders bound at the platform's paths
 * ({@code /autograder}, {@code /grade}, {@code /grader}). The host's top-level entries are bound one by one (a
 * read-only {@code /} could not take a new mount point such as {@code /autograder}).
 *
 * <p>{@link Kind#PRIVILEGED} shares the host's {@code /proc}, so the grader's own bubblewrap sandbox can start inside;
 * {@link Kind#UNPRIVILEGED} gives the container its own PID namespace and {@code /proc}, where a nested bubblewrap
 * cannot mount {@code /proc}, as in Gradescope's and PrairieLearn's unprivileged containers: the wrapper must then
 * fall back to {@code --sandbox none}.
 */
final class PlatformContainer {
    enum Kind {
        PRIVILEGED,
        UNPRIVILEGED
    }

    /** What the wrapper did. */
    record Run(int exitCode, String log) {}

    private final Map<String, Path> binds = new LinkedHashMap<>();
    private final Path home;

    /** {@code home}: a scratch folder bound at the user's home, where the grader caches its child jar. */
    PlatformContainer(Path home) {
        this.home = home;
    }

    /** Binds the host folder {@code hostDir} at {@code path} (a top-level path such as {@code /autograder}). */
    PlatformContainer bind(String path, Path hostDir) {
        binds.put(path, hostDir);
        return this;
    }

    Run run(Kind kind, String workingDir, String... command) throws IOException, InterruptedException {
        String bwrap = bwrap();
        List<String> cmd = new ArrayList<>(List.of(bwrap, "--die-with-parent"));
        try (Stream<Path> top = Files.list(Path.of("/"))) {
            for (Path entry : top.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (List.of("proc", "dev", "tmp").contains(name) || binds.containsKey("/" + name)) {
                    continue;
                }
                if (Files.isSymbolicLink(entry)) {
                    cmd.addAll(
                            List.of("--symlink", Files.readSymbolicLink(entry).toString(), entry.toString()));
                } else {
                    cmd.addAll(List.of("--ro-bind", entry.toString(), entry.toString()));
                }
            }
        }
        if (kind == Kind.PRIVILEGED) {
            cmd.addAll(List.of("--dev-bind", "/dev", "/dev", "--bind", "/proc", "/proc"));
        } else {
            cmd.addAll(List.of("--unshare-pid", "--dev", "/dev", "--proc", "/proc"));
        }
        cmd.addAll(List.of("--tmpfs", "/tmp"));
        String userHome = System.getProperty("user.home");
        cmd.addAll(List.of("--bind", home.toString(), userHome, "--setenv", "HOME", userHome));
        binds.forEach((path, dir) -> cmd.addAll(List.of("--bind", dir.toString(), path)));
        cmd.addAll(List.of("--chdir", workingDir));
        cmd.addAll(List.of(command));
        Path log = Files.createTempFile(home, "log-", ".txt");
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the wrapper did not finish in 5 minutes: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** bubblewrap on the PATH; the test is skipped without it, or fails when CI requires the sandbox. */
    private static String bwrap() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, "bwrap");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        String why = "bubblewrap (bwrap) is not on the PATH: it lays out the platform's folders for this test";
        if (TestSandboxes.REQUIRED) {
            fail("BACKPROP_SANDBOX_REQUIRED=1 but " + why);
        }
        Assumptions.abort(why);
        throw new AssertionError("unreachable");
    }

    /** Copies the folder {@code from} into {@code to}. */
    static void copyTree(Path from, Path to) throws IOException {
        Directories.copy(from, to);
        assertTrue(Files.isDirectory(to));
    }
}
