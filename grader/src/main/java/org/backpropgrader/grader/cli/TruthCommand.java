package org.backpropgrader.grader.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.grader.report.Json;
import org.backpropgrader.grader.truth.AnswerKey;
import org.backpropgrader.grader.truth.Truth;

/** {@code grader truth}: the answer key of one exercise (or all) for one seed, as JSON. */
final class TruthCommand implements Command {
    @Override
    public String name() {
        return "truth";
    }

    @Override
    public String usage() {
        return "--exercise ID|all --seed S [--out FILE]";
    }

    @Override
    public String summary() {
        return "prints the answer key: every forward tensor and true gradient of an exercise for a seed, as JSON";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder()
                        .longOpt("exercise")
                        .hasArg()
                        .argName("ID")
                        .required()
                        .desc("an exercise id (grader exercises lists them), or all for a JSON array of every exercise")
                        .get())
                .addOption(Option.builder()
                        .longOpt("seed")
                        .hasArg()
                        .argName("S")
                        .required()
                        .desc("the torch.manual_seed value, e.g. 111111: any in [-2^63, 2^64)")
                        .get())
                .addOption(Option.builder()
                        .longOpt("out")
                        .hasArg()
                        .argName("FILE")
                        .desc("write to FILE (atomically) instead of standard output")
                        .get());
    }

    @Override
    public ExitCode run(CommandLine line, PrintStream out, PrintStream err) throws CommandException {
        long seed = Arguments.seed("seed", line.getOptionValue("seed"));
        String id = line.getOptionValue("exercise");
        List<AnswerKey> keys = new ArrayList<>();
        for (Exercise<?, ?> e : Arguments.exercises(line)) {
            keys.add(AnswerKey.of(Truth.compute(e, seed)));
        }
        String json = id.equals("all") ? Json.COMPACT.toJson(keys) : Json.COMPACT.toJson(keys.get(0));
        Output.write(json, line.getOptionValue("out"), out);
        return ExitCode.OK;
    }
}
