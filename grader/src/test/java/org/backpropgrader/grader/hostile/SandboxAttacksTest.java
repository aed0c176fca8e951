package org.backpropgrader.grader.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.grading.TruthCache;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.run.Answer;
import org.backpropgrader.grader.run.ChildJvmRunner;
import org.backpropgrader.grader.run.ExerciseSession;
import org.backpropgrader.grader.sandbox.NoSandbox;
import org.backpropgrader.grader.sandbox.Sandbox;
import org.backpropgrader.grader.sandbox.TestSandboxes;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks on the OS sandbox itself, each run in a child JVM exactly as {@code grade} and {@code batch}
 * run one, but with the load-time API check left out (the classes are compiled here and handed to the runner
 * directly), so that every guarantee below is the sandbox's own and holds even if that check missed something.
 * Where a test's point is that something visible without the sandbox is not visible with it, it also runs the attack
 * unsandboxed and asserts that it works there: the test can fail.
 */
class SandboxAttacksTest {
    private static final Exercise<?, ?> MSE = Exercises.byId("mse-linear").orElseThrow();
    private static final Truth TRUTH = new TruthCache().get(MSE, Policy.NOTEBOOK_SEED);
    private static final Policy.Limits LIMITS = new Policy.Limits(5_000, 30_000, 64, 512, 1 << 20);
    private static final String CORRECT = HostileFixtures.CORRECT_DIFF;

    @TempDir
    Path tmp;

    private final List<Process> hostProcesses = new ArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();

    /** What one attack came to: the answer for {@code diff}, and what the attack printed. */
    record Outcome(Answer answer, String output) {
        Answer.Failed failed() {
            return assertInstanceOf(Answer.Failed.class, answer, output);
        }
    }

