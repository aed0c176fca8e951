package org.backpropgrader.grader.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.backpropgrader.grader.batch.BatchException;
import org.backpropgrader.grader.batch.BatchGrader;
import org.backpropgrader.grader.batch.Progress;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.policy.Policy;

/**
 * {@code grader batch}: a whole class's submissions, graded in parallel, each result saved the moment it is done,
 * resumable after a crash (see {@link BatchGrader} for the output layout); then the HTML class report of the results
 * ({@code OUT/report/index.html}, as {@code grader report} makes it).
 */
final class BatchCommand implements Command {
    private final SubmissionGrader.RunnerFactory runners;

    BatchCommand(SubmissionGrader.RunnerFactory runners) {
        this.runners = runners;
    }

    @Override
    public String name() {
        return "batch";
    }

    @Override
    public String usage() {
        return "--submissions DIR --out DIR [--jobs N] [--policy FILE] [--resume]";
    }

    @Override
    public String summary() {
        return "grades every submission in a directory (one per student id) into native, Gradescope and LTI JSON,"
                + " a gradebook, a summary and an HTML class report";
    }

    @Override
    public Options options() {
        return PolicyOptions.addTo(new Options())
                .addOption(Option.builder().longOpt("submissions").hasArg().argName("DIR").required()
                        .desc("a directory whose entries are the submissions: a folder, jar or zip per student,"
                                + " named by student id").build())
                .addOption(Option.builder().longOpt("out").hasArg().argName("DIR").required()
                        .desc("where results/, gradescope/, lti/, gradebook.csv, summary.json and report/ go")
                        .build())
                .addOption(Option.builder().longOpt("jobs").hasArg().argName("N")
                        .desc("submissions graded at once (default: the number of cores, "
                                + Runtime.getRuntime().availableProcessors() + " here)").build())
                .addOption(Option.builder().longOpt("resume")
                        .desc("keep results whose submission and policy are unchanged and grade the rest").build());
    }

    @Override
    public ExitCode run(CommandLine line, PrintStream out, PrintStream err) throws CommandException {
        int jobs = jobs(line.getOptionValue("jobs"));
        Policy policy = PolicyOptions.read(line);
        BatchGrader.Request request = new BatchGrader.Request(Path.of(line.getOptionValue("submissions")),
                Path.of(line.getOptionValue("out")), jobs, line.hasOption("resume"), policy);
        try {
            new BatchGrader(runners, Progress.to(err, Progress.terminal())).run(request);
        } catch (BatchException e) {
            ExitCode code = switch (e.kind()) {
                case EXISTING_RESULTS -> ExitCode.USAGE;
                case UNREADABLE_SUBMISSIONS, OUTPUT -> ExitCode.DATA;
            };
            throw new CommandException(code, e.getMessage(), e);
        }
        err.println("class report: " + ReportCommand.write(request.out(), request.submissions()));
        return ExitCode.OK;
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
