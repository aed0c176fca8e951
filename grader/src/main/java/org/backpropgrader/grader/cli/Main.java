package org.backpropgrader.grader.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.backpropgrader.grader.run.ChildJvmRunner;

/** {@code grader COMMAND [OPTIONS]}: define → parse → interrogate, one place for exit codes. */
public final class Main {
    private final Map<String, Command> commands = new LinkedHashMap<>();

    Main(List<Command> commands) {
        commands.forEach(c -> this.commands.put(c.name(), c));
    }

    static Main standard() {
        return new Main(List.of(
                new CheckCommand(),
                new GradeCommand(ChildJvmRunner::factory),
                new BatchCommand(ChildJvmRunner::factory),
                new ReportCommand(),
                new ExercisesCommand(),
                new TruthCommand(),
                new HandoutCommand(),
                new ExportCommand(),
                new AutogradeCommand(ChildJvmRunner::factory)));
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("batch") && BatchJvm.shouldRelaunch(BatchJvm.currentFlags())) {
            try {
                System.exit(BatchJvm.relaunch(args));
            } catch (IOException e) {
                System.err.println(
                        "grader batch: cannot relaunch in a batch JVM (" + e.getMessage() + "); grading in this one");
            } catch (InterruptedException e) {
                System.exit(ExitCode.INTERNAL.code());
            }
        }
        BatchJvm.haltWhenOrphaned();
        System.exit(standard().run(args, System.out, System.err).code());
    }

    ExitCode run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            printOverview(args.length == 0 ? err : out);
            return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            err.println("grader: unknown command '" + args[0] + "'; expected one of "
                    + String.join(", ", commands.keySet()) + " (grader --help)");
            return ExitCode.USAGE;
        }
        Options options = command.options();
        options.addOption(
                Option.builder("h").longOpt("help").desc("show this help").get());
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        // Before parsing: the parser rejects 'grade --help' for its missing required --submission.
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            printHelp(command, options, out);
            return ExitCode.OK;
        }
        try {
            CommandLine line = new DefaultParser().parse(options, rest);
            if (line.getArgList().size() > command.maxArguments()) {
                throw CommandException.usage(
                        "unexpected argument '" + line.getArgList().get(command.maxArguments()) + "'");
            }
            return command.run(line, out, err);
        } catch (ParseException e) {
            err.println("grader " + command.name() + ": " + e.getMessage() + "; usage: grader " + command.name() + " "
                    + command.usage());
            return ExitCode.USAGE;
        } catch (CommandException e) {
            // One line: scripts and people read the first line of standard error.
            err.println("grader " + command.name() + ": " + e.getMessage());
            return e.exitCode();
        } catch (RuntimeException | Error e) {
            err.println("grader " + command.name() + ": internal error: " + e);
            e.printStackTrace(err);
            return ExitCode.INTERNAL;
        }
    }

    private void printOverview(PrintStream out) {
        out.println("usage: grader COMMAND [OPTIONS]   (grader COMMAND --help for its options)");
        out.println();
        for (Command c : commands.values()) {
            out.printf("  %-10s %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("exit codes: 0 done (graded, whatever the score), 1 check: some gradient short of full points,"
                + " 64 usage, 65 unloadable submission or bad policy, 69 OS sandbox unavailable (see --sandbox),"
                + " 70 internal error");
    }

    // Commons CLI 1.10 deprecates this HelpFormatter for cli.help.HelpFormatter, which lays the help out differently
    // (an "Options" table); the help text that users and CliEndToEndTest read stays as it is.
    @SuppressWarnings("deprecation")
    private static void printHelp(Command command, Options options, PrintStream out) {
        // Formatted into a string, so that out encodes it with its own charset rather than the platform's.
        StringWriter text = new StringWriter();
        HelpFormatter help = new HelpFormatter();
        help.printHelp(
                new PrintWriter(text),
                100,
                "grader " + command.name() + " " + command.usage(),
                command.summary(),
                options,
                2,
                2,
                "",
                false);
        out.print(text);
        out.flush();
    }
}
