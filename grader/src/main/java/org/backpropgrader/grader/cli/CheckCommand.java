package org.backpropgrader.grader.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.grading.TruthCache;
import org.backpropgrader.grader.report.GradeReport;
import org.backpropgrader.grader.report.TerminalTable;

/** {@code grader check}: the student's self-check, in-process, printing the table. */
final class CheckCommand implements Command {
    @Override
    public String name() {
        return "check";
    }

    @Override
    public String usage() {
        return "[--submission PATH] [--exercise ID]";
    }

    @Override
    public String summary() {
        return "self-checks your classes against autograd and prints a table per exercise (runs in this JVM)";
    }

    @Override
    public Options options() {
        return PolicyOptions.addTo(new Options())
                .addOption(Option.builder().longOpt("submission").hasArg().argName("PATH")
                        .desc("your classes or sources (default: target/classes, else src/main/java, else .)").build())
                .addOption(Option.builder().longOpt("exercise").hasArg().argName("ID")
                        .desc("check only this exercise").build());
    }

    @Override
    public ExitCode run(CommandLine line, PrintStream out, PrintStream err) throws CommandException {
        Path submission = line.hasOption("submission") ? Path.of(line.getOptionValue("submission")) : defaultSubmission();
        Policy policy = PolicyOptions.read(line);
        GradeReport report = Grading.grade(submission, policy, Arguments.exercises(line, policy), List.of(),
                new TruthCache(), SubmissionGrader.IN_PROCESS);
        out.print(TerminalTable.render(report, TerminalTable.colourWanted(System.getenv(), System.console() != null)));
        return ExitCode.OK;
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
