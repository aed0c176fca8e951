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
     * The exercises named by {@code --exercise} (one id or a comma-separated list, in catalog order), or all of them
     * when it is absent or {@code all}.
     */
    static List<Exercise<?, ?>> exercises(CommandLine line) throws CommandException {
        String ids = line.getOptionValue("exercise");
        if (ids == null || ids.trim().equals("all")) {
            return Exercises.all();
        }
        List<String> wanted = new ArrayList<>();
        for (String id : ids.split(",")) {
            wanted.add(exercise(id.trim()).id());
        }
        return Exercises.all().stream().filter(e -> wanted.contains(e.id())).toList();
    }
}
