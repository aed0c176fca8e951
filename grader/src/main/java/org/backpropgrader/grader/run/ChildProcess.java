package org.backpropgrader.grader.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.backpropgrader.grader.files.Directories;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.sandbox.Sandbox;
import org.backpropgrader.runner.ChildMain;
import org.backpropgrader.runner.Frames;
import org.backpropgrader.runner.Protocol.Request;

/**
 * One child JVM: its process, the thread that reads its protocol frames, the thread that drains its standard error,
 * and its scratch directory. {@link ChildJvmRunner} decides when to start, use and kill one.
 */
final class ChildProcess {
    private static final long EXIT_WAIT_MS = 2_000;
    private static final int STDERR_TAIL_CHARS = 8_192;

    /** What the child's protocol output brings: a frame's payload, its end, or garbage. */
    sealed interface Incoming {}

    /** One frame's payload, not yet decoded. */
    static final class Frame implements Incoming {
        final byte[] payload;

        Frame(byte[] payload) {
            this.payload = payload;
        }
    }

    /** The child's protocol output ended, cleanly between frames. */
    enum End implements Incoming {
        END
    }

    /** Bytes that are no frame: an impossible length or an end inside a frame. */
    record Garbage(String why) implements Incoming {}

    final Process process;
    final Path scratch;
    private final Sandbox.Confinement confinement;
    private final OutputStream stdin;
    final BlockingQueue<Incoming> incoming = new LinkedBlockingQueue<>();
    final StringBuilder stderrTail = new StringBuilder();
    final Thread stderrDrain;
    final Set<String> forwards = new HashSet<>();

    private ChildProcess(Process process, Path scratch, Sandbox.Confinement confinement) {
        this.process = process;
        this.scratch = scratch;
        this.confinement = confinement;
        this.stdin = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        Thread out = new Thread(() -> readFrames(process.getInputStream()), "child-stdout");
        out.setDaemon(true);
        out.start();
        stderrDrain = new Thread(() -> drain(process.getErrorStream()), "child-stderr");
        stderrDrain.setDaemon(true);
        stderrDrain.start();
    }

    /**
     * Starts a child JVM that serves {@code classesRoot}, confined by {@code sandbox}, in a fresh scratch directory,
     * which is also the unconfined child's working and temp directory: what the student's code writes there goes with
     * it. An unconfined child serves a copy of the classes in its scratch directory, since it could change them for
     * the next child; a sandboxed child sees {@code classesRoot} itself read-only (no file to create, copy and delete
     * a child) and writes only to its private {@code /tmp}. The caller keeps {@code classesRoot} as it is until the
     * child is gone.
     */
    static ChildProcess start(ChildClasspath classpath, Policy.Limits limits, Sandbox sandbox, Path classesRoot)
            throws IOException {
        Path scratch = Files.createTempDirectory("backprop-child-");
        Sandbox.Confinement confinement = null;
        try {
            Path classes = sandbox.keepsReadOnlyPathsReadOnly() ? classesRoot : copyClasses(classesRoot, scratch);
            List<String> command = ChildCommand.of(classpath, limits, sandbox.childWorkDir(scratch), classes);
            confinement = sandbox.confine(command, scratch, List.of(classpath.directory(), classes), limits);
            ProcessBuilder pb = new ProcessBuilder(confinement.command()).directory(scratch.toFile());
            pb.environment().clear();
            return new ChildProcess(pb.start(), scratch, confinement);
        } catch (IOException | RuntimeException e) {
            if (confinement != null) {
                confinement.close();
            }
            Directories.deleteQuietly(scratch);
            throw e;
        }
    }

    private static Path copyClasses(Path classesRoot, Path scratch) throws IOException {
        if (Files.isRegularFile(classesRoot)) {
            return Files.copy(classesRoot, scratch.resolve("classes.jar"));
        }
        Path target = scratch.resolve("classes");
        Directories.copy(classesRoot, target);
        return target;
    }

    void sendQuietly(Request request) {
        try {
            Frames.write(stdin, request.encode());
        } catch (IOException e) {
            // the child is gone: its output ends and the caller reads that
        }
    }

