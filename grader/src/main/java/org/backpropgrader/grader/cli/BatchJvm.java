package org.backpropgrader.grader.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.backpropgrader.grader.run.Processes;

/**
 * The JVM a batch runs in. A batch is hundreds of short jobs on a few cores (compile, vet, start a child, compare,
 * write), over before the optimising compiler pays for itself: measured on 2 cores, C2 spent 8 of a 40-submission
 * batch's 23 CPU seconds compiling, and G1's concurrent threads took cores from the children. So {@code batch}
 * relaunches itself once, in a JVM with only the C1 compiler and the serial collector, unless the operator chose
 * the compiler or collector (any {@code -XX:TieredStopAtLevel}, {@code -XX:[+-]TieredCompilation} or
 * {@code -XX:+Use…GC} flag) or switched relaunching off ({@code -Dbackprop.batch.relaunch=off}). The relaunched JVM
 * keeps every flag of this one, its class path, environment, working directory, standard output and error; its exit
 * code is this JVM's. Its standard input is a pipe from this JVM, which it watches: however this JVM ends, even by
 * {@code kill -9}, the batch JVM halts at once, as if it had been killed itself, so that the atomic result files
 * and {@code --resume} work as they do without the relaunch. The batch JVM maps (or, the first time, makes) a class
 * data sharing archive of the classes a batch loads ({@link BatchArchive}).
 */
final class BatchJvm {
    /** {@code off}: grade in this JVM as it was started; {@code child}: this is the batch JVM. */
    static final String RELAUNCH_PROPERTY = "backprop.batch.relaunch";

    private static final String CHILD = "child";
    /** The batch JVM's exit status when the JVM that started it is gone: a SIGKILL's. */
    static final int ORPHANED = 137;
    /**
     * What a batch JVM adds to the flags it was started with; the export is the one the jar's manifest gives a {@code
     * java -jar} (javac's reusable contexts, load.JavacContextPool), which a JVM started with {@code -cp} must be told.
     */
    static final List<String> FLAGS = List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED");

    private static final long STOP_WAIT_MS = 10_000;

    private BatchJvm() {}

    /** Whether a batch started with {@code jvmFlags} (and these system properties) should relaunch itself. */
    static boolean shouldRelaunch(List<String> jvmFlags) {
        String relaunch = System.getProperty(RELAUNCH_PROPERTY, "");
        if (relaunch.equalsIgnoreCase("off") || relaunch.equals(CHILD)) {
            return false;
        }
        for (String flag : jvmFlags) {
            if (flag.startsWith("-XX:TieredStopAtLevel")
                    || flag.endsWith("TieredCompilation")
                    || (flag.startsWith("-XX:+Use") && flag.endsWith("GC"))
                    || flag.startsWith("-D" + RELAUNCH_PROPERTY + "=")) {
                return false;
            }
        }
        return System.getProperty("java.class.path", "").length() > 0;
    }

    /** The flags this JVM was started with. */
    static List<String> currentFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    /** The command that runs {@code args} in a batch JVM: this JVM's flags, then {@link #FLAGS}. */
    static List<String> command(List<String> jvmFlags, String[] args) {
        return command(jvmFlags, BatchArchive.NONE, args);
    }

    /** As {@link #command(List, String[])}, mapping or making {@code archive}. */
    static List<String> command(List<String> jvmFlags, BatchArchive archive, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Processes.thisJava());
        command.addAll(jvmFlags);
        command.addAll(FLAGS);
        command.addAll(archive.flags());
        command.add("-D" + RELAUNCH_PROPERTY + "=" + CHILD);
        command.add("-cp");
        command.add(archive.classPath(System.getProperty("java.class.path")));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs {@code args} in a batch JVM and returns its exit code. If this JVM is asked to stop (a signal), the batch
     * JVM is asked too and given time to clean up.
     */
    static int relaunch(String[] args) throws IOException, InterruptedException {
        List<String> flags = currentFlags();
        BatchArchive archive = BatchArchive.forThisJvm(flags);
        Process batch = new ProcessBuilder(command(flags, archive, args))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Thread stop = new Thread(
                () -> {
                    if (batch.isAlive()) {
                        batch.destroy();
                        try {
                            batch.waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                },
                "batch-jvm-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        int code = batch.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException e) {
            // this JVM is shutting down already: the hook has run or is running
        }
        archive.batchExited(code);
        return code;
    }

    /**
     * In the batch JVM: halts it with {@link #ORPHANED} when its standard input, the pipe from the JVM that started
     * it, ends, which is when that JVM is gone. Elsewhere: nothing.
     */
    static void haltWhenOrphaned() {
        if (!CHILD.equals(System.getProperty(RELAUNCH_PROPERTY))) {
            return;
        }
        Thread watch = new Thread(
                () -> {
                    try {
                        while (System.in.read() >= 0) {
                            // the launcher never writes: only the end counts
                        }
                    } catch (IOException e) {
                        // a broken pipe ends it too
                    }
                    Runtime.getRuntime().halt(ORPHANED);
                },
                "batch-jvm-orphan-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
