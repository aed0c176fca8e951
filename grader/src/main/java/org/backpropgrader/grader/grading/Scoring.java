package org.backpropgrader.grader.grading;

import java.util.List;
import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Status;

/** How checks become verdicts and points. */
public final class Scoring {
    private Scoring() {}

    /**
     * A gradient earns its points only if it is close for every seed in the scoring mode. Its status is then EXACT
     * (every such check exact) or CLOSE; otherwise the status of the first failing check, seeds in policy order.
     */
    public static GradientResult gradientResult(String name, double maxPoints, Mode scoring, List<Check> checks) {
        Status status = Status.EXACT;
        String hint = null;
        String hintCode = null;
        boolean any = false;
        for (Check c : checks) {
            if (c.mode() != scoring) {
                continue;
            }
            any = true;
            if (hint == null && c.hint() != null) {
                hint = c.hint();
                hintCode = c.hintCode();
            } else if (hintCode == null) {
                hintCode = c.hintCode();
            }
            if (!c.status().earnsPoints()) {
                if (status.earnsPoints()) {
                    status = c.status();
                }
            } else if (c.status() == Status.CLOSE && status == Status.EXACT) {
                status = Status.CLOSE;
            }
        }
        if (!any) {
            status = Status.NOT_RUN;
        }
        return new GradientResult(
                name, status, status.earnsPoints() ? maxPoints : 0, maxPoints, hint, hintCode, checks);
    }

    /** A gradient that could not run: every lane (seed × mode) gets the same status and reason. */
    public static GradientResult unrun(
            String name, double maxPoints, List<Long> seeds, Mode scoring, Status status, String message) {
        List<Check> checks = new java.util.ArrayList<>();
        for (Mode mode : List.of(scoring, scoring == Mode.ISOLATED ? Mode.CHAINED : Mode.ISOLATED)) {
            for (long seed : seeds) {
                checks.add(Check.notCompared(seed, mode, status, message));
            }
        }
        return new GradientResult(name, status, 0, maxPoints, null, null, checks);
    }

    /**
     * The exercise's status: EXACT or CLOSE when every gradient earns its points, else the status of the first
     * gradient that does not, in the notebook's order, where the first red line is usually the root cause.
     */
    public static ExerciseResult exerciseResult(String id, String title, double weight, List<GradientResult> grads) {
        Status status = Status.EXACT;
        double score = 0;
        double max = 0;
        for (GradientResult g : grads) {
            score += g.points() * weight;
            max += g.maxPoints() * weight;
            if (!g.status().earnsPoints()) {
                if (status.earnsPoints()) {
                    status = g.status();
                }
            } else if (g.status() == Status.CLOSE && status == Status.EXACT) {
                status = Status.CLOSE;
            }
        }
        return new ExerciseResult(id, title, status, null, score, max, grads);
    }

    /** An exercise that could not run at all (MISSING, or ERROR with the reason). */
    public static ExerciseResult unrunnable(
            String id, String title, double weight, Status status, String message, List<GradientResult> grads) {
        double max = grads.stream().mapToDouble(GradientResult::maxPoints).sum() * weight;
        return new ExerciseResult(id, title, status, message, 0, max, grads);
    }
}
