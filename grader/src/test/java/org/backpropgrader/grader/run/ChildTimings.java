package org.backpropgrader.grader.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.grader.files.Directories;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.grading.TruthCache;
import org.backpropgrader.grader.load.LoadedSubmission;
import org.backpropgrader.grader.load.SubmissionLoader;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.sandbox.Sandbox;
import org.backpropgrader.grader.sandbox.Sandboxes;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Tensor;

/**
 * Prints what isolation costs (no assertions; timings depend on the machine): a bare {@code java -version}, a
 * child's start to its first answer with and without the CDS archive, and the whole grading of one submission
 * in-process and in a child. {@code ChildTimings SUBMISSION [RUNS] [SANDBOX]}, e.g. {@code examples/correct 10 none}
 * (the sandbox defaults to bubblewrap).
 */
public final class ChildTimings {
    private ChildTimings() {}

    public static void main(String[] args) throws Exception {
        Path submission = Path.of(args.length > 0 ? args[0] : "examples/correct");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Sandbox sandbox = Sandboxes.named(args.length > 2 ? args[2] : Sandboxes.BUBBLEWRAP);
        System.out.println("sandbox: " + sandbox.name());
        Policy policy = Policy.defaults();
        Path work = Files.createTempDirectory("timings");
        ChildClasspath withCds = ChildClasspath.get();
        ChildClasspath noCds = withCds.withoutCds();
        System.out.println("CDS flags: " + withCds.cdsFlags());

        try (SubmissionLoader loader = new SubmissionLoader();
                SubmissionGrader grader = new SubmissionGrader()) {
            LoadedSubmission loaded = loader.load(submission, work.resolve("load"));
            Exercise<?, ?> relu = Exercises.byId("relu-neuron").orElseThrow();
            String cls = ((org.backpropgrader.grader.load.Implementation.Found) loaded.implementation("relu-neuron"))
                    .className();
            Truth truth = new TruthCache().get(relu, policy.seeds().get(0));

            // warm-up of both sides, so the grader's own JIT does not count
            for (int i = 0; i < 3; i++) {
                firstAnswer(loaded, policy, withCds, sandbox, truth, relu, cls);
                firstAnswer(loaded, policy, noCds, sandbox, truth, relu, cls);
                javaVersion();
            }
            double[] version = new double[runs];
            double[] cds = new double[runs];
            double[] plain = new double[runs];
            for (int i = 0; i < runs; i++) {
                version[i] = javaVersion();
                cds[i] = firstAnswer(loaded, policy, withCds, sandbox, truth, relu, cls);
                plain[i] = firstAnswer(loaded, policy, noCds, sandbox, truth, relu, cls);
            }
            System.out.printf("java -version (same java, child flags):        median %6.1f ms%n", median(version));
            System.out.printf("child start to first answer, with CDS archive: median %6.1f ms%n", median(cds));
            System.out.printf("child start to first answer, without CDS:      median %6.1f ms%n", median(plain));

            List<Exercise<?, ?>> all = Exercises.all();
            SubmissionGrader.RunnerFactory child =
                    (s, p) -> new ChildJvmRunner(s.classesRoot(), p.limits(), withCds, sandbox);
            SubmissionGrader.RunnerFactory childNoCds =
                    (s, p) -> new ChildJvmRunner(s.classesRoot(), p.limits(), noCds, sandbox);
            for (int i = 0; i < 3; i++) {
                grade(grader, submission, policy, all, work, SubmissionGrader.IN_PROCESS);
                grade(grader, submission, policy, all, work, child);
            }
            double[] inProcess = new double[runs];
            double[] inChild = new double[runs];
            double[] inChildNoCds = new double[runs];
            for (int i = 0; i < runs; i++) {
                inProcess[i] = grade(grader, submission, policy, all, work, SubmissionGrader.IN_PROCESS);
                inChild[i] = grade(grader, submission, policy, all, work, child);
                inChildNoCds[i] = grade(grader, submission, policy, all, work, childNoCds);
            }
            System.out.printf("grade %s (5 exercises, 1 seed, both modes), warm grader:%n", submission);
            System.out.printf("  in-process:                                  median %6.1f ms%n", median(inProcess));
            System.out.printf("  child JVM with CDS:                          median %6.1f ms%n", median(inChild));
            System.out.printf("  child JVM without CDS:                       median %6.1f ms%n", median(inChildNoCds));
            System.out.printf(
                    "  isolation overhead per submission:           %6.1f ms (%.1f x java -version)%n",
                    median(inChild) - median(inProcess), (median(inChild) - median(inProcess)) / median(version));
        } finally {
            Directories.deleteQuietly(work);
        }
    }

    private static double firstAnswer(
            LoadedSubmission loaded,
            Policy policy,
            ChildClasspath cp,
            Sandbox sandbox,
            Truth truth,
            Exercise<?, ?> relu,
            String cls)
            throws Exception {
        long t0 = System.nanoTime();
        try (ChildJvmRunner runner = new ChildJvmRunner(loaded.classesRoot(), policy.limits(), cp, sandbox);
                ExerciseSession s = runner.open(truth, cls, Mode.ISOLATED)) {
            Gradient<?, ?> res = relu.gradients().get(0);
            Answer a = s.call(res, new Tensor[] {truth.gradient("loss")});
            if (!(a instanceof Answer.Returned)) {
                throw new IllegalStateException("no answer: " + a);
            }
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static double javaVersion() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Processes.thisJava());
        cmd.addAll(ChildCommand.baseFlags(256, 1024, Path.of(System.getProperty("java.io.tmpdir"))));
        cmd.add("-version");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.waitFor();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double grade(
            SubmissionGrader grader,
            Path submission,
            Policy policy,
            List<Exercise<?, ?>> all,
            Path work,
            SubmissionGrader.RunnerFactory runners)
            throws Exception {
        Path dir = Files.createTempDirectory(work, "g");
        long t0 = System.nanoTime();
        var report = grader.grade(submission, "timing", policy, all, List.of(), dir, runners);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (report.score() != report.maxScore()) {
            throw new IllegalStateException("expected full marks, got " + report.score() + " "
                    + report.exercises().get(0));
        }
        return ms;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
