package org.backpropgrader.grader.cli;

import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Gradient;

/** {@code grader exercises}: the catalog, with each exercise's gradients, upstream parameters and points. */
final class ExercisesCommand implements Command {
    @Override
    public String name() {
        return "exercises";
    }

    @Override
    public String usage() {
        return "";
    }

    @Override
    public String summary() {
        return "lists the exercises, their gradients (the Backward methods with their upstream parameters) and points";
    }

    @Override
    public Options options() {
        return new Options();
    }

    @Override
    public ExitCode run(CommandLine line, PrintStream out, PrintStream err) {
        for (Exercise<?, ?> e : Exercises.all()) {
            double total = e.gradients().stream().mapToDouble(Gradient::points).sum();
            out.printf(
                    "%s  %s  (%s, %s points)%n",
                    e.id(), e.title(), e.backwardType().getSimpleName(), format(total));
            for (Gradient<?, ?> g : e.gradients()) {
                out.printf(
                        "    %-16s (%s)  %s pt%n",
                        g.name(), String.join(", ", g.upstreamParameters()), format(g.points()));
            }
        }
        return ExitCode.OK;
    }

    private static String format(double points) {
        return points == Math.rint(points) ? String.valueOf((long) points) : String.valueOf(points);
    }
}
