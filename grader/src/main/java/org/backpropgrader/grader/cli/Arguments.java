package org.backpropgrader.grader.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.model.Seeds;
import org.backpropgrader.grader.roster.Roster;
import org.backpropgrader.grader.roster.RosterException;

/** Interrogation helpers shared by the commands: each turns one option's text into a value or a usage error. */
final class Arguments {
    private Arguments() {}

    /** A seed as {@code torch.Generator().manual_seed} takes it ({@link Seeds}); {@code option} names the option. */
    static long seed(String option, String text) throws CommandException {
        return Seeds.parse(text).orElseThrow(() -> badSeeds(option, text));
    }

    /** A comma-separated list of seeds, e.g. {@code 111111,7,18446744073709551615}. */
    static List<Long> seeds(String option, String text) throws CommandException {
        List<Long> seeds = Seeds.parseList(text).orElseThrow(() -> badSeeds(option, text));
        for (int i = 0; i < seeds.size(); i++) {
            if (seeds.indexOf(seeds.get(i)) != i) {
                throw CommandException.usage("bad --" + option + " '" + text + "': expected distinct seeds, got "
                        + Seeds.toString(seeds.get(i)) + " twice (torch reads a negative seed as its unsigned 64-bit"
                        + " two's complement)");
            }
        }
        return seeds;
    }

    private static CommandException badSeeds(String option, String text) {
        return CommandException.usage("bad --" + option + " '" + text + "': expected " + Seeds.RANGE
                + (text.contains(",") ? " (a comma-separated list)" : ""));
    }

    static double nonNegative(String option, String text) throws CommandException {
        try {
            double v = Double.parseDouble(text.trim());
            if (v >= 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the usage error
        }
        throw CommandException.usage("bad --" + option + " '" + text + "': expected a finite number >= 0");
    }

    /** The roster named by {@code --roster}, or null without the option; a roster that cannot be used is exit 65. */
    static Roster roster(CommandLine line) throws CommandException {
        String file = line.getOptionValue("roster");
        if (file == null) {
            return null;
        }
        try {
            return Roster.read(Path.of(file));
        } catch (RosterException e) {
            throw new CommandException(ExitCode.DATA, e.getMessage(), e);
        }
    }

    static Option rosterOption() {
        return Option.builder()
                .longOpt("roster")
                .hasArg()
                .argName("FILE")
                .desc("a CSV with a header: submission (its name as batch derives it: the file name without .zip"
                        + " or .jar), user_id (the LMS user id), optional name, sis_user_id, sis_login_id, section,"
                        + " email, canvas_id")
                .get();
    }

    static Exercise<?, ?> exercise(String id) throws CommandException {
        return Exercises.byId(id).orElseThrow(() -> unknownExercise(id));
    }

    /**
     * The exercises named by {@code --exercise} that {@code policy} grades (its {@code include} list, all by default).
     *
     * @throws CommandException if {@code --exercise} names one the policy does not grade
     */
    static List<Exercise<?, ?>> exercises(CommandLine line, org.backpropgrader.grader.policy.Policy policy)
            throws CommandException {
        // By id first: an exercise is made (its lambdas linked) only if it is graded, which a check feels.
        List<String> selected = exerciseIds(line).stream()
                .filter(id -> policy.include() == null || policy.include().contains(id))
                .toList();
        if (selected.isEmpty()) {
            throw CommandException.usage("exercise '" + line.getOptionValue("exercise")
                    + "' is not graded by this policy; it includes " + String.join(", ", policy.include()));
        }
        return made(selected);
    }

    /**
     * The exercises named by {@code --exercise} (one id or a comma-separated list, in catalog order), or all of them
     * when it is absent or {@code all}.
     */
    static List<Exercise<?, ?>> exercises(CommandLine line) throws CommandException {
        return made(exerciseIds(line));
    }

    /** The ids of {@link #exercises(CommandLine)}, checked, without making the exercises. */
    private static List<String> exerciseIds(CommandLine line) throws CommandException {
        String ids = line.getOptionValue("exercise");
        if (ids == null || ids.trim().equals("all")) {
            return Exercises.ids();
        }
        List<String> wanted = new ArrayList<>();
        for (String id : ids.split(",", -1)) {
            if (!Exercises.ids().contains(id.trim())) {
                throw unknownExercise(id.trim());
            }
            wanted.add(id.trim());
        }
        return Exercises.ids().stream().filter(wanted::contains).toList();
    }

    private static List<Exercise<?, ?>> made(List<String> ids) {
        return ids.stream()
                .<Exercise<?, ?>>map(id -> Exercises.byId(id).orElseThrow())
                .toList();
    }

    private static CommandException unknownExercise(String id) {
        return CommandException.usage("unknown exercise '" + id + "'; known: " + String.join(", ", Exercises.ids()));
    }
}
