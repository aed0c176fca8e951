package org.backpropgrader.grader.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.reference.Autograd;
import org.backpropgrader.runner.ChildMain;

/** The child JVM's command line: the same {@code java} as the grader, its flags, its class path and arguments. */
final class ChildCommand {
    /** Extra JVM flags for every child, space-separated, after the standard ones (for operators and measurements). */
    static final String EXTRA_FLAGS_PROPERTY = "backprop.child.flags";
    /** How much longer than the submission's time limit a child may live before it halts itself. */
    private static final long LIFETIME_MARGIN_MS = 10_000;

    private static final boolean LINUX =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

    /** The reference engine's matrix kernel, where a child spends most of its time in student code. */
    static final String KERNEL_METHODS = "org.backpropgrader.reference.MatMulKernel::*";

    /**
     * How much sooner than other methods the matrix kernel is compiled. A child runs a few dozen products, each a
     * single call with loops of millions of steps: by the thresholds above (and while C1's queue is long, which
     * raises them further) the kernel's loops ran interpreted, ten to fifty times slower, for a good part of a
     * child's products. At a hundredth of the thresholds C1 compiles it within the first product: a child's CPU
     * time fell by a median 10 ms (5%; faster in 28 of 30 paired replays of a model and a mistaken solution), and
     * once the child linked no lambdas by 19 ms (11%; 26 of 30), where 0.05 gained half that and 0.001 nothing
     * more; doing the same for the transpose and sum kernels cost more compiling than it saved.
     */
    static final double KERNEL_COMPILE_SCALING = 0.01;

    /**
     * The child's collector, which its CDS archive is dumped with too ({@link ChildClasspath}). G1, although a child
     * lives a second and never collects: in JDK 17 only G1 maps a CDS archive's heap objects (the module graph,
     * interned strings, class mirrors); under any other collector the JVM ignores them and builds all that afresh at
     * every start. {@code java -version} took 61 ms of CPU with the serial collector and 43 ms with G1 (medians of
     * 20, alternating); a child graded from a G1 archive took a median 11% less CPU than with the serial collector
     * and its archive (14.3 ms, 16 paired replays of a model and a mistaken solution, lower in 14).
     */
    static final String COLLECTOR = "-XX:+UseG1GC";

    private ChildCommand() {}

    /**
     * The command that serves {@code classes} on {@code classpath} under {@code limits}, with {@code workDir} (as the
     * child sees it) its temp directory.
     */
    static List<String> of(ChildClasspath classpath, Policy.Limits limits, Path workDir, Path classes) {
        List<String> command = new ArrayList<>();
        command.add(Processes.thisJava());
        command.addAll(baseFlags(limits.heapMb(), limits.stackKb(), workDir));
        command.addAll(classpath.cdsFlags());
        String extra = System.getProperty(EXTRA_FLAGS_PROPERTY, "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of(
                "-cp",
                classpath.jar().toString(),
                ChildMain.class.getName(),
                classes.toString(),
                Long.toString(limits.outputCapBytes()),
                Long.toString(limits.submissionTimeoutMs() + LIFETIME_MARGIN_MS)));
        return command;
    }

    /**
     * The child's JVM flags, {@code tmpdir} its {@code java.io.tmpdir}. VM messages go to standard error, never to
     * standard output, which is the protocol's.
     *
     * <p>C1 only (a child lives a second: C2 would not pay back its compile time), and C1 itself only for methods
     * called a thousand times rather than two hundred: a child compiled about 375 methods, 314 of them the JDK's
     * start-up and class-loading code that is done with by the time it is compiled; with the higher threshold a
     * child's CPU time fell by about 10% (220 to 190 ms and 224 to 203 ms in two runs of 20 submissions). Loops
     * keep the default back-edge threshold; raising every threshold (CompileThresholdScaling 3, 10, 30) cost 0%,
     * +10% and +60%. Even so the matrix kernel's loops ran interpreted for too long: it has its own, far lower
     * thresholds ({@link #KERNEL_COMPILE_SCALING}).
     */
    static List<String> baseFlags(int heapMb, int stackKb, Path tmpdir) {
        List<String> flags = new ArrayList<>(List.of(
                "-Xmx" + heapMb + "m",
                "-Xss" + stackKb + "k",
                COLLECTOR,
                "-XX:TieredStopAtLevel=1",
                "-XX:Tier3InvocationThreshold=1000",
                "-XX:Tier3MinInvocationThreshold=500",
                "-XX:Tier3CompileThreshold=10000",
                // quiet: the VM would announce the command first thing on standard error, whose first line is what
                // a failed start reports
                "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=CompileThresholdScaling," + KERNEL_METHODS + "," + KERNEL_COMPILE_SCALING,
                "-XX:-UsePerfData",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+DisplayVMOutputToStderr",
                "-Xlog:disable",
                "-Xlog:all=warning:stderr",
                "-Xshare:auto",
                "-D" + Autograd.PROPERTY + "=off",
                "-Dfile.encoding=UTF-8",
                "-Djava.io.tmpdir=" + tmpdir));
        if (LINUX) {
            // A child allocates some 100 MB of short-lived tensors into a young generation it never collects, and
            // each fresh 4 kB page is a page fault: in 2 MB pages a child took about 10% less CPU (146 to 129 ms
            // and 153 to 133 ms a child, over 100 submissions). The flag exists only on Linux; where the kernel
            // offers no huge pages the JVM would warn on standard error, whose first line is what a failed start
            // reports, so that warning is off.
            flags.add("-XX:+UseTransparentHugePages");
            flags.add("-Xlog:pagesize=off:stderr");
        }
        return List.copyOf(flags);
    }
}
