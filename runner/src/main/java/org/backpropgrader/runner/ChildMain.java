package org.backpropgrader.runner;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.runner.Protocol.Reply;
import org.backpropgrader.runner.Protocol.Request;

/**
 * The child JVM's entry point: {@code ChildMain CLASSES_ROOT OUTPUT_CAP_BYTES MAX_LIFETIME_MS}. Its class path holds
 * this runner, {@code reference}, {@code exercises}, never the grader; the submission's classes are loaded
 * from {@code CLASSES_ROOT} by a new class loader for every session, so static state never carries from one seed
 * or mode to the next.
 *
 * <p>Standard output is the protocol and nothing else: {@code System.out} and {@code System.err} are replaced by a
 * capped sink whose contents travel with the replies. The main thread reads each request off standard input when it
 * has answered the one before (the grader waits for every answer before it writes again) and halts the JVM at
 * {@code exit}, at the end of input or at anything unreadable, so threads the student started can never keep the
 * child alive; a watchdog halts it after {@code MAX_LIFETIME_MS} whatever runs. A child busy in student code when
 * the grader gives up is killed by the grader; one whose grader died lives on until its watchdog (the sandbox's
 * {@code --die-with-parent} ends it at once). Reading on the main thread, rather than handing each request over from
 * a reader thread, saves a thread wake-up a call: 3% and 6% of a child's CPU time in two sets of paired replays.
 */
public final class ChildMain {
    /** Exit status when the child outlived its maximum lifetime. */
    public static final int LIFETIME_EXCEEDED = 4;

    private final Path classesRoot;
    private final CappedOutput captured;
    private final OutputStream protocol;
    private final Map<String, Record> forwards = new HashMap<>();
    private final Map<Integer, Session> sessions = new HashMap<>();
    private final BackwardMethods methods = new BackwardMethods();

    private record Session(Exercise<?, ?> exercise, Record forward, Object instance, URLClassLoader loader) {}

    private ChildMain(Path classesRoot, CappedOutput captured, OutputStream protocol) {
        this.classesRoot = classesRoot;
        this.captured = captured;
        this.protocol = protocol;
    }

