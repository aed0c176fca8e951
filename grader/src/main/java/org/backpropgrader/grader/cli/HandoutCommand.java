package org.backpropgrader.grader.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.backpropgrader.grader.handout.Handout;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.policy.PolicyException;
import org.backpropgrader.grader.policy.PolicyLoader;

/** {@code grader handout}: the zip a student receives, self-contained (see {@link Handout}). */
final class HandoutCommand implements Command {
    @Override
    public String name() {
        return "handout";
    }

    @Override
    public String usage() {
        return "--out FILE.zip [--policy FILE] [--exercise ID[,ID...]]";
    }

    @Override
    public String summary() {
        return "writes the student bundle: stubs, README, Makefile, a Maven project with the grader inside";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder()
                        .longOpt("out")
                        .hasArg()
                        .argName("FILE.zip")
                        .required()
                        .desc("where the bundle goes")
                        .get())
                .addOption(Option.builder()
                        .longOpt("policy")
                        .hasArg()
                        .argName("FILE")
                        .desc("the course's policy: its tolerances, shapes and points go in the bundle, its seeds"
                                + " do not (the bundle checks the public seed only)")
                        .get())
                .addOption(Option.builder()
                        .longOpt("exercise")
                        .hasArg()
                        .argName("ID[,ID...]")
                        .desc("the exercises of the homework (default all)")
                        .get());
    }

    @Override
    public ExitCode run(CommandLine line, PrintStream out, PrintStream err) throws CommandException {
        String policyJson = null;
        Policy policy = Policy.defaults();
        if (line.hasOption("policy")) {
            Path file = Path.of(line.getOptionValue("policy"));
            try {
                policy = PolicyLoader.load(file); // refuse a bad policy here, not on the student's machine
                policyJson = Files.readString(file, StandardCharsets.UTF_8);
            } catch (PolicyException e) {
                throw new CommandException(ExitCode.DATA, e.getMessage(), e);
            } catch (IOException e) {
                throw new CommandException(ExitCode.DATA, "cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        Path zip = Path.of(line.getOptionValue("out"));
        try {
            Handout.write(zip, Arguments.exercises(line, policy), policyJson); // the policy's include list too
        } catch (IOException e) {
            throw new CommandException(ExitCode.DATA, "cannot write " + zip + ": " + e.getMessage(), e);
        }
        err.println("wrote " + zip);
        return ExitCode.OK;
    }
}