    /** Reads protocol frames until the end of the child's output or the first garbage. */
    private void readFrames(InputStream in) {
        try (DataInputStream frames = new DataInputStream(new BufferedInputStream(in, 1 << 16))) {
            for (byte[] payload = Frames.read(frames); payload != null; payload = Frames.read(frames)) {
                incoming.add(new Frame(payload));
            }
        } catch (EOFException e) {
            incoming.add(new Garbage("its output ended inside a frame"));
            return;
        } catch (Frames.TooLargeException e) {
            incoming.add(new Garbage(e.getMessage()));
            return;
        } catch (IOException e) {
            // killed: the end of output
        }
        incoming.add(End.END);
    }

    private void drain(InputStream err) {
        try (Reader r = new InputStreamReader(err, StandardCharsets.UTF_8)) {
            char[] buf = new char[8192];
            for (int n = r.read(buf); n >= 0; n = r.read(buf)) {
                synchronized (stderrTail) {
                    stderrTail.append(buf, 0, n);
                    if (stderrTail.length() > 2 * STDERR_TAIL_CHARS) {
                        stderrTail.delete(0, stderrTail.length() - STDERR_TAIL_CHARS);
                    }
                }
            }
        } catch (IOException e) {
            // killed
        }
    }

    /** Why the output ended: "child exited with code 3 (out of memory: …)", or that it stopped answering. */
    String exitDescription() {
        boolean exited;
        try {
            exited = process.waitFor(EXIT_WAIT_MS, TimeUnit.MILLISECONDS);
            stderrDrain.join(EXIT_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = !process.isAlive();
        }
        if (!exited) {
            return "the child closed its protocol output";
        }
        String tail;
        synchronized (stderrTail) {
            tail = stderrTail.toString();
        }
        String why = "child exited with code " + process.exitValue();
        String cause = confinement.deathCause();
        if (cause != null) {
            why += " (" + cause + ")";
        } else if (tail.contains("java.lang.OutOfMemoryError")) {
            why += " (out of memory: " + oomKind(tail) + ")";
        } else if (process.exitValue() == ChildMain.LIFETIME_EXCEEDED) {
            why += " (it outlived the submission time limit)";
        }
        return why;
    }

    /** {@code ": Error: Could not create the Java Virtual Machine."}: the first line the JVM wrote, or "". */
    String firstStderrLine() {
        String tail;
        synchronized (stderrTail) {
            tail = stderrTail.toString().strip();
        }
        return tail.isEmpty() ? "" : ": " + tail.lines().findFirst().orElse("");
    }

    private static String oomKind(String tail) {
        int at = tail.lastIndexOf("java.lang.OutOfMemoryError");
        int end = tail.indexOf('\n', at);
        String line = tail.substring(at, end < 0 ? tail.length() : end).trim();
        int colon = line.indexOf(": ");
        return colon < 0 ? "java.lang.OutOfMemoryError" : line.substring(colon + 2);
    }

    /** Kills the child and every process it started, waits for them, and removes its scratch directory. */
    void kill() {
        List<ProcessHandle> family = new ArrayList<>();
        try {
            process.descendants().forEach(family::add);
        } catch (RuntimeException e) {
            // listing processes is not supported here: the child alone then
        }
        family.add(process.toHandle());
        for (ProcessHandle h : family) {
            h.destroyForcibly();
        }
        // a descendant may have started another between the listing and the kill: once more
        try {
            process.descendants().forEach(h -> {
                h.destroyForcibly();
                family.add(h);
            });
        } catch (RuntimeException e) {
            // as above
        }
        try {
            process.onExit().get(EXIT_WAIT_MS, TimeUnit.MILLISECONDS); // our own child: reaped here at once
        } catch (Exception e) {
            // did not go within the wait: nothing more a JVM can do
        }
        // The others are not our children: once killed they may stay zombies until some reaper gets to them (a
        // sandbox's processes are reparented when its first process dies), and a zombie counts as alive to
        // ProcessHandle. Dead is what matters here; the sandbox's confinement waits for its own processes too.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_WAIT_MS);
        for (ProcessHandle h : family) {
            while (Processes.running(h) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // already broken
        }
        confinement.close();
        Directories.deleteQuietly(scratch);
    }
}
