package org.backpropgrader.grader.model;

import java.util.List;

/**
 * The verdict on one gradient over all seeds and modes.
 *
 * @param status the verdict in the scoring mode: the worst check of that mode over all seeds
 * @param points what it earned: {@code maxPoints} iff close for every seed in the scoring mode, else 0
 * @param hint the first hint of the scoring mode's checks, or null
 * @param hintCode the category of that hint ({@link Check#hintCode()}); without a hint, the category of the first
 *     WRONG or SHAPE check of the scoring mode ({@code other}, {@code shape}); null when there is none
 * @param checks every seed × mode, seeds in policy order, scoring mode first
 */
public record GradientResult(
        String name, Status status, double points, double maxPoints, String hint, String hintCode, List<Check> checks) {

    public GradientResult {
        checks = List.copyOf(checks);
    }
}