    public static void main(String[] args)
            throws IOException, Protocol.MalformedMessageException, ReflectiveOperationException {
        if (args.length == 1 && args[0].equals("--train")) {
            Training.run();
            return;
        }
        if (args.length != 3) {
            System.err.println("usage: ChildMain CLASSES_ROOT OUTPUT_CAP_BYTES MAX_LIFETIME_MS");
            Runtime.getRuntime().halt(2);
        }
        OutputStream protocol = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        DataInputStream in =
                new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        CappedOutput captured = new CappedOutput(Long.parseLong(args[1]));
        PrintStream student = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(student);
        System.setErr(student);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        long lifetime = Long.parseLong(args[2]);

        Thread watchdog = new Thread(new Watchdog(lifetime), "lifetime-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        // hello: the grader times method calls from here, not from the JVM's start
        Frames.write(protocol, Reply.ok(Protocol.HELLO_ID, null).encode());
        new ChildMain(Path.of(args[0]), captured, protocol).serve(in);
    }

    /** Halts the JVM once it has lived {@code lifetime} ms. */
    private record Watchdog(long lifetime) implements Runnable {
        @Override
        public void run() {
            try {
                Thread.sleep(lifetime);
            } catch (InterruptedException e) {
                // fall through: halt anyway
            }
            Runtime.getRuntime().halt(LIFETIME_EXCEEDED);
        }
    }

    /** Answers requests until {@code exit}, the end of input or anything unreadable, then halts the JVM. */
    private void serve(DataInputStream in) {
        while (true) {
            Request r = next(in);
            if (r == null) {
                Runtime.getRuntime().halt(0);
                return;
            }
            Reply reply = switch (r.op()) {
                case OPEN -> open(r);
                case CALL -> call(r);
                case FORGET -> {
                    forget(r.session());
                    yield null;
                }
                case EXIT -> null; // never returned by next
            };
            if (reply != null) {
                String text = captured.takeText();
                long dropped = captured.takeDropped();
                try {
                    Frames.write(protocol, reply.withOutput(text, dropped).encode());
                } catch (IOException e) {
                    Runtime.getRuntime().halt(0); // the grader is gone
                }
            }
        }
    }

    /** The next request, or null at {@code exit}, the end of input or anything unreadable: nothing left to serve. */
    private static Request next(DataInputStream in) {
        try {
            byte[] frame = Frames.read(in);
            if (frame == null) {
                return null;
            }
            Request r = Request.decode(frame);
            return r.op() == Protocol.Op.EXIT ? null : r;
        } catch (IOException | Protocol.MalformedMessageException | RuntimeException e) {
            return null; // the grader is gone or talks nonsense
        }
    }

    private Reply open(Request r) {
        Exercise<?, ?> exercise = Exercises.byId(r.exercise()).orElse(null);
        if (exercise == null) {
            return Reply.failed(r.id(), StudentFailures.ERROR, "unknown exercise '" + r.exercise() + "'");
        }
        Record forward = forwards.get(r.forwardKey());
        if (forward == null) {
            if (r.forward() == null) {
                return Reply.failed(r.id(), StudentFailures.ERROR, "no forward values for " + r.forwardKey());
            }
            try {
                forward = Forwards.fromTensors(exercise, r.forward());
            } catch (RuntimeException e) {
                return Reply.failed(r.id(), StudentFailures.ERROR, "bad forward values: " + e.getMessage());
            }
            forwards.put(r.forwardKey(), forward);
        }
        String name = r.className();
        Object instance;
        URLClassLoader loader = null;
        try {
            // A class loader per session: static fields start afresh for every seed and mode.
            loader = new URLClassLoader(
                    "submission-" + r.session(),
                    new URL[] {classesRoot.toUri().toURL()},
                    ChildMain.class.getClassLoader());
            Class<?> cls = Class.forName(name, true, loader);
            if (!exercise.backwardType().isAssignableFrom(cls)) {
                return Reply.failed(
                        r.id(),
                        StudentFailures.ERROR,
                        name + " does not implement " + exercise.backwardType().getName());
            }
            Constructor<?> constructor = cls.getDeclaredConstructor();
            constructor.setAccessible(true);
            instance = constructor.newInstance();
        } catch (InvocationTargetException e) {
            return Reply.failed(
                    r.id(),
                    StudentFailures.ERROR,
                    "constructing " + name + " " + StudentFailures.describe(e.getCause()));
        } catch (NoSuchMethodException e) {
            return Reply.failed(r.id(), StudentFailures.ERROR, name + " needs a constructor without parameters");
        } catch (Throwable e) {
            return Reply.failed(r.id(), StudentFailures.ERROR, "cannot load " + name + ": " + e);
        }
        sessions.put(r.session(), new Session(exercise, forward, instance, loader));
        return Reply.ok(r.id(), null);
    }

    private void forget(int session) {
        Session s = sessions.remove(session);
        if (s != null) {
            try {
                s.loader().close();
            } catch (IOException | RuntimeException e) {
                // only a jar left open until the child ends
            }
        }
    }

    private Reply call(Request r) {
        Session s = sessions.get(r.session());
        if (s == null) {
            return Reply.failed(r.id(), StudentFailures.ERROR, "no open session " + r.session());
        }
        Method method;
        Object[] arguments;
        try {
            method = methods.of(
                    s.exercise(),
                    r.gradient(),
                    r.upstream() == null ? 0 : r.upstream().size());
            arguments = BackwardMethods.arguments(s.forward(), r.upstream());
        } catch (NoSuchMethodException | RuntimeException e) {
            return Reply.failed(r.id(), StudentFailures.ERROR, "bad call: " + e.getMessage());
        }
        return BackwardMethods.answer(r.id(), method, s.instance(), arguments);
    }
}
