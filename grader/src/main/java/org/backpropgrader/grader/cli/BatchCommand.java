package org.backpropgrader.grader.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.backpropgrader.grader.batch.BatchException;
import org.backpropgrader.grader.batch.BatchGrader;
import org.backpropgrader.grader.batch.Progress;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.CsvGradebook;
import org.backpropgrader.grader.roster.Roster;
import org.backpropgrader.grader.sandbox.Sandbox;

/**
 * {@code grader batch}: a whole class's submissions, graded in parallel, each result saved the moment it is done,
 * resumable after a crash (see {@link BatchGrader} for the output layout); then the HTML class report of the results
 * ({@code OUT/report/index.html}, as {@code grader report} makes it).
 */
final class BatchCommand implements Command {
    private final Function<Sandbox, SubmissionGrader.RunnerFactory> runners;

    /** {@code runners}: how submissions run in the sandbox that {@code --sandbox} names. */
    BatchCommand(Function<Sandbox, SubmissionGrader.RunnerFactory> runners) {
        this.runners = runners;
    }

    @Override
    public String name() {
        return "batch";
    }

    @Override
    public String usage() {
        return "--submissions DIR --out DIR [--jobs N] [--policy FILE] [--resume] [--roster FILE]"
                + " [--gradebook canvas|moodle] [--assignment-name NAME] [--assignment-id ID] [--gradebook-exercises]"
                + " [--sandbox bubblewrap|none]";
    }

    @Override
    public String summary() {
        return "grades every submission in a directory (one per student) into native and Gradescope JSON, LTI"
                + " Scores (with --roster), a Canvas or Moodle gradebook, a summary and an HTML class report";
    }

    @Override
    public Options options() {
        return SandboxOption.addTo(PolicyOptions.addTo(new Options()))
                .addOption(Option.builder()
                        .longOpt("submissions")
                        .hasArg()
                        .argName("DIR")
                        .required()
                        .desc("a directory whose entries are the submissions: a folder, jar or zip per student,"
                                + " named by student id")
                        .get())
                .addOption(Option.builder()
                        .longOpt("out")
                        .hasArg()
                        .argName("DIR")
                        .required()
                        .desc("where results/, gradescope/, lti/, gradebook.csv, summary.json and report/ go")
                        .get())
                .addOption(Option.builder()
                        .longOpt("jobs")
                        .hasArg()
                        .argName("N")
                        .desc("submissions graded at once (default: the number of cores, "
                                + Runtime.getRuntime().availableProcessors() + " here)")
                        .get())
                .addOption(Option.builder()
                        .longOpt("resume")
                        .desc("keep results whose submission and policy are unchanged and grade the rest")
                        .get())
                .addOption(Arguments.rosterOption())
                .addOption(Option.builder()
                        .longOpt("gradebook")
                        .hasArg()
                        .argName("canvas|moodle")
                        .desc("the gradebook.csv layout: Canvas's import (default) or Moodle's CSV grade import")
                        .get())
                .addOption(Option.builder()
                        .longOpt("assignment-name")
                        .hasArg()
                        .argName("NAME")
                        .desc("the assignment's name in the LMS (default \"" + CsvGradebook.DEFAULT_ASSIGNMENT_NAME
                                + "\")")
                        .get())
                .addOption(Option.builder()
                        .longOpt("assignment-id")
                        .hasArg()
                        .argName("ID")
                        .desc("the LMS's assignment id: the Canvas column becomes \"NAME (ID)\", which Canvas"
                                + " matches to the existing assignment")
                        .get())
                .addOption(Option.builder()
                        .longOpt("gradebook-exercises")
                        .desc("also one gradebook column per exercise (Canvas imports each as a new assignment)")
                        .get());
    }

    @Override
    public ExitCode run(CommandLine line, PrintStream out, PrintStream err) throws CommandException {
        int jobs = jobs(line.getOptionValue("jobs"));
        Policy policy = PolicyOptions.read(line);
        CsvGradebook.Options gradebook = new CsvGradebook.Options(
                gradebookKind(line.getOptionValue("gradebook")),
                line.getOptionValue("assignment-name"),
                line.getOptionValue("assignment-id"),
                line.hasOption("gradebook-exercises"));
        Roster roster = Arguments.roster(line);
        BatchGrader.Request request = new BatchGrader.Request(
                Path.of(line.getOptionValue("submissions")),
                Path.of(line.getOptionValue("out")),
                jobs,
                line.hasOption("resume"),
                policy,
                roster,
                gradebook);
        Sandbox sandbox = SandboxOption.read(line);
        BatchGrader batch = new BatchGrader(
                runners.apply(sandbox), sandbox.warnings(policy.limits()), Progress.to(err, Progress.terminal()));
        try {
            batch.run(request);
        } catch (BatchException e) {
            ExitCode code = switch (e.kind()) {
                case EXISTING_RESULTS -> ExitCode.USAGE;
                case UNREADABLE_SUBMISSIONS, OUTPUT -> ExitCode.DATA;
            };
            throw new CommandException(code, e.getMessage(), e);
        }
        err.println("class report: " + ReportCommand.write(request.out(), request.submissions(), batch.readBack()));
        return ExitCode.OK;
    }

    static CsvGradebook.Kind gradebookKind(String text) throws CommandException {
        if (text == null) {
            return CsvGradebook.Kind.CANVAS;
        }
        for (CsvGradebook.Kind k : CsvGradebook.Kind.values()) {
            if (k.label().equalsIgnoreCase(text.strip())) {
                return k;
            }
        }
        throw CommandException.usage("bad --gradebook '" + text + "': expected canvas or moodle");
    }

    static int jobs(String text) throws CommandException {
        if (text == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the usage error
        }
        throw CommandException.usage("bad --jobs '" + text + "': expected a whole number >= 1");
    }
}
