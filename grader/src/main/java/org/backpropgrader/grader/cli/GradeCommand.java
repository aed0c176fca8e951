package org.backpropgrader.grader.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.grading.TruthCache;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.policy.PolicyCheck;
import org.backpropgrader.grader.report.GradeReport;
import org.backpropgrader.grader.report.GradescopeResults;
import org.backpropgrader.grader.report.LtiScore;
import org.backpropgrader.grader.report.NativeJson;
import org.backpropgrader.grader.report.Terminal;
import org.backpropgrader.grader.report.TerminalTable;
import org.backpropgrader.grader.roster.Roster;
import org.backpropgrader.grader.roster.Student;
import org.backpropgrader.grader.sandbox.Sandbox;

/** {@code grader grade}: one submission, scored under a policy, exported for people and for an LMS. */
final class GradeCommand implements Command {
    private final Function<Sandbox, SubmissionGrader.RunnerFactory> runners;

    /** {@code runners}: how submissions run in the sandbox that {@code --sandbox} names. */
    GradeCommand(Function<Sandbox, SubmissionGrader.RunnerFactory> runners) {
        this.runners = runners;
    }

    @Override
    public String name() {
        return "grade";
    }

    @Override
    public String usage() {
        return "--submission PATH [--policy FILE] [--format native|gradescope|lti] [--roster FILE|--user-id ID]"
                + " [--out FILE] [--sandbox bubblewrap|none]";
    }

    @Override
    public String summary() {
        return "grades one submission (class dir, jar, source dir or zip) and writes native, Gradescope or LTI JSON";
    }

    @Override
    public Options options() {
        return SandboxOption.addTo(PolicyOptions.addTo(new Options()))
                .addOption(Option.builder()
                        .longOpt("submission")
                        .hasArg()
                        .argName("PATH")
                        .required()
                        .desc("a directory of .class files, a jar, a directory of .java sources, or a zip of sources")
                        .get())
                .addOption(Option.builder()
                        .longOpt("exercise")
                        .hasArg()
                        .argName("ID")
                        .desc("grade only this exercise")
                        .get())
                .addOption(Option.builder()
                        .longOpt("format")
                        .hasArg()
                        .argName("native|gradescope|lti")
                        .desc("the JSON written (default native)")
                        .get())
                .addOption(Option.builder()
                        .longOpt("user-id")
                        .hasArg()
                        .argName("ID")
                        .desc("the LMS user id for --format lti (over the roster's)")
                        .get())
                .addOption(Arguments.rosterOption())
                .addOption(Option.builder()
                        .longOpt("out")
                        .hasArg()
                        .argName("FILE")
                        .desc("write the JSON to FILE atomically; the table then goes to standard output")
                        .get());
    }

    @Override
    public ExitCode run(CommandLine line, PrintStream out, PrintStream err) throws CommandException {
        String format = line.getOptionValue("format", "native");
        if (!List.of("native", "gradescope", "lti").contains(format)) {
            throw CommandException.usage("bad --format '" + format + "': expected native, gradescope or lti");
        }
        if (line.hasOption("user-id") && line.getOptionValue("user-id").isBlank()) {
            throw CommandException.usage(
                    "bad --user-id '" + line.getOptionValue("user-id") + "': expected an LMS user id");
        }
        Path submission = Path.of(line.getOptionValue("submission"));
        Roster roster = Arguments.roster(line);
        Optional<Student> student = roster == null ? Optional.empty() : roster.find(Grading.displayName(submission));
        String userId = line.hasOption("user-id")
                ? line.getOptionValue("user-id").strip()
                : student.map(Student::userId).orElse(null);
        boolean lti = format.equals("lti");
        if (roster != null && student.isEmpty() && !(lti && userId == null)) {
            err.println("warning: submission '" + Roster.submissionName(Grading.displayName(submission))
                    + "' is not on the roster " + roster.file());
        }
        if (lti && userId == null) {
            throw new CommandException(
                    ExitCode.DATA,
                    "an LTI Score needs the student's LMS user id: "
                            + (roster == null
                                    ? "give --user-id ID or --roster FILE"
                                    : "the submission '" + Roster.submissionName(Grading.displayName(submission))
                                            + "' is not on the roster " + roster.file()
                                            + " (column submission); add it or"
                                            + " give --user-id ID"));
        }
        Policy policy = PolicyOptions.read(line);
        TruthCache truths = new TruthCache(); // the policy check and the grading need the same answer keys
        Sandbox sandbox = SandboxOption.read(line);
        List<String> warnings = new ArrayList<>(PolicyCheck.warnings(policy, truths::get));
        warnings.addAll(sandbox.warnings(policy.limits()));
        warnings.forEach(w -> err.println("warning: " + w));
        GradeReport report = Grading.grade(
                submission, policy, Arguments.exercises(line, policy), warnings, truths, runners.apply(sandbox));
        String json = switch (format) {
            case "gradescope" -> GradescopeResults.of(report).toJson();
            case "lti" -> LtiScore.of(report, userId).toJson();
            default -> NativeJson.write(report);
        };
        String outFile = line.getOptionValue("out");
        PrintStream tableStream = outFile == null ? err : out;
        tableStream.print(TerminalTable.render(
                report, TerminalTable.colourWanted(System.getenv(), Terminal.attached() && tableStream == out)));
        Output.write(json, outFile, out);
        return ExitCode.OK;
    }
}
