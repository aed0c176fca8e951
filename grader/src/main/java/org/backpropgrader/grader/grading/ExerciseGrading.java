package org.backpropgrader.grader.grading;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.grader.compare.Comparison;
import org.backpropgrader.grader.compare.GradientComparator;
import org.backpropgrader.grader.compare.Hints;
import org.backpropgrader.grader.compare.KnownMistakes;
import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.run.Answer;
import org.backpropgrader.grader.run.ExerciseSession;
import org.backpropgrader.grader.run.RunnerException;
import org.backpropgrader.grader.run.SubmissionRunner;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Tensor;

/**
 * Grades one exercise of one submission, one gradient at a time in the notebook's order, over every seed of the
 * policy in both modes. Each (seed, mode) is a lane with its own student object; in chained mode a lane feeds
 * each method the student's own earlier answers, in isolated mode the truth's. A true upstream gradient is only
 * ever handed over after the student's answer for that tensor has been recorded, because gradients are graded
 * in order and upstream tensors always come earlier.
 *
 * <p>Note [Chained lanes follow]. As long as every answer a chained lane would pass on is bit for bit the truth, its
 * method would be called with exactly the arguments its isolated twin (same seed) was called with, so it takes the
 * twin's answer and check instead of calling again: a backward method is a function of its arguments. For a correct
 * submission that halves the calls. The first time the arguments differ (or the twin's call failed), the chained
 * lane opens its own object, gives it the calls it skipped, in order, with the same arguments (so an object that
 * keeps state between methods is in the state it would have been in), and from then on calls it for every gradient.
 */
public final class ExerciseGrading implements AutoCloseable {
    private final Exercise<?, ?> exercise;
    private final Policy policy;
    private final List<Lane> lanes = new ArrayList<>();
    private final Answers heard;

    /** Hears every tensor a student's method returned, with the truth it was compared with. */
    @FunctionalInterface
    public interface Answers {
        Answers NONE = (gradient, seed, mode, student, truth, tolerance) -> {};

        void answered(Gradient<?, ?> gradient, long seed, Mode mode, Tensor student, Tensor truth, Tolerance tolerance);
    }

    public ExerciseGrading(
            Exercise<?, ?> exercise,
            String implementationClass,
            Policy policy,
            SubmissionRunner runner,
            TruthCache truths) {
        this(exercise, implementationClass, policy, runner, truths, Answers.NONE);
    }

    public ExerciseGrading(
            Exercise<?, ?> exercise,
            String implementationClass,
            Policy policy,
            SubmissionRunner runner,
            TruthCache truths,
            Answers answers) {
        this.exercise = exercise;
        this.policy = policy;
        this.heard = answers;
        Mode scoring = policy.scoringMode();
        Mode other = scoring == Mode.ISOLATED ? Mode.CHAINED : Mode.ISOLATED;
        Map<Long, Lane> isolated = new HashMap<>();
        for (long seed : policy.seeds()) {
            isolated.put(
                    seed, new Lane(seed, Mode.ISOLATED, truths.get(exercise, seed), runner, implementationClass, null));
        }
        for (Mode mode : List.of(scoring, other)) {
            for (long seed : policy.seeds()) {
                lanes.add(
                        mode == Mode.ISOLATED
                                ? isolated.get(seed)
                                : new Lane(
                                        seed,
                                        mode,
                                        truths.get(exercise, seed),
                                        runner,
                                        implementationClass,
                                        isolated.get(seed)));
            }
        }
    }

    /**
     * Grades {@code gradient}; call in the exercise's gradient order. Isolated lanes run first, whatever the scoring
     * mode, so that a chained lane which cannot call the method can tell from its isolated twin whether the method
     * is implemented at all; the checks keep the lanes' order (scoring mode first).
     */
    public GradientResult grade(Gradient<?, ?> gradient) {
        Map<Lane, Check> byLane = new HashMap<>();
        for (Mode mode : List.of(Mode.ISOLATED, Mode.CHAINED)) {
            for (Lane lane : lanes) {
                if (lane.mode == mode) {
                    byLane.put(lane, lane.check(gradient));
                }
            }
        }
        List<Check> checks = new ArrayList<>(lanes.size());
        for (Lane lane : lanes) {
            checks.add(byLane.get(lane));
        }
        return Scoring.gradientResult(
                gradient.name(), policy.pointsFor(exercise, gradient), policy.scoringMode(), checks);
    }

    /** The answer the isolated lane of {@code seed} recorded for {@code gradient}, or null. */
    private Answer isolatedAnswer(long seed, String gradient) {
        for (Lane lane : lanes) {
            if (lane.mode == Mode.ISOLATED && lane.seed == seed) {
                return lane.answers.get(gradient);
            }
        }
        return null;
    }

    @Override
    public void close() {
        lanes.forEach(Lane::close);
    }

