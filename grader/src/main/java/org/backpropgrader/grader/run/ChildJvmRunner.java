package org.backpropgrader.grader.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Seeds;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.sandbox.Sandbox;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Tensor;
import org.backpropgrader.runner.Forwards;
import org.backpropgrader.runner.Protocol;
import org.backpropgrader.runner.Protocol.Reply;
import org.backpropgrader.runner.Protocol.Request;
import org.backpropgrader.runner.StudentFailures;

/**
 * Runs a submission in a child JVM (DESIGN.md "Trust boundary") confined by a {@link Sandbox}: the same {@code java}
 * as the grader, class path {@link ChildClasspath} (runner, {@code reference} without autograd, {@code exercises};
 * verified before every start) with the submission's classes loaded by a new class loader per session, heap
 * and stack capped from the policy, a scratch working and temp directory that is deleted afterwards (in the
 * bubblewrap sandbox: a private, size-capped {@code /tmp}), an empty environment (no tokens of the grader's, no
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
    public static final String EXTRA_FLAGS_PROPERTY = ChildCommand.EXTRA_FLAGS_PROPERTY;
    /** How long a child JVM may take from its start to its hello, on top of nobody's method time limit. */
    private static final long STARTUP_TIMEOUT_MS = 30_000;

    private final Path classesRoot;
    private final Policy.Limits limits;
    private final ChildClasspath classpath;
    private final Sandbox sandbox;
    private final long deadline;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private long droppedOutput;
    private ChildProcess child;
    private int crashes;
    private int nextSession;
    private long nextId;
    private boolean closed;

    public ChildJvmRunner(Path classesRoot, Policy.Limits limits, Sandbox sandbox) throws IOException {
        this(classesRoot, limits, ChildClasspath.get(), sandbox);
    }

    /** A runner whose children run on {@code classpath} (e.g. {@link ChildClasspath#withoutCds()}) in {@code sandbox}. */
    public ChildJvmRunner(Path classesRoot, Policy.Limits limits, ChildClasspath classpath, Sandbox sandbox) {
        this.classesRoot = classesRoot.toAbsolutePath().normalize();
        this.limits = limits;
        this.classpath = classpath;
        this.sandbox = sandbox;
        this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.submissionTimeoutMs());
    }

    /** Grading's runners: one child JVM per submission in {@code sandbox}, limits from the policy. */
    public static SubmissionGrader.RunnerFactory factory(Sandbox sandbox) {
        return (submission, policy) -> new ChildJvmRunner(submission.classesRoot(), policy.limits(), sandbox);
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
        String kept = output.toString(StandardCharsets.UTF_8);
        return droppedOutput == 0 ? kept : kept + "\n… " + droppedOutput + " more bytes";
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
        private ChildProcess openedIn;
        private int id;
        private boolean sessionClosed;

        Session(Truth truth, String className, Mode mode) {
            this.truth = truth;
            this.className = className;
            this.mode = mode;
        }

        private String where(String gradient) {
            return truth.exercise().id() + (gradient == null ? "" : "/" + gradient) + " (seed "
                    + Seeds.toString(truth.seed())
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
            ChildProcess c = child;
            String key = truth.exercise().id() + "@" + truth.seed();
            boolean sendForward = !c.forwards.contains(key);
            int sessionId = ++nextSession;
            Request request = Request.open(
                    ++nextId,
                    sessionId,
                    truth.exercise().id(),
                    className,
                    key,
                    sendForward ? Forwards.toTensors(truth.exercise(), truth.forward()) : null);
            Exchanged result = exchange(request, "the start of " + where(null));
            if (result.failure() != null) {
                return result.failure();
            }
            Reply reply = result.reply();
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
                Exchanged result = exchange(
                        Request.call(++nextId, id, gradient.name(), Arrays.asList(upstream)), where(gradient.name()));
                if (result.failure() != null) {
                    return result.failure();
                }
                Reply reply = result.reply();
                if (reply.status() != null) {
                    return new Answer.Failed(status(reply.status()), reply.message());
                }
                if (reply.tensor() == null) {
                    return new Answer.Failed(Status.ERROR, "returned null");
                }
                return new Answer.Returned(reply.tensor());
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
            classpath.verify();
            child = ChildProcess.start(classpath, limits, sandbox, classesRoot);
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
        ChildProcess c = child;
        long waitMs = Math.min(STARTUP_TIMEOUT_MS, TimeUnit.NANOSECONDS.toMillis(budgetLeftNanos()));
        ChildProcess.Incoming incoming;
        try {
            incoming = waitMs <= 0 ? null : c.incoming.poll(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lose();
            return new Answer.Failed(Status.ERROR, "interrupted while starting the child JVM");
        }
        if (incoming == null) {
            lose();
            return waitMs < STARTUP_TIMEOUT_MS
                    ? budgetSpent()
                    : new Answer.Failed(
                            Status.ERROR, "the child JVM did not start within " + STARTUP_TIMEOUT_MS + " ms");
        }
        if (incoming == ChildProcess.End.END) {
            String why = c.exitDescription() + " before it was ready" + c.firstStderrLine();
            lose();
            return new Answer.Failed(Status.ERROR, why);
        }
        try {
            Reply hello = decodeReply(incoming, Protocol.HELLO_ID);
            if (hello.status() != null) {
                throw new GarbledOutput("a failed hello: " + hello.message());
            }
        } catch (GarbledOutput e) {
            lose();
            return new Answer.Failed(
                    Status.ERROR, "the child's protocol output was garbled at its start: " + e.getMessage());
        }
        return null;
    }

    private long budgetLeftNanos() {
        return deadline - System.nanoTime();
    }

    private Answer.Failed budgetSpent() {
        return new Answer.Failed(
                Status.TIMEOUT, "submission time limit of " + limits.submissionTimeoutMs() + " ms exceeded");
    }

    /** An exchange's outcome: the child's reply, or why there is none (exactly one of the two). */
    private record Exchanged(Reply reply, Answer.Failed failure) {
        static Exchanged failed(Answer.Failed failure) {
            return new Exchanged(null, failure);
        }
    }

    /** Sends {@code request} to the running child and waits for its reply. */
    private Exchanged exchange(Request request, String during) {
        ChildProcess c = child;
        long budgetMs = TimeUnit.NANOSECONDS.toMillis(budgetLeftNanos());
        long waitMs = Math.min(limits.methodTimeoutMs(), budgetMs);
        if (waitMs <= 0) {
            lose();
            return Exchanged.failed(budgetSpent());
        }
        c.sendQuietly(request); // a dead child shows as end of output below
        ChildProcess.Incoming incoming;
        try {
            incoming = c.incoming.poll(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lose();
            return Exchanged.failed(
                    new Answer.Failed(Status.ERROR, "interrupted while waiting for the child during " + during));
        }
        if (incoming == null) {
            lose();
            return Exchanged.failed(
                    waitMs < limits.methodTimeoutMs()
                            ? budgetSpent()
                            : new Answer.Failed(
                                    Status.TIMEOUT, "did not return within " + limits.methodTimeoutMs() + " ms"));
        }
        if (incoming == ChildProcess.End.END) {
            String why = c.exitDescription();
            lose();
            return Exchanged.failed(new Answer.Failed(Status.ERROR, why + " during " + during));
        }
        Reply reply;
        try {
            reply = decodeReply(incoming, request.id());
        } catch (GarbledOutput e) {
            lose();
            return Exchanged.failed(new Answer.Failed(
                    Status.ERROR, "the child's protocol output was garbled during " + during + ": " + e.getMessage()));
        }
        keepOutput(reply);
        return new Exchanged(reply, null);
    }

    /** The child wrote something that is not the reply the protocol expects next. */
    private static final class GarbledOutput extends Exception {
        private static final long serialVersionUID = 1L;

        GarbledOutput(String why) {
            super(why);
        }
    }

    /** The reply to request {@code id} that {@code incoming} (not the end of output) holds. */
    private static Reply decodeReply(ChildProcess.Incoming incoming, long id) throws GarbledOutput {
        if (incoming instanceof ChildProcess.Garbage garbage) {
            throw new GarbledOutput(garbage.why());
        }
        Reply reply;
        try {
            reply = Reply.decode(((ChildProcess.Frame) incoming).payload);
        } catch (Protocol.MalformedMessageException e) {
            throw new GarbledOutput(e.getMessage());
        }
        if (reply.id() != id) {
            throw new GarbledOutput("a reply to request " + reply.id() + " where " + id + " was asked");
        }
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

    /** Keeps the reply's output up to the policy's cap in bytes, as the child counted it, and counts the rest. */
    private void keepOutput(Reply reply) {
        if (reply.output() != null) {
            byte[] bytes = reply.output().getBytes(StandardCharsets.UTF_8);
            int keep = (int) Math.max(0, Math.min(bytes.length, limits.outputCapBytes() - output.size()));
            output.write(bytes, 0, keep);
            droppedOutput += bytes.length - keep;
        }
        droppedOutput += reply.dropped();
    }
}
