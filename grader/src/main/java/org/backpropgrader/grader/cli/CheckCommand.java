package org.backpropgrader.grader.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.grader.compare.SideBySide;
import org.backpropgrader.grader.files.Directories;
import org.backpropgrader.grader.files.ScratchDirectory;
import org.backpropgrader.grader.grading.GradingRun;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.grading.TruthCache;
import org.backpropgrader.grader.load.SubmissionException;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.GradeReport;
import org.backpropgrader.grader.report.Terminal;
import org.backpropgrader.grader.report.TerminalTable;
import org.backpropgrader.reference.Tensor;

/**
 * {@code grader check}: the student's self-check, in-process, printing the table; like a test runner it exits 1
 * when some gradient is short of full points.
 */
final class CheckCommand implements Command {
    @Override
    public String name() {
        return "check";
    }

    @Override
    public String usage() {
        return "[--submission PATH] [--exercise ID[,ID...]] [--gradient NAME] [--show]";
    }

    @Override
    public String summary() {
        return "self-checks your classes against autograd, a table per exercise (in this JVM; exit 1 until every"
                + " gradient earns its points)";
    }

    @Override
    public Options options() {
        return PolicyOptions.addTo(new Options())
                .addOption(Option.builder()
                        .longOpt("submission")
                        .hasArg()
                        .argName("PATH")
                        .desc("your classes or sources (default: target/classes, else src/main/java, else .)")
                        .get())
                .addOption(Option.builder()
                        .longOpt("exercise")
                        .hasArg()
                        .argName("ID[,ID...]")
                        .desc("check only these exercises")
                        .get())
                .addOption(Option.builder()
                        .longOpt("gradient")
                        .hasArg()
                        .argName("NAME")
                        .desc("check only this gradient (a method name, e.g. diff2; with --exercise when several"
                                + " exercises have it)")
                        .get())
                .addOption(Option.builder()
                        .longOpt("show")
                        .desc("for WRONG and SHAPE gradients, print your tensor and the expected one side by side"
                                + " (first seed, scoring mode)")
                        .get());
    }

    @Override
    public ExitCode run(CommandLine line, PrintStream out, PrintStream err) throws CommandException {
        Path submission =
                line.hasOption("submission") ? Path.of(line.getOptionValue("submission")) : defaultSubmission();
        if (!Files.exists(submission)) {
            throw new CommandException(ExitCode.DATA, "submission " + submission + " does not exist");
        }
        Policy policy = PolicyOptions.read(line);
        List<Exercise<?, ?>> exercises = Arguments.exercises(line, policy);
        GradingRun.Selection selection = GradingRun.Selection.ALL;
        if (line.hasOption("gradient")) {
            exercises = withGradient(exercises, line.getOptionValue("gradient"), line.hasOption("exercise"));
            String name = line.getOptionValue("gradient");
            selection = (e, g) -> g.name().equals(name);
        }
        long shownSeed = policy.seeds().get(0);
        Shown shown = new Shown(shownSeed, policy.scoringMode());
        GradeReport report;
        Path work = null;
        TruthCache truths = new TruthCache();
        truths.prefetch(exercises, policy.seeds());
        try (SubmissionGrader grader = new SubmissionGrader(truths)) {
            work = ScratchDirectory.create("backprop-grader-");
            report = grader.grade(
                    submission,
                    Grading.displayName(submission),
                    policy,
                    exercises,
                    List.of(),
                    work,
                    SubmissionGrader.IN_PROCESS,
                    selection,
                    line.hasOption("show") ? shown : GradingRun.Listener.NONE);
        } catch (SubmissionException e) {
            throw new CommandException(ExitCode.DATA, e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandException(ExitCode.DATA, "cannot check " + submission + ": " + e, e);
        } finally {
            Directories.deleteQuietly(work);
        }
        out.print(TerminalTable.render(report, TerminalTable.colourWanted(System.getenv(), Terminal.attached())));
        if (line.hasOption("show")) {
            out.print(shown.render(report));
        }
        boolean full = report.exercises().stream()
                .flatMap(e -> e.gradients().stream())
                .allMatch(g -> g.points() >= g.maxPoints());
        return full ? ExitCode.OK : ExitCode.NOT_FULL_MARKS;
    }

    /** The exercises that have a gradient {@code name}; a usage error when none has it or, unasked, several do. */
    private static List<Exercise<?, ?>> withGradient(List<Exercise<?, ?>> exercises, String name, boolean exerciseGiven)
            throws CommandException {
        List<Exercise<?, ?>> having = new ArrayList<>();
        for (Exercise<?, ?> e : exercises) {
            if (e.gradients().stream().anyMatch(g -> g.name().equals(name))) {
                having.add(e);
            }
        }
        if (having.isEmpty()) {
            throw CommandException.usage("no gradient '" + name + "' in "
                    + String.join(", ", exercises.stream().map(Exercise::id).toList())
                    + " (grader exercises lists them)");
        }
        if (having.size() > 1 && !exerciseGiven) {
            throw CommandException.usage("gradient '" + name + "' is in "
                    + String.join(", ", having.stream().map(Exercise::id).toList()) + ": say which with --exercise");
        }
        return having;
    }

    /** The student's tensors on one seed in the scoring mode, kept to show the wrong ones after the table. */
    private static final class Shown implements GradingRun.Listener {
        private final long seed;
        private final Mode mode;
        private final Map<String, String> sideBySide = new LinkedHashMap<>();

        Shown(long seed, Mode mode) {
            this.seed = seed;
            this.mode = mode;
        }

        @Override
        public void answered(
                Exercise<?, ?> exercise,
                Gradient<?, ?> gradient,
                long seed,
                Mode mode,
                Tensor student,
                Tensor truth,
                Tolerance tolerance) {
            if (seed == this.seed && mode == this.mode) {
                sideBySide.put(exercise.id() + "/" + gradient.name(), SideBySide.render(student, truth, tolerance));
            }
        }

        String render(GradeReport report) {
            StringBuilder out = new StringBuilder();
            for (ExerciseResult e : report.exercises()) {
                for (GradientResult g : e.gradients()) {
                    String text = sideBySide.get(e.id() + "/" + g.name());
                    if (text != null && (g.status() == Status.WRONG || g.status() == Status.SHAPE)) {
                        out.append('\n')
                                .append(e.id())
                                .append('/')
                                .append(g.name())
                                .append(": ")
                                .append(g.status())
                                .append(" (seed ")
                                .append(seed)
                                .append(", ")
                                .append(mode.label())
                                .append(")\n")
                                .append(text);
                    }
                }
            }
            return out.toString();
        }
    }

    private static Path defaultSubmission() {
        for (String candidate : List.of("target/classes", "src/main/java")) {
            if (Files.isDirectory(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return Path.of(".");
    }
}
