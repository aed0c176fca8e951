package org.backpropgrader.grader.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.backpropgrader.grader.sandbox.Sandbox;
import org.backpropgrader.grader.sandbox.SandboxUnavailableException;
import org.backpropgrader.grader.sandbox.Sandboxes;

/** {@code --sandbox bubblewrap|none} of {@code grade} and {@code batch}: on by default, exit 69 where it cannot run. */
final class SandboxOption {
    private SandboxOption() {}

    static Options addTo(Options options) {
        return options.addOption(Option.builder()
                .longOpt("sandbox")
                .hasArg()
                .argName(String.join("|", Sandboxes.NAMES))
                .desc("the OS sandbox around each child JVM (default " + Sandboxes.BUBBLEWRAP + "; 'none' runs"
                        + " student code as your own user, and every report says so)")
                .get());
    }

    static Sandbox read(CommandLine line) throws CommandException {
        String name = line.getOptionValue("sandbox", Sandboxes.BUBBLEWRAP);
        if (!Sandboxes.NAMES.contains(name)) {
            throw CommandException.usage(
                    "bad --sandbox '" + name + "': expected " + String.join(" or ", Sandboxes.NAMES));
        }
        try {
            return Sandboxes.named(name);
        } catch (SandboxUnavailableException e) {
            throw new CommandException(ExitCode.UNAVAILABLE, e.getMessage(), e);
        }
    }
}
