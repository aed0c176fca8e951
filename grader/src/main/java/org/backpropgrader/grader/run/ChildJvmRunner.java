package org.backpropgrader.grader.run;

import com.google.gson.JsonParseException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
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
import java.util.stream.Stream;
import org.backpropgrader.grader.files.Directories;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Autograd;
import org.backpropgrader.reference.Tensor;
import org.backpropgrader.runner.ChildMain;
import org.backpropgrader.runner.Forwards;
import org.backpropgrader.runner.Protocol;
import org.backpropgrader.runner.Protocol.Reply;
import org.backpropgrader.runner.Protocol.Request;
import org.backpropgrader.runner.StudentFailures;
import org.backpropgrader.runner.WireTensor;

/**
 * Runs a submission in a child JVM (DESIGN.md "Trust boundary"): the same {@code java} as the grader, class path
 * {@link ChildClasspath} (runner, {@code reference}, {@code exercises}, Gson) with the submission's classes loaded
 * by a new class loader per session, heap and stack capped from the policy, autograd switched off, a scratch
 * working and temp directory that is deleted afterwards, an empty environment (no tokens of the grader's, no
 * {@code JAVA_TOOL_OPTIONS}). The grader and the child talk {@link Protocol}: forward values go with {@code open},
 * upstream gradients with each {@code call}; the truth never leaves this process except as the upstream of a
 * later tensor, whose own answer is recorded by then.
 *
 * <p>The child starts lazily. A call that overruns the method time limit kills the child and its descendants and
 * answers {@link Status#TIMEOUT}; a child that exits or writes garbage costs the call at hand an
 * {@link Status#ERROR} that says so. The next call starts a fresh child and re-opens its session there (a new
 * instance; chained-mode upstreams come from the grader anyway), up to {@value #MAX_CRASHES} lost children a
 * submission. Once the submission's time budget is spent, every further call is a TIMEOUT without a child.
 */
public final class ChildJvmRunner implements SubmissionRunner {
    /** Children a submission may lose (timeouts, exits, garbage) before its remaining calls are given up. */
    public static final int MAX_CRASHES = 5;
    /** Extra JVM flags for every child, space-separated, after the standard ones (for operators and measurements). */
    public static final String EXTRA_FLAGS_PROPERTY = "backprop.child.flags";
    private static final long EXIT_WAIT_MS = 2_000;
    /** How long a child JVM may take from its start to its hello, on top of nobody's method time limit. */
    private static final long STARTUP_TIMEOUT_MS = 30_000;
    private static final int STDERR_TAIL_CHARS = 8_192;

    private final Path classesRoot;
    private final Policy.Limits limits;
    private final ChildClasspath classpath;
    private final long deadline;
    private final StringBuilder output = new StringBuilder();
    private long droppedOutput;
    private Child child;
    private int crashes;
    private int nextSession;
    private long nextId;
    private boolean closed;

    public ChildJvmRunner(Path classesRoot, Policy.Limits limits) throws IOException {
        this(classesRoot, limits, ChildClasspath.get());
    }