    /** Whether {@code a} and {@code b} hold tensors of the same dtype, shape and bits, pairwise. */
    private static boolean sameBits(Tensor[] a, Tensor[] b) {
        if (b == null || a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i] && !sameBits(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBits(Tensor a, Tensor b) {
        if (a.dtype() != b.dtype() || !Arrays.equals(a.shape(), b.shape())) {
            return false;
        }
        if (a.dtype() == Tensor.Dtype.INT64) {
            return Arrays.equals(a.toLongArray(), b.toLongArray());
        }
        // raw bits: -0.0 is not 0.0, and NaNs are the same only with the same payload
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        for (int i = 0; i < x.length; i++) {
            if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
                return false;
            }
        }
        return true;
    }

    /** A call a following lane skipped: what its own object gets before its first call of its own. */
    private record Skipped(Gradient<?, ?> gradient, List<Tensor> upstream) {}

    private final class Lane {
        private final long seed;
        private final Mode mode;
        private final Truth truth;
        private final SubmissionRunner runner;
        private final String implementationClass;
        /** The isolated lane of the same seed, which this (chained) lane follows; null for an isolated lane. */
        private final Lane twin;

        private ExerciseSession session;
        private RunnerException openFailure;
        private boolean following;
        private final List<Skipped> skipped = new ArrayList<>();
        private final Map<String, Answer> answers = new HashMap<>();
        /** The upstream each gradient's method was called with, and its check, for a chained twin to follow. */
        private final Map<String, Tensor[]> calledWith = new HashMap<>();

        private final Map<String, Check> checks = new HashMap<>();

        Lane(long seed, Mode mode, Truth truth, SubmissionRunner runner, String implementationClass, Lane twin) {
            this.seed = seed;
            this.mode = mode;
            this.truth = truth;
            this.runner = runner;
            this.implementationClass = implementationClass;
            this.twin = twin;
            this.following = twin != null;
            if (!following) {
                open();
            }
        }

        private void open() {
            try {
                session = runner.open(truth, implementationClass, mode);
            } catch (RunnerException e) {
                openFailure = e;
            }
        }

        /**
         * The twin's check of {@code gradient} when this lane's method would be called with the very arguments the
         * twin's was and it returned a value; else null, and this lane stops following: it opens its own object and
         * gives it the calls it skipped (their answers are the twin's already).
         */
        private Check follow(Gradient<?, ?> gradient, Tensor[] upstream) {
            Check led = twin.checks.get(gradient.name());
            if (twin.answers.get(gradient.name()) instanceof Answer.Returned r
                    && led != null
                    && sameBits(upstream, twin.calledWith.get(gradient.name()))) {
                answers.put(gradient.name(), r);
                skipped.add(new Skipped(gradient, List.of(upstream)));
                heard.answered(
                        gradient,
                        seed,
                        mode,
                        r.value(),
                        truth.gradient(gradient.name()),
                        policy.toleranceFor(exercise, gradient));
                return led.inMode(mode);
            }
            following = false;
            open();
            if (session != null) {
                for (Skipped call : skipped) {
                    session.call(call.gradient(), call.upstream().toArray(new Tensor[0]));
                }
            }
            skipped.clear();
            return null;
        }

        Check check(Gradient<?, ?> gradient) {
            if (openFailure != null) {
                return Check.notCompared(seed, mode, openFailure.status(), openFailure.getMessage());
            }
            if (mode == Mode.CHAINED
                    && isolatedAnswer(seed, gradient.name()) instanceof Answer.Failed f
                    && f.status() == Status.TIMEOUT) {
                // A method that hangs on the true upstream would most likely hang on the student's own too: one
                // timeout per seed is enough to say so, and a second would double the wait (issue 8).
                return Check.notCompared(
                        seed,
                        mode,
                        Status.TIMEOUT,
                        f.message() + " (in isolated mode; not run" + " again in chained mode)");
            }
            List<String> names = gradient.upstream();
            Tensor[] upstream = new Tensor[names.size()];
            for (int i = 0; i < upstream.length; i++) {
                String name = names.get(i);
                // The output's ones and upstream that no method computes (makemore-batchnorm's dhpreact) are given
                // from the truth in both modes.
                if (mode == Mode.ISOLATED || !truth.gradients().containsKey(name)) {
                    upstream[i] = truth.gradient(name);
                } else if (answers.get(name) instanceof Answer.Returned r) {
                    upstream[i] = r.value();
                } else {
                    // The method cannot run on the student's own upstream; if it threw the template's
                    // UnsupportedOperationException on the true one, it is simply not implemented (the untouched
                    // template reads NOT_IMPLEMENTED in both modes, not NOT_RUN).
                    if (isolatedAnswer(seed, gradient.name()) instanceof Answer.Failed f
                            && f.status() == Status.NOT_IMPLEMENTED) {
                        return Check.notCompared(seed, mode, f.status(), f.message());
                    }
                    return Check.notCompared(
                            seed,
                            mode,
                            Status.NOT_RUN,
                            "not run in chained mode: the upstream d" + name + " has no answer");
                }
            }
            if (following) {
                Check followed = follow(gradient, upstream);
                if (followed != null) {
                    return followed;
                }
                if (openFailure != null) {
                    return Check.notCompared(seed, mode, openFailure.status(), openFailure.getMessage());
                }
            }
            calledWith.put(gradient.name(), upstream);
            Answer answer = session.call(gradient, upstream);
            answers.put(gradient.name(), answer);
            if (answer instanceof Answer.Failed f) {
                return Check.notCompared(seed, mode, f.status(), f.message());
            }
            Tensor value = ((Answer.Returned) answer).value();
            Tolerance tolerance = policy.toleranceFor(exercise, gradient);
            Comparison c = GradientComparator.compare(
                    value,
                    truth.gradient(gradient.name()),
                    tolerance,
                    policy.shapes(),
                    exercise.batchSize(),
                    GradientComparator.floorReference(gradient, truth));
            heard.answered(gradient, seed, mode, value, truth.gradient(gradient.name()), tolerance);
            String known = c.close() ? null : KnownMistakes.hint(gradient, truth.forward(), upstream, value);
            // a mistake the exercise declares names itself; otherwise the comparator's hint
            Check check = new Check(
                    seed,
                    mode,
                    c.status(),
                    c.exact(),
                    c.close(),
                    c.maxdiff(),
                    c.relerr(),
                    known != null ? known : c.hint(),
                    known != null ? Hints.Kind.DECLARED.code() : c.hintCode(),
                    c.message());
            checks.put(gradient.name(), check);
            return check;
        }

        void close() {
            if (session != null) {
                session.close();
            }
        }
    }
}