    /** Runs {@code diffBody} (which must end in a return) as mse-linear's {@code diff} in a child in {@code sandbox}. */
    private Outcome attack(Sandbox sandbox, Policy.Limits limits, String diffBody, String extraMembers)
            throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run-" + runs.incrementAndGet()));
        Path classes = HostileFixtures.compile(
                Files.createDirectories(dir.resolve("classes")),
                Map.of(HostileFixtures.MSE_FILE, HostileFixtures.mse(diffBody, extraMembers)));
        try (ChildJvmRunner runner = new ChildJvmRunner(classes, limits, sandbox);
                ExerciseSession s = runner.open(TRUTH, "hostile.MseLinearHostile", Mode.ISOLATED)) {
            Answer a = s.call(MSE.gradient("diff"), new Tensor[] {TRUTH.gradient("diff2")});
            return new Outcome(a, runner.capturedOutput());
        }
    }

    private Outcome attack(Sandbox sandbox, String diffBody) throws Exception {
        return attack(sandbox, LIMITS, diffBody, "");
    }

    private static void assertCorrect(Outcome o) {
        Tensor value =
                assertInstanceOf(Answer.Returned.class, o.answer(), o.output()).value();
        assertTrue(
                java.util.Arrays.equals(
                        value.toFloatArray(), TRUTH.gradient("diff").toFloatArray()),
                "the attack's own answer still came back: " + o.output());
    }

    /** A process of the host's, with a unique marker in its arguments and one in its environment. */
    private Process hostProcess(String argMarker, String envMarker) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "sleep 120", argMarker);
        pb.environment().put("BACKPROP_SECRET", envMarker);
        Process p = pb.start();
        hostProcesses.add(p);
        return p;
    }

    @AfterEach
    void noProcessOrGroupLeftBehind() throws Exception {
        hostProcesses.forEach(Process::destroyForcibly);
        for (Process p : hostProcesses) {
            p.waitFor(5, TimeUnit.SECONDS);
        }
        List<String> left = ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?"))
                .toList();
        assertEquals(List.of(), left, "child processes left behind");
        for (String controller : List.of("pids", "memory")) {
            Path parent = Path.of("/sys/fs/cgroup", controller, "backprop-grader");
            if (Files.isDirectory(parent)) {
                try (DirectoryStream<Path> groups =
                        Files.newDirectoryStream(parent, ProcessHandle.current().pid() + "-*")) {
                    List<String> mine = new ArrayList<>();
                    groups.forEach(g -> mine.add(g.toString()));
                    assertEquals(List.of(), mine, "cgroups left behind");
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- the attacks

    private static final String LIST_PROCESSES = """
            StringBuilder seen = new StringBuilder();
            try (var dirs = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc"))) {
                for (var d : dirs) {
                    String n = d.getFileName().toString();
                    if (!n.chars().allMatch(Character::isDigit)) continue;
                    try {
                        seen.append("pid ").append(n).append(": ").append(new String(
                                java.nio.file.Files.readAllBytes(d.resolve("cmdline"))).replace('\\0', ' '));
                        seen.append(" env: ").append(new String(
                                java.nio.file.Files.readAllBytes(d.resolve("environ"))).replace('\\0', ' '));
                    } catch (Exception e) {
                        seen.append(" (").append(e).append(')');
                    }
                    seen.append('\\n');
                }
            } catch (Exception e) {
                seen.append("/proc: ").append(e);
            }
            System.out.println(seen);
            """;

    @Test
    void seesNoProcessOfTheHostNorTheGradersEnvironment() throws Exception {
        String arg = "marker-" + UUID.randomUUID();
        String env = "secret-" + UUID.randomUUID();
        Process host = hostProcess(arg, env);
        String body = LIST_PROCESSES + "return " + CORRECT.substring("return ".length());

        Outcome sandboxed = attack(TestSandboxes.bubblewrap(), body);
        assertCorrect(sandboxed);
        assertFalse(sandboxed.output().contains(arg), sandboxed.output());
        assertFalse(sandboxed.output().contains(env), sandboxed.output());
        assertFalse(sandboxed.output().contains("surefire"), "the grader's own command line: " + sandboxed.output());
        long visible =
                sandboxed.output().lines().filter(l -> l.startsWith("pid ")).count();
        assertTrue(visible <= 3, "only the sandbox's own processes: " + sandboxed.output());

        Outcome open = attack(NoSandbox.INSTANCE, body);
        assertTrue(
                open.output().contains(arg) && open.output().contains(env),
                "unsandboxed, the same code sees the host's processes (the attack works there)");
        assertTrue(host.isAlive());
    }

    @Test
    void killingItsParentAndEveryProcessItCanSeeCostsOnlyItsOwnCall() throws Exception {
        Process host = hostProcess("bystander-" + UUID.randomUUID(), "x");
        Outcome o = attack(
                TestSandboxes.bubblewrap(), """
                ProcessHandle.current().parent().ifPresent(ProcessHandle::destroyForcibly);
                try {
                    Runtime.getRuntime().exec(new String[] {"/bin/sh", "-c", "kill -9 -1"}).waitFor();
                } catch (Exception e) {
                    System.out.println(e);
                }
                return %s;
                """.formatted(CORRECT.substring("return ".length(), CORRECT.length() - 1)));
        assertEquals(Status.ERROR, o.failed().status(), o.output());
        assertTrue(
                o.failed().message().startsWith("child exited with code"),
                o.failed().message());
        assertTrue(host.isAlive(), "a process of the host's outlives the attack");
        assertTrue(ProcessHandle.current().isAlive());
    }

    @Test
    void writesNothingOutsideItsPrivateTmp() throws Exception {
        Path victim = Files.createDirectories(tmp.resolve("other-student"));
        Path result = Files.writeString(victim.resolve("bob.json"), "{\"score\": 50}");
        String body = """
                try {
                    System.out.println("read " + java.nio.file.Files.readString(java.nio.file.Path.of("%1$s")));
                } catch (Exception e) {
                    System.out.println("cannot read: " + e);
                }
                String classes = getClass().getProtectionDomain().getCodeSource().getLocation().getPath();
                for (String target : new String[] {"%1$s", "%2$s", classes + "hostile/planted.txt", "/usr/planted",
                        "/planted", "/proc/planted", "/dev/planted"}) {
                    try {
                        java.nio.file.Files.writeString(java.nio.file.Path.of(target), "{\\"score\\": 0}");
                        System.out.println("wrote " + target);
                    } catch (Exception e) {
                        System.out.println("refused " + target + ": " + e);
                    }
                }
                try {
                    java.nio.file.Files.writeString(java.nio.file.Path.of("scratch.txt"), "mine");
                    System.out.println("wrote scratch in " + System.getProperty("user.dir"));
                } catch (Exception e) {
                    System.out.println("no scratch: " + e);
                }
                return %3$s;
                """;
        Path planted = victim.resolve("planted.json");
        Outcome o = attack(
                TestSandboxes.bubblewrap(),
                body.formatted(result, planted, CORRECT.substring("return ".length(), CORRECT.length() - 1)));
        assertCorrect(o);
        assertEquals("{\"score\": 50}", Files.readString(result), o.output());
        assertFalse(Files.exists(planted), o.output());
        assertFalse(o.output().contains("wrote /"), o.output());
        assertTrue(
                o.output().contains("cannot read: java.nio.file.NoSuchFileException"),
                "another's files: " + o.output());
        assertTrue(o.output().contains("hostile/planted.txt: Read-only file system"), "its classes: " + o.output());
        assertTrue(o.output().contains("wrote scratch in /tmp"), "its private /tmp is writable: " + o.output());
    }

    @Test
    void seesOfSysOnlyTheHugePageSettingsAndCannotChangeThem() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/sys/kernel/mm/transparent_hugepage")), "the host has no THP settings");
        String body = """
                for (String dir : new String[] {"/sys", "/sys/kernel", "/sys/kernel/mm", "/sys/fs/cgroup"}) {
                    java.io.File[] in = new java.io.File(dir).listFiles();
                    System.out.println("ls " + dir + ": " + (in == null ? "none" : java.util.Arrays.toString(in)));
                }
                try {
                    java.nio.file.Files.writeString(
                            java.nio.file.Path.of("/sys/kernel/mm/transparent_hugepage/enabled"), "always");
                    System.out.println("wrote the THP mode");
                } catch (Exception e) {
                    System.out.println("refused: " + e);
                }
                return %s;
                """.formatted(CORRECT.substring("return ".length(), CORRECT.length() - 1));
        Outcome o = attack(TestSandboxes.bubblewrap(), body);
        assertCorrect(o);
        assertTrue(o.output().contains("ls /sys: [/sys/kernel]"), o.output());
        assertTrue(o.output().contains("ls /sys/kernel/mm: [/sys/kernel/mm/transparent_hugepage]"), o.output());
        assertTrue(o.output().contains("ls /sys/fs/cgroup: none"), o.output());
        assertTrue(o.output().contains("refused: java.nio.file.FileSystemException"), o.output());
        assertFalse(o.output().contains("wrote the THP mode"), o.output());
    }

    @Test
    void aFileBeyondTheSizeLimitCannotBeWritten() throws Exception {
        Policy.Limits small = new Policy.Limits(10_000, 30_000, 64, 512, 1 << 20, 512, 128, 8, 60);
        Outcome o = attack(
                TestSandboxes.bubblewrap(),
                small,
                """
                long written = 0;
                try (var out = java.nio.file.Files.newOutputStream(java.nio.file.Path.of("/tmp/big"))) {
                    byte[] chunk = new byte[1 << 20];
                    for (int i = 0; i < 64; i++) {
                        out.write(chunk);
                        written += chunk.length;
                    }
                } catch (Exception e) {
                    System.out.println("stopped: " + e);
                }
                System.out.println("written " + written);
                return %s;
                """.formatted(CORRECT.substring("return ".length(), CORRECT.length() - 1)),
                "");
        assertCorrect(o);
        assertTrue(o.output().contains("stopped: java.io.IOException"), o.output());
        long written = Long.parseLong(o.output()
                .lines()
                .filter(l -> l.startsWith("written "))
                .findFirst()
                .orElseThrow()
                .substring("written ".length()));
        assertTrue(written <= 8L << 20, "at most the 8 MB limit: " + written);
    }

    @Test
    void cannotConnectToTheHostsLoopback() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(200);
            Outcome o = attack(TestSandboxes.bubblewrap(), """
                    try (var s = new java.net.Socket("127.0.0.1", %d)) {
                        System.out.println("connected");
                    } catch (Exception e) {
                        System.out.println("no connection: " + e);
                    }
                    try {
                        System.out.println("resolved " + java.net.InetAddress.getByName("example.org"));
                    } catch (Exception e) {
                        System.out.println("no DNS: " + e);
                    }
                    return %s;
                    """.formatted(
                            server.getLocalPort(), CORRECT.substring("return ".length(), CORRECT.length() - 1)));
            assertCorrect(o);
            assertTrue(o.output().contains("no connection: java.net.ConnectException"), o.output());
            assertTrue(o.output().contains("no DNS: "), o.output());
            try {
                server.accept().close();
                throw new AssertionError("the sandboxed child reached the host's loopback");
            } catch (SocketTimeoutException expected) {
                // nobody came
            }
        }
    }

    @Test
    void leavesNoProcessBehindAfterDoubleForkOrSetsid() throws Exception {
        String marker = "daemon-" + UUID.randomUUID();
        Outcome o = attack(TestSandboxes.bubblewrap(), """
                try {
                    Runtime.getRuntime().exec(new String[] {"/bin/sh", "-c",
                            "setsid /bin/sh -c 'sleep 300' %1$s </dev/null >/dev/null 2>&1 & "
                            + "( /bin/sh -c 'sleep 301' %1$s & ) ; echo started"}).waitFor();
                    System.out.println("started");
                } catch (Exception e) {
                    System.out.println(e);
                }
                return %2$s;
                """.formatted(
                        marker, CORRECT.substring("return ".length(), CORRECT.length() - 1)));
        assertCorrect(o);
        assertTrue(o.output().contains("started"), o.output());
        List<String> survivors = new ArrayList<>();
        ProcessHandle.allProcesses()
                .forEach(h ->
                        h.info().commandLine().filter(c -> c.contains(marker)).ifPresent(survivors::add));
        assertEquals(List.of(), survivors, "daemons the submission started outlive its child");
    }

    @Test
    void autogradCannotBeSwitchedOnByPropertyClassLoaderOrUnsafe() throws Exception {
        Outcome o = attack(
                TestSandboxes.bubblewrap(), """
                System.setProperty("backprop.autograd", "on");
                try {
                    var urls = new java.util.ArrayList<java.net.URL>();
                    for (String p : System.getProperty("java.class.path").split(":")) {
                        urls.add(java.nio.file.Path.of(p).toUri().toURL());
                    }
                    var loader = new java.net.URLClassLoader(urls.toArray(new java.net.URL[0]), null);
                    loader.loadClass("org.backpropgrader.reference.Autograd");
                    System.out.println("loaded Autograd");
                } catch (Throwable e) {
                    System.out.println("fresh loader: " + e);
                }
                try {
                    var field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                    field.setAccessible(true);
                    var unsafe = (sun.misc.Unsafe) field.get(null);
                    var recording = Class.forName("org.backpropgrader.reference.GraphRecording");
                    var enabled = recording.getDeclaredField("ENABLED");
                    unsafe.putBoolean(unsafe.staticFieldBase(enabled), unsafe.staticFieldOffset(enabled), true);
                    var y = f.X().matmul(f.W());
                    var gradFn = Tensor.class.getDeclaredMethod("gradFn");
                    gradFn.setAccessible(true);
                    System.out.println("graph after Unsafe: " + gradFn.invoke(y));
                } catch (Throwable e) {
                    System.out.println("unsafe: " + e);
                }
                return %s;
                """.formatted(CORRECT.substring("return ".length(), CORRECT.length() - 1)));
        assertCorrect(o);
        assertTrue(
                o.output()
                        .contains(
                                "fresh loader: java.lang.ClassNotFoundException: org.backpropgrader.reference.Autograd"),
                o.output());
        assertTrue(o.output().contains("graph after Unsafe: null"), o.output());
    }

    @Test
    void cannotChangeTheChildJarItRunsFrom() throws Exception {
        Outcome o = attack(
                TestSandboxes.bubblewrap(), """
                String jar = System.getProperty("java.class.path").split(":")[0];
                try {
                    java.nio.file.Files.write(java.nio.file.Path.of(jar), new byte[] {0});
                    System.out.println("overwrote " + jar);
                } catch (Exception e) {
                    System.out.println("refused: " + e);
                }
                return %s;
                """.formatted(CORRECT.substring("return ".length(), CORRECT.length() - 1)));
        assertCorrect(o);
        assertTrue(o.output().contains("refused: java.nio.file.FileSystemException"), o.output());
        assertTrue(o.output().contains("Read-only file system"), o.output());
    }

    @Test
    void nativeMemoryBeyondTheLimitEndsAsErrorWithMemoryLimit() throws Exception {
        Sandbox sandbox = TestSandboxes.bubblewrap();
        assumeTrue(
                TestSandboxes.REQUIRED || sandbox.warnings(LIMITS).isEmpty(),
                "this host does not let the grader cap memory: " + sandbox.warnings(LIMITS));
        Policy.Limits limits = new Policy.Limits(10_000, 30_000, 64, 512, 1 << 20, 320, 128, 64, 60);
        Outcome o =
                attack(sandbox, limits, """
                try {
                    var field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                    field.setAccessible(true);
                    var unsafe = (sun.misc.Unsafe) field.get(null);
                    for (int i = 0; i < 32; i++) {
                        long address = unsafe.allocateMemory(64L << 20);
                        unsafe.setMemory(address, 64L << 20, (byte) 1);
                    }
                    System.out.println("allocated 2 GB");
                } catch (Throwable e) {
                    System.out.println(e);
                }
                return %s;
                """.formatted(CORRECT.substring("return ".length(), CORRECT.length() - 1)), "");
        Answer.Failed failed = o.failed();
        assertEquals(Status.ERROR, failed.status());
        assertTrue(failed.message().contains("memory limit of 320 MB"), failed.message());
    }

    @Test
    void threadsBeyondTheProcessLimitCannotStart() throws Exception {
        Sandbox sandbox = TestSandboxes.bubblewrap();
        assumeTrue(
                TestSandboxes.REQUIRED || sandbox.warnings(LIMITS).isEmpty(),
                "this host does not let the grader cap processes: " + sandbox.warnings(LIMITS));
        Policy.Limits limits = new Policy.Limits(10_000, 30_000, 64, 512, 1 << 20, 512, 64, 64, 60);
        Outcome o =
                attack(sandbox, limits, """
                int started = 0;
                try {
                    for (int i = 0; i < 2000; i++) {
                        Thread t = new Thread(() -> {
                            try {
                                Thread.sleep(60_000);
                            } catch (InterruptedException e) {
                                // ends
                            }
                        });
                        t.setDaemon(true);
                        t.start();
                        started++;
                    }
                } catch (Throwable e) {
                    System.out.println("stopped after " + started + ": " + e);
                }
                return %s;
                """.formatted(CORRECT.substring("return ".length(), CORRECT.length() - 1)), "");
        // the limit holds; the student's code caught the error, so its own answer still counts
        assertCorrect(o);
        String stopped = o.output()
                .lines()
                .filter(l -> l.startsWith("stopped after "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("2000 threads started: " + o.output()));
        int started = Integer.parseInt(stopped.substring("stopped after ".length(), stopped.indexOf(':')));
        assertTrue(started < 64, stopped);
    }
}
