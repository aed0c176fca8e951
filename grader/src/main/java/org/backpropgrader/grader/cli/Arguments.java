package org.backpropgrader.grader.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;

/** Interrogation helpers shared by the commands: each turns one option's text into a value or a usage error. */
final class Arguments {
    private Arguments() {}

    static long seed(String text) throws CommandException {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw CommandException.usage("bad seed '" + text + "': expected a whole number in the range of a"
                    + " 64-bit signed integer");
        }
    }

    /** A comma-separated list of seeds, e.g. {@code 111111,7,42}. */
    static List<Long> seeds(String text) throws CommandException {
        List<Long> seeds = new ArrayList<>();
        for (String part : text.split(",")) {
            seeds.add(seed(part));
        }
        return seeds;
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

    static Exercise<?, ?> exercise(String id) throws CommandException {
        return Exercises.byId(id).orElseThrow(() -> CommandException.usage("unknown exercise '" + id
                + "'; known: " + String.join(", ", Exercises.ids())));
    }

    /**
     * The exercises named by {@code --exercise} that {@code policy} grades (its {@code include} list, all by default).
     *
     * @throws CommandException if {@code --exercise} names one the policy does not grade
     */
    static List<Exercise<?, ?>> exercises(CommandLine line, org.backpropgrader.grader.policy.Policy policy)
            throws CommandException {
        List<Exercise<?, ?>> selected = policy.select(exercises(line));
        if (selected.isEmpty()) {
            throw CommandException.usage("exercise '" + line.getOptionValue("exercise")
                    + "' is not graded by this policy; it includes " + String.join(", ", policy.include()));
        }
        return selected;
    }

    /** The exercises named by {@code --exercise}, or all of them when it is absent or {@code all}. */
    static List<Exercise<?, ?>> exercises(CommandLine line) throws CommandException {
        String id = line.getOptionValue("exercise");
        if (id == null || id.equals("all")) {
            return Exercises.all();
        }
        return List.of(exercise(id));
    }
}
