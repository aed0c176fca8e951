package org.backpropgrader.grader.cli;

import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One verb of the command line: its options are defined once, parsed by {@link Main}, interrogated here. */
interface Command {
    String name();

    /** The usage line after {@code grader NAME}, e.g. {@code --exercise ID --seed S [--out FILE]}. */
    String usage();

    /** One sentence for {@code grader --help}. */
    String summary();

    Options options();

    /** How many positional arguments follow the options ({@code grader export gradescope}); most verbs take none. */
    default int maxArguments() {
        return 0;
    }

    ExitCode run(CommandLine line, PrintStream out, PrintStream err) throws CommandException;
}
