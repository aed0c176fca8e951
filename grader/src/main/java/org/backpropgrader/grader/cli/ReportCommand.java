package org.backpropgrader.grader.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.backpropgrader.grader.batch.ResultFile;
import org.backpropgrader.grader.classreport.ClassReport;
import org.backpropgrader.grader.classreport.ClassResults;

/**
 * {@code grader report}: rebuilds a batch's HTML class report ({@code OUT/report/index.html}) from the results found
 * in {@code OUT/results/}, e.g. after results were added, removed or regraded by hand. A result that fails
 * verification is shown and flagged, not dropped.
 */
final class ReportCommand implements Command {
    @Override
    public String name() {
        return "report";
    }

    @Override
    public String usage() {
        return "--results OUTDIR [--submissions DIR]";
    }

    @Override
    public String summary() {
        return "rebuilds the HTML class report of a batch from the results in its output directory";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder()
                        .longOpt("results")
                        .hasArg()
                        .argName("OUTDIR")
                        .required()
                        .desc("a batch's --out directory (the one holding results/); the report goes to"
                                + " OUTDIR/report/")
                        .get())
                .addOption(Option.builder()
                        .longOpt("submissions")
                        .hasArg()
                        .argName("DIR")
                        .desc("the batch's submissions directory: also flag results whose submission changed"
                                + " since it was graded")
                        .get());
    }

    @Override
    public ExitCode run(CommandLine line, PrintStream out, PrintStream err) throws CommandException {
        Path results = Path.of(line.getOptionValue("results"));
        Path submissions = line.hasOption("submissions") ? Path.of(line.getOptionValue("submissions")) : null;
        out.println(write(results, submissions));
        return ExitCode.OK;
    }

    /** Writes the report of the batch in {@code results}; returns the index page. */
    static Path write(Path results, Path submissions) throws CommandException {
        return write(results, submissions, Map.of());
    }

    /**
     * {@link #write(Path, Path)} after a batch, which passes the results it has just read back (by student id) so that
     * they are not parsed twice.
     */
    static Path write(Path results, Path submissions, Map<String, ResultFile.Read> readBack) throws CommandException {
        try {
            return ClassReport.write(ClassResults.load(results, submissions, readBack));
        } catch (NoSuchFileException e) {
            throw new CommandException(
                    ExitCode.DATA, e.getReason() != null ? e.getReason() : "no such directory: " + e.getFile(), e);
        } catch (IOException e) {
            throw new CommandException(ExitCode.DATA, "cannot write the class report in " + results + ": " + e, e);
        }
    }
}