    /** A runner whose children run on {@code classpath} (e.g. {@link ChildClasspath#withoutCds()}). */
    public ChildJvmRunner(Path classesRoot, Policy.Limits limits, ChildClasspath classpath) {
        this.classesRoot = classesRoot.toAbsolutePath().normalize();
        this.limits = limits;
        this.classpath = classpath;
        this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.submissionTimeoutMs());
    }

    /** Grading's runners: one child JVM per submission, limits from the policy. */
    public static SubmissionGrader.RunnerFactory factory() {
        return (submission, policy) -> new ChildJvmRunner(submission.classesRoot(), policy.limits());
    }

    @Override
    public ExerciseSession open(Truth truth, String implementationClass) throws RunnerException {
        return open(truth, implementationClass, null);
    }

    @Override
    public synchronized ExerciseSession open(Truth truth, String implementationClass, Mode mode)
            throws RunnerException {
        Session s = new Session(truth, implementationClass, mode);
        Answer.Failed failure = s.ensureOpen();
        if (failure != null) {
            throw new RunnerException(failure.status(), failure.message(), null);
        }
        return s;
    }

    /**
     * What the student's code printed on {@code System.out} and {@code System.err}, across all its children, cut
     * at the policy's output cap ("… N more bytes"); empty if nothing.
     */
    @Override
    public synchronized String capturedOutput() {
        return droppedOutput == 0 ? output.toString()
                : output + "\n… " + droppedOutput + " more bytes";
    }

    /** Children lost so far (timeouts, exits, garbage). */
    public synchronized int crashes() {
        return crashes;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (child != null) {
            child.kill();
            child = null;
        }
    }

    // ------------------------------------------------------------------------------------------------ sessions

    private final class Session implements ExerciseSession {
        private final Truth truth;
        private final String className;
        private final Mode mode;
        private Child openedIn;
        private int id;
        private boolean sessionClosed;

        Session(Truth truth, String className, Mode mode) {
            this.truth = truth;
            this.className = className;
            this.mode = mode;
        }

        private String where(String gradient) {
            return truth.exercise().id() + (gradient == null ? "" : "/" + gradient) + " (seed " + truth.seed()
                    + (mode == null ? "" : ", " + mode.name().toLowerCase(java.util.Locale.ROOT)) + ")";
        }

        /** Opens this session in the current child (starting one if need be); null when it is open. */
        Answer.Failed ensureOpen() {
            Answer.Failed unavailable = ensureChild();
            if (unavailable != null) {
                return unavailable;
            }
            if (openedIn == child) {
                return null;
            }
            Child c = child;
            String key = truth.exercise().id() + "@" + truth.seed();
            boolean sendForward = !c.forwards.contains(key);
            int sessionId = ++nextSession;
            Request request = Request.open(++nextId, sessionId, truth.exercise().id(), className, key,
                    sendForward ? Forwards.toWire(truth.exercise(), truth.forward()) : null);
            Object result = exchange(request, "the start of " + where(null));
            if (result instanceof Answer.Failed f) {
                return f;
            }
            Reply reply = (Reply) result;
            c.forwards.add(key);
            if (reply.status() != null) {
                return new Answer.Failed(status(reply.status()), reply.message());
            }
            openedIn = c;
            id = sessionId;
            return null;
        }

        @Override
        public Answer call(Gradient<?, ?> gradient, Tensor[] upstream) {
            synchronized (ChildJvmRunner.this) {
                if (sessionClosed) {
                    return new Answer.Failed(Status.ERROR, "session closed");
                }
                Answer.Failed failure = ensureOpen();
                if (failure != null) {
                    return failure;
                }
                List<WireTensor> wire = new ArrayList<>(upstream.length);
                for (Tensor t : upstream) {
                    wire.add(WireTensor.of(t));
                }
                Object result = exchange(Request.call(++nextId, id, gradient.name(), wire), where(gradient.name()));
                if (result instanceof Answer.Failed f) {
                    return f;
                }
                Reply reply = (Reply) result;
                if (reply.status() != null) {
                    return new Answer.Failed(status(reply.status()), reply.message());
                }
                if (reply.tensor() == null) {
                    return new Answer.Failed(Status.ERROR, "returned null");
                }
                try {
                    return new Answer.Returned(reply.tensor().toTensor());
                } catch (IllegalArgumentException e) {
                    if (child != null) {
                        child.kill();
                        child = null;
                    }
                    crashes++;
                    return new Answer.Failed(Status.ERROR, "the child's protocol output was garbled during "
                            + where(gradient.name()));
                }
            }
        }

        @Override
        public void close() {
            synchronized (ChildJvmRunner.this) {
                if (!sessionClosed && openedIn != null && openedIn == child) {
                    child.sendQuietly(Request.forget(id));
                }
                sessionClosed = true;
            }
        }
    }

    private static Status status(String name) {
        return StudentFailures.NOT_IMPLEMENTED.equals(name) ? Status.NOT_IMPLEMENTED : Status.ERROR;
    }

    // ---------------------------------------------------------------------------------------- talking to a child

    /** Null when a child is running (started now if need be), else why none can run. */
    private Answer.Failed ensureChild() {
        if (closed) {
            return new Answer.Failed(Status.ERROR, "the runner is closed");
        }
        if (budgetLeftNanos() <= 0) {
            return budgetSpent();
        }
        if (child != null) {
            return null;
        }
        if (crashes >= MAX_CRASHES) {
            return new Answer.Failed(Status.ERROR, "gave up after " + crashes + " child crashes");
        }
        try {
            child = Child.start(command(), classesRoot);
        } catch (IOException e) {
            crashes++;
            return new Answer.Failed(Status.ERROR, "cannot start the child JVM: " + e.getMessage());
        }
        return awaitHello();
    }

    /**
     * Waits for the new child's hello, so that a JVM slow to start on a loaded machine never costs a student's method
     * its time limit. Null once it said hello.
     */
    private Answer.Failed awaitHello() {
        Child c = child;
        long waitMs = Math.min(STARTUP_TIMEOUT_MS, TimeUnit.NANOSECONDS.toMillis(budgetLeftNanos()));
        Object line;
        try {
            line = waitMs <= 0 ? null : c.lines.poll(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lose();
            return new Answer.Failed(Status.ERROR, "interrupted while starting the child JVM");
        }
        if (line == null) {
            lose();
            return waitMs < STARTUP_TIMEOUT_MS ? budgetSpent()
                    : new Answer.Failed(Status.ERROR, "the child JVM did not start within " + STARTUP_TIMEOUT_MS
                            + " ms");
        }
        if (line == Child.EOF) {
            String why = c.exitDescription() + " before it was ready" + c.firstStderrLine();
            lose();
            return new Answer.Failed(Status.ERROR, why);
        }
        Reply hello = null;
        if (line instanceof String text) {
            try {
                hello = Protocol.GSON.fromJson(text, Reply.class);
            } catch (JsonParseException e) {
                hello = null;
            }
        }
        if (hello == null || hello.id() != Protocol.HELLO_ID || hello.status() != null) {
            lose();
            return new Answer.Failed(Status.ERROR, "the child's protocol output was garbled at its start");
        }
        return null;
    }

    private long budgetLeftNanos() {
        return deadline - System.nanoTime();
    }

    private Answer.Failed budgetSpent() {
        return new Answer.Failed(Status.TIMEOUT, "submission time limit of " + limits.submissionTimeoutMs()
                + " ms exceeded");
    }

    /** Sends {@code request} to the running child and waits for its reply: a {@link Reply} or an {@link Answer.Failed}. */
    private Object exchange(Request request, String during) {
        Child c = child;
        long budgetMs = TimeUnit.NANOSECONDS.toMillis(budgetLeftNanos());
        long waitMs = Math.min(limits.methodTimeoutMs(), budgetMs);
        if (waitMs <= 0) {
            lose();
            return budgetSpent();
        }
        c.sendQuietly(request); // a dead child shows as end of output below
        Object line;
        try {
            line = c.lines.poll(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lose();
            return new Answer.Failed(Status.ERROR, "interrupted while waiting for the child during " + during);
        }
        if (line == null) {
            lose();
            return waitMs < limits.methodTimeoutMs() ? budgetSpent()
                    : new Answer.Failed(Status.TIMEOUT, "did not return within " + limits.methodTimeoutMs() + " ms");
        }
        if (line == Child.EOF) {
            String why = c.exitDescription();
            lose();
            return new Answer.Failed(Status.ERROR, why + " during " + during);
        }
        Reply reply = null;
        if (line instanceof String text) {
            try {
                reply = Protocol.GSON.fromJson(text, Reply.class);
            } catch (JsonParseException e) {
                reply = null;
            }
        }
        if (reply == null || reply.id() != request.id()) {
            lose();
            return new Answer.Failed(Status.ERROR, "the child's protocol output was garbled during " + during);
        }
        keepOutput(reply);
        return reply;
    }

    /** The current child is gone or must go: kill it and all its descendants, and count it. */
    private void lose() {
        if (child != null) {
            child.kill();
            child = null;
        }
        crashes++;
    }

    private void keepOutput(Reply reply) {
        if (reply.output() != null) {
            long room = limits.outputCapBytes() - output.length();
            String text = reply.output();
            if (text.length() <= room) {
                output.append(text);
            } else {
                int keep = (int) Math.max(0, room);
                output.append(text, 0, keep);
                droppedOutput += text.getBytes(StandardCharsets.UTF_8).length
                        - text.substring(0, keep).getBytes(StandardCharsets.UTF_8).length;
            }
        }
        droppedOutput += reply.dropped();
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(baseFlags(limits.heapMb(), limits.stackKb(), null)); // tmpdir: the scratch dir, at start
        command.addAll(classpath.cdsFlags());
        String extra = System.getProperty(EXTRA_FLAGS_PROPERTY, "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        // the classes root is the copy in the child's scratch directory (Child.start adds it)
        command.addAll(List.of("-cp", classpath.jar().toString(), ChildMain.class.getName(),
                Long.toString(limits.outputCapBytes()), Long.toString(limits.submissionTimeoutMs() + 10_000)));
        return command;
    }

    /** The {@code java} running this grader. */
    static String javaExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java").toString();
    }

    /**
     * The child's JVM flags; {@code tmpdir} (null: filled in at start) is its {@code java.io.tmpdir}. VM messages
     * go to standard error, never to standard output, which is the protocol's.
     */
    static List<String> baseFlags(int heapMb, int stackKb, Path tmpdir) {
        List<String> flags = new ArrayList<>(List.of(
                "-Xmx" + heapMb + "m",
                "-Xss" + stackKb + "k",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+DisplayVMOutputToStderr",
                "-Xlog:disable",
                "-Xlog:all=warning:stderr",
                "-Xshare:auto",
                "-D" + Autograd.PROPERTY + "=off",
                "-Dfile.encoding=UTF-8"));
        if (tmpdir != null) {
            flags.add("-Djava.io.tmpdir=" + tmpdir);
        }
        return flags;
    }

    // ------------------------------------------------------------------------------------------------ one child

    private static final class Child {
        static final Object EOF = new Object();
        static final Object GARBLED = new Object();

        final Process process;
        final Path scratch;
        final Writer stdin;
        final BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
        final StringBuilder stderrTail = new StringBuilder();
        final Thread stderrDrain;
        final Set<String> forwards = new HashSet<>();

        private Child(Process process, Path scratch) {
            this.process = process;
            this.scratch = scratch;
            this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
                    1 << 16);
            Thread out = new Thread(() -> readLines(process.getInputStream()), "child-stdout");
            out.setDaemon(true);
            out.start();
            stderrDrain = new Thread(() -> drain(process.getErrorStream()), "child-stderr");
            stderrDrain.setDaemon(true);
            stderrDrain.start();
        }

        /**
         * Starts {@code command} (all but the classes root) in a fresh scratch directory that is its working and temp
         * directory and holds a copy of the submission's classes: what the student's code writes "next to itself"
         * or relative to where it runs lands there and goes with it.
         */
        static Child start(List<String> command, Path classesRoot) throws IOException {
            Path scratch = Files.createTempDirectory("backprop-child-");
            try {
                Path classes = copyClasses(classesRoot, scratch);
                List<String> cmd = new ArrayList<>(command);
                cmd.add(1, "-Djava.io.tmpdir=" + scratch);
                cmd.add(cmd.size() - 2, classes.toString());
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(scratch.toFile());
                pb.environment().clear();
                return new Child(pb.start(), scratch);
            } catch (IOException | RuntimeException e) {
                Directories.deleteQuietly(scratch);
                throw e;
            }
        }

        private static Path copyClasses(Path classesRoot, Path scratch) throws IOException {
            if (Files.isRegularFile(classesRoot)) {
                return Files.copy(classesRoot, scratch.resolve("classes.jar"));
            }
            Path target = scratch.resolve("classes");
            try (Stream<Path> walk = Files.walk(classesRoot)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    Path to = target.resolve(classesRoot.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else if (Files.isRegularFile(p)) {
                        Files.copy(p, to);
                    }
                }
            }
            return target;
        }

        void sendQuietly(Request request) {
            try {
                stdin.write(Protocol.GSON.toJson(request));
                stdin.write('\n');
                stdin.flush();
            } catch (IOException e) {
                // the child is gone: its output ends and the caller reads that
            }
        }

        /** Reads protocol lines; a line beyond {@link Protocol#MAX_LINE_CHARS} is garbage, the end is EOF. */
        private void readLines(InputStream in) {
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                char[] buf = new char[1 << 16];
                StringBuilder line = new StringBuilder();
                for (int n = r.read(buf); n >= 0; n = r.read(buf)) {
                    int start = 0;
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            line.append(buf, start, i - start);
                            lines.add(line.toString());
                            line.setLength(0);
                            start = i + 1;
                        }
                    }
                    line.append(buf, start, n - start);
                    if (line.length() > Protocol.MAX_LINE_CHARS) {
                        lines.add(GARBLED);
                        return;
                    }
                }
            } catch (IOException e) {
                // killed: the end of output
            }
            lines.add(EOF);
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
            if (tail.contains("java.lang.OutOfMemoryError")) {
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
            for (ProcessHandle h : family) {
                try {
                    h.onExit().get(EXIT_WAIT_MS, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    // did not go within the wait: nothing more a JVM can do
                }
            }
            try {
                stdin.close();
            } catch (IOException e) {
                // already broken
            }
            Directories.deleteQuietly(scratch);
        }
    }
}
