package org.backpropgrader.grader.cli;

import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.grader.compare.ShapeRule;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.policy.PolicyException;
import org.backpropgrader.grader.policy.PolicyLoader;

/** The options that set or override the grading policy, shared by {@code check} and {@code grade}. */
final class PolicyOptions {
    private PolicyOptions() {}

    static Options addTo(Options options) {
        return options.addOption(Option.builder()
                        .longOpt("policy")
                        .hasArg()
                        .argName("FILE")
                        .desc("a policy JSON file (seeds, scoring mode, shapes, tolerances, points, weights, limits)")
                        .get())
                .addOption(Option.builder()
                        .longOpt("seed")
                        .hasArg()
                        .argName("S[,S...]")
                        .desc("the seeds to grade with, overriding the policy's: torch.manual_seed values in"
                                + " [-2^63, 2^64); a negative one is its unsigned two's complement")
                        .get())
                .addOption(Option.builder()
                        .longOpt("mode")
                        .hasArg()
                        .argName("isolated|chained")
                        .desc("the mode that earns points, overriding the policy's")
                        .get())
                .addOption(Option.builder()
                        .longOpt("shapes")
                        .hasArg()
                        .argName("strict|squeeze")
                        .desc("whether extra singleton dimensions are accepted")
                        .get())
                .addOption(Option.builder()
                        .longOpt("rtol")
                        .hasArg()
                        .argName("R")
                        .desc("relative tolerance, overriding the policy's")
                        .get())
                .addOption(Option.builder()
                        .longOpt("atol")
                        .hasArg()
                        .argName("A")
                        .desc("absolute floor: a fraction of max|truth| (scaled, the default) or, with"
                                + " --atol-mode absolute, a number as in torch.allclose")
                        .get())
                .addOption(Option.builder()
                        .longOpt("atol-mode")
                        .hasArg()
                        .argName("scaled|absolute")
                        .desc("how --atol is read")
                        .get());
    }

    static Policy read(CommandLine line) throws CommandException {
        Policy policy = Policy.defaults();
        String file = line.getOptionValue("policy");
        if (file != null) {
            try {
                policy = PolicyLoader.load(Path.of(file));
            } catch (PolicyException e) {
                throw new CommandException(ExitCode.DATA, e.getMessage(), e);
            }
        }
        if (line.hasOption("seed")) {
            policy = policy.withSeeds(Arguments.seeds("seed", line.getOptionValue("seed")));
        }
        if (line.hasOption("mode")) {
            policy = policy.withScoringMode(choice("mode", line.getOptionValue("mode"), Mode.class));
        }
        if (line.hasOption("shapes")) {
            policy = policy.withShapes(choice("shapes", line.getOptionValue("shapes"), ShapeRule.class));
        }
        Double rtol = line.hasOption("rtol") ? Arguments.nonNegative("rtol", line.getOptionValue("rtol")) : null;
        Double atol = line.hasOption("atol") ? Arguments.nonNegative("atol", line.getOptionValue("atol")) : null;
        Tolerance.Mode atolMode = line.hasOption("atol-mode")
                ? choice("atol-mode", line.getOptionValue("atol-mode"), Tolerance.Mode.class)
                : null;
        if (rtol != null || atol != null || atolMode != null) {
            policy = policy.withTolerance(rtol, atol, atolMode);
        }
        return policy;
    }

    private static <E extends Enum<E>> E choice(String option, String text, Class<E> type) throws CommandException {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        StringBuilder known = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            known.append(known.length() == 0 ? "" : ", ").append(e.name().toLowerCase(java.util.Locale.ROOT));
        }
        throw CommandException.usage("bad --" + option + " '" + text + "': expected one of " + known);
    }
}
