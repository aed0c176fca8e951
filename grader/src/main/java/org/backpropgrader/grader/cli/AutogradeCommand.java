package org.backpropgrader.grader.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.deploy.Upload;
import org.backpropgrader.grader.files.Directories;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.grading.TruthCache;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.policy.PolicyCheck;
import org.backpropgrader.grader.report.Format;
import org.backpropgrader.grader.report.GradeReport;
import org.backpropgrader.grader.report.GradescopeResults;
import org.backpropgrader.grader.report.PrairieLearnResults;
import org.backpropgrader.grader.report.TerminalTable;
import org.backpropgrader.grader.sandbox.Sandbox;
import org.backpropgrader.grader.sandbox.Sandboxes;

/**
 * {@code grader autograde}: what the exported platform wrappers run ({@code grader export}). It finds the submission
 * in the folder the platform filled ({@link Upload}), grades it and writes the platform's results file, and a
 * submission that is empty, unreadable or does not compile still gets a results file that says so: the platform must
 * never show "autograder failed" for a student's mistake. Exit 69 (the OS sandbox cannot start) writes nothing, so
 * the wrapper can run again with {@code --sandbox none}.
 */
final class AutogradeCommand implements Command {
    static final List<String> PLATFORMS = List.of("gradescope", "prairielearn");

    private final Function<Sandbox, SubmissionGrader.RunnerFactory> runners;

    AutogradeCommand(Function<Sandbox, SubmissionGrader.RunnerFactory> runners) {
        this.runners = runners;
    }

    @Override
    public String name() {
        return "autograde";
    }

    @Override
    public String usage() {
        return "--platform gradescope|prairielearn --upload DIR --out FILE [--policy FILE] [--sandbox bubblewrap|none]";
    }

    @Override
    public String summary() {
        return "grades what a student uploaded to a platform and writes its results file (the exported wrappers run it)";
    }

    @Override
    public Options options() {
        return SandboxOption.addTo(new Options())
                .addOption(Option.builder()
                        .longOpt("platform")
                        .hasArg()
                        .argName(String.join("|", PLATFORMS))
                        .required()
                        .desc("whose results file to write")
                        .get())
                .addOption(Option.builder()
                        .longOpt("upload")
                        .hasArg()
                        .argName("DIR")
                        .required()
                        .desc("the folder holding what the student uploaded: sources, classes, a zip or a jar, anywhere"
                                + " below it")
                        .get())
                .addOption(Option.builder()
                        .longOpt("out")
                        .hasArg()
                        .argName("FILE")
                        .required()
                        .desc("the results file, written atomically")
                        .get())
                .addOption(Option.builder()
                        .longOpt("policy")
                        .hasArg()
                        .argName("FILE")
                        .desc("the course's policy, hidden seeds included")
                        .get());
    }

    @Override
    public ExitCode run(CommandLine line, PrintStream out, PrintStream err) throws CommandException {
        String platform = line.getOptionValue("platform");
        if (!PLATFORMS.contains(platform)) {
            throw CommandException.usage(
                    "bad --platform '" + platform + "': expected " + String.join(" or ", PLATFORMS));
        }
        Policy policy = PolicyOptions.read(line);
        Sandbox sandbox = SandboxOption.read(line); // exit 69 here, before anything is written
        List<Exercise<?, ?>> exercises = policy.select(Exercises.all());
        TruthCache truths = new TruthCache();
        List<String> warnings = new ArrayList<>(PolicyCheck.warnings(policy, truths::get));
        List<String> sandboxWarnings = sandbox.warnings(policy.limits());
        warnings.addAll(sandboxWarnings);
        warnings.forEach(w -> err.println("warning: " + w)); // the platform's log: the instructor's eyes only

        Path uploadDir = Path.of(line.getOptionValue("upload"));
        Upload upload;
        try {
            upload = Upload.find(uploadDir);
        } catch (IOException e) {
            upload = new Upload(null, null, "cannot read the submission: " + e.getMessage());
        }
        List<String> notes = new ArrayList<>();
        String problem = upload.problem();
        GradeReport report = null;
        Path empty = null;
        try {
            if (problem == null) {
                notes.add("Graded " + upload.description() + ".");
                try {
                    report = Grading.grade(
                            upload.submission(), policy, exercises, warnings, truths, runners.apply(sandbox));
                } catch (CommandException e) {
                    if (e.exitCode() != ExitCode.DATA) {
                        throw e;
                    }
                    problem = e.getMessage(); // unreadable: a corrupt zip, too large, …
                    notes.clear();
                }
            }
            if (report == null) {
                // Nothing gradable: grade an empty folder, so every exercise and gradient is still listed with 0.
                empty = Files.createTempDirectory("backprop-empty-");
                report = Grading.grade(empty, policy, exercises, warnings, truths, runners.apply(sandbox));
                notes.add("Nothing was graded: " + problem + ".");
            }
        } catch (IOException e) {
            throw new CommandException(ExitCode.INTERNAL, "cannot make a scratch folder: " + e.getMessage(), e);
        } finally {
            Directories.deleteQuietly(empty);
        }
        if (sandbox.name().equals(Sandboxes.NONE)) {
            notes.add("Note: your code ran without the grader's OS sandbox (it cannot start in this platform's"
                    + " container); the platform's container for this submission isolated it.");
        }
        err.print(TerminalTable.render(report, false));
        String json;
        if (platform.equals("gradescope")) {
            json = GradescopeResults.of(report).withNotes(notes).toJson();
        } else {
            List<String> formatErrors = new ArrayList<>();
            if (problem != null) {
                formatErrors.add(problem);
            } else if (report.compilerOutput() != null) {
                formatErrors.add("Your code does not compile:\n"
                        + report.compilerOutput().strip());
            }
            json = PrairieLearnResults.of(report, formatErrors, notes).toJson();
        }
        Output.write(json, line.getOptionValue("out"), out);
        err.println("wrote " + line.getOptionValue("out") + " (" + Format.points(report.score()) + "/"
                + Format.points(report.maxScore()) + ")");
        return ExitCode.OK;
    }
}
