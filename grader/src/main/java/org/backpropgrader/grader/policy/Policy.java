package org.backpropgrader.grader.policy;

import com.google.gson.annotations.JsonAdapter;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.grader.compare.ShapeRule;
import org.backpropgrader.grader.load.ApiAllowlist;
import org.backpropgrader.grader.load.ApiPattern;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Seeds;

/**
 * How an instructor grades: which seeds, which mode earns points, how strict shapes and tolerances are, what each
 * exercise and gradient is worth, and the resource limits of a submission. Read from JSON by {@link PolicyLoader};
 * the command line may override seeds, mode, shapes and the policy-level tolerance ({@code with…} methods).
 *
 * @param seeds the seeds every gradient must be close for, in report order; at least one, no duplicates; each a
 *     seed's 64 bits as torch keeps them ({@link Seeds}: 2^64-1 and -1 are one seed), written unsigned in JSON
 * @param scoringMode the mode whose checks earn points
 * @param shapes how strictly shapes must match
 * @param tolerance the tolerance for every gradient that sets none of its own; null keeps each gradient's default
 * @param exercises per-exercise overrides, keyed by exercise id; an exercise without an entry keeps its defaults
 * @param limits what one submission may use
 * @param include the ids of the exercises this homework grades, e.g. the three makemore ones alone; null for every
 *     exercise of the catalog. Reports, totals and the policy check follow it
 * @param allowApis APIs submissions may use on top of {@link ApiAllowlist}'s built-in list, as {@link ApiPattern}s
 *     ({@code "java.time.*"}, {@code "java.util.concurrent.ThreadLocalRandom"}, {@code "java.lang.System#getProperty"})
 */
public record Policy(
        @JsonAdapter(Seeds.ListJson.class) List<Long> seeds,
        Mode scoringMode,
        ShapeRule shapes,
        Tolerance tolerance,
        Map<String, ExerciseRule> exercises,
        Limits limits,
        List<String> include,
        List<String> allowApis) {

    /** The seed the notebook uses, so a student's self-check shows the notebook's numbers. */
    public static final long NOTEBOOK_SEED = 111111;

    public Policy {
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a policy needs at least one seed");
        }
        if (new HashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException("seeds must be distinct, got "
                    + seeds.stream().map(Seeds::toString).toList());
        }
        Objects.requireNonNull(scoringMode, "scoringMode");
        Objects.requireNonNull(shapes, "shapes");
        exercises = Collections.unmodifiableMap(new LinkedHashMap<>(exercises));
        Objects.requireNonNull(limits, "limits");
        if (include != null) {
            include = List.copyOf(include);
            for (String id : include) {
                if (!Exercises.ids().contains(id)) {
                    throw new IllegalArgumentException(
                            "unknown exercise '" + id + "' in include; known: " + String.join(", ", Exercises.ids()));
                }
            }
            if (include.isEmpty() || new HashSet<>(include).size() != include.size()) {
                throw new IllegalArgumentException(
                        "include must list distinct exercises, at least one, got " + include);
            }
        }
        allowApis = allowApis == null ? List.of() : List.copyOf(allowApis);
        allowApis.forEach(ApiPattern::parse); // IllegalArgumentException naming the pattern
    }

    /** The exercises this policy grades, in catalog order. */
    public List<Exercise<?, ?>> selected() {
        return select(Exercises.all());
    }

    /** Those of {@code requested} (e.g. a command line's {@code --exercise}) that this policy grades, in order. */
    public List<Exercise<?, ?>> select(List<Exercise<?, ?>> requested) {
        return include == null
                ? requested
                : requested.stream().filter(e -> include.contains(e.id())).toList();
    }

    /** A policy that grades every exercise of the catalog and lets submissions use only the built-in APIs. */
    public Policy(
            List<Long> seeds,
            Mode scoringMode,
            ShapeRule shapes,
            Tolerance tolerance,
            Map<String, ExerciseRule> exercises,
            Limits limits) {
        this(seeds, scoringMode, shapes, tolerance, exercises, limits, null, List.of());
    }

    /** What submitted code may reference: the built-in list plus {@link #allowApis}. */
    public ApiAllowlist apiAllowlist() {
        return ApiAllowlist.extendedWith(allowApis);
    }

    /**
     * Seed 111111, isolated scoring, strict shapes, every gradient's own tolerance and points, default limits, the
     * built-in API allowlist.
     */
    public static Policy defaults() {
        return new Policy(List.of(NOTEBOOK_SEED), Mode.ISOLATED, ShapeRule.STRICT, null, Map.of(), Limits.defaults());
    }

    /**
     * The tolerance for one gradient: the gradient's rule, else the exercise's rule, else the policy-level
     * tolerance, else the gradient's own default.
     */
    public Tolerance toleranceFor(Exercise<?, ?> e, Gradient<?, ?> g) {
        ExerciseRule er = exercises.get(e.id());
        GradientRule gr = er == null ? null : er.gradients().get(g.name());
        if (gr != null && gr.tolerance() != null) {
            return gr.tolerance();
        }
        if (er != null && er.tolerance() != null) {
            return er.tolerance();
        }
        return tolerance != null ? tolerance : g.tolerance();
    }

    /** What one gradient is worth: its rule's points, else the gradient's own. */
    public double pointsFor(Exercise<?, ?> e, Gradient<?, ?> g) {
        ExerciseRule er = exercises.get(e.id());
        GradientRule gr = er == null ? null : er.gradients().get(g.name());
        return gr != null && gr.points() != null ? gr.points() : g.points();
    }

    /** The factor an exercise's points are multiplied by: its rule's weight, else 1. */
    public double weightFor(Exercise<?, ?> e) {
        ExerciseRule er = exercises.get(e.id());
        return er != null && er.weight() != null ? er.weight() : 1.0;
    }

    /** The best possible score: every graded exercise's weight times the sum of its gradients' points. */
    public double maxScore() {
        double total = 0;
        for (Exercise<?, ?> e : selected()) {
            double points = 0;
            for (Gradient<?, ?> g : e.gradients()) {
                points += pointsFor(e, g);
            }
            total += weightFor(e) * points;
        }
        return total;
    }

    public Policy withSeeds(List<Long> newSeeds) {
        return new Policy(newSeeds, scoringMode, shapes, tolerance, exercises, limits, include, allowApis);
    }

    public Policy withScoringMode(Mode mode) {
        return new Policy(seeds, mode, shapes, tolerance, exercises, limits, include, allowApis);
    }

    /** This policy with {@code patterns} as its {@link #allowApis}. */
    public Policy withAllowApis(List<String> patterns) {
        return new Policy(seeds, scoringMode, shapes, tolerance, exercises, limits, include, patterns);
    }

    /** This policy grading only the exercises {@code ids} (null: every exercise of the catalog). */
    public Policy withInclude(List<String> ids) {
        return new Policy(seeds, scoringMode, shapes, tolerance, exercises, limits, ids, allowApis);
    }

    public Policy withShapes(ShapeRule rule) {
        return new Policy(seeds, scoringMode, rule, tolerance, exercises, limits, include, allowApis);
    }

    /**
     * The command line's override of the policy-level tolerance: each non-null part replaces that part of the
     * policy-level tolerance (or of {@link Tolerance#DEFAULT} when the policy sets none). {@code atol} is read in
     * the resulting mode, so {@code withTolerance(null, 1e-8, ABSOLUTE)} is {@code torch.allclose}'s floor. Rules
     * of exercises and gradients still take precedence.
     *
     * @throws IllegalArgumentException if a value is negative or not finite
     */
    public Policy withTolerance(Double rtol, Double atol, Tolerance.Mode mode) {
        if (rtol == null && atol == null && mode == null) {
            return this;
        }
        Tolerance base = tolerance != null ? tolerance : Tolerance.DEFAULT;
        Tolerance t = new Tolerance(
                rtol != null ? rtol : base.rtol(),
                atol != null ? atol : base.atol(),
                mode != null ? mode : base.mode());
        return new Policy(seeds, scoringMode, shapes, t, exercises, limits, include, allowApis);
    }

    /**
     * Overrides for one exercise; a null field is not set.
     *
     * @param weight multiplies the exercise's points
     * @param tolerance for every gradient of the exercise without its own
     * @param gradients per-gradient overrides, keyed by gradient name
     */
    public record ExerciseRule(Double weight, Tolerance tolerance, Map<String, GradientRule> gradients) {
        public ExerciseRule {
            gradients = gradients == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
        }
    }

    /**
     * Overrides for one gradient; a null field is not set.
     *
     * @param points what the gradient earns when close for every seed
     * @param tolerance the gradient's tolerance, over any other
     */
    public record GradientRule(Double points, Tolerance tolerance) {}

    /**
     * What one submission may use. The first five hold on every platform; the last four are the OS sandbox's
     * (cgroups and rlimits, see {@code sandbox.BubblewrapSandbox}) and hold only where it runs.
     *
     * @param methodTimeoutMs wall-clock limit of one {@code …Backward} call
     * @param submissionTimeoutMs wall-clock limit of a whole submission's child JVM
     * @param heapMb the child JVM's {@code -Xmx}
     * @param stackKb the child JVM's {@code -Xss}
     * @param outputCapBytes what the child may print before its output is cut
     * @param memoryMb everything the child's processes may hold in memory: heap, native memory, its {@code /tmp}
     * @param processes processes and threads the child may run at once, the JVM's own threads included
     * @param fileSizeMb the largest file the child may write, and the size of its private {@code /tmp}
     * @param cpuSeconds CPU time of the child JVM, a backstop to the wall-clock limits
     */
    public record Limits(
            long methodTimeoutMs,
            long submissionTimeoutMs,
            int heapMb,
            int stackKb,
            long outputCapBytes,
            int memoryMb,
            int processes,
            int fileSizeMb,
            long cpuSeconds) {
        public Limits {
            if (methodTimeoutMs <= 0
                    || submissionTimeoutMs <= 0
                    || heapMb <= 0
                    || stackKb <= 0
                    || outputCapBytes <= 0
                    || memoryMb <= 0
                    || processes <= 0
                    || fileSizeMb <= 0
                    || cpuSeconds <= 0) {
                throw new IllegalArgumentException("limits must be positive: " + methodTimeoutMs + ", "
                        + submissionTimeoutMs + ", " + heapMb + ", " + stackKb + ", " + outputCapBytes + ", "
                        + memoryMb + ", " + processes + ", " + fileSizeMb + ", " + cpuSeconds);
            }
        }

        /**
         * The first five limits, the sandbox's derived from them ({@link #defaultMemoryMb},
         * {@link #defaultCpuSeconds}).
         */
        public Limits(long methodTimeoutMs, long submissionTimeoutMs, int heapMb, int stackKb, long outputCapBytes) {
            this(
                    methodTimeoutMs,
                    submissionTimeoutMs,
                    heapMb,
                    stackKb,
                    outputCapBytes,
                    defaultMemoryMb(heapMb),
                    DEFAULT_PROCESSES,
                    DEFAULT_FILE_SIZE_MB,
                    defaultCpuSeconds(submissionTimeoutMs));
        }

        /**
         * Processes and threads: a child JVM runs 20 to 30 threads of its own (measured on 2 cores with C1: 17 to 22
         * with the serial collector; G1, the child's collector since, adds six); the rest is headroom, far below what
         * a fork bomb needs.
         */
        public static final int DEFAULT_PROCESSES = 128;

        public static final int DEFAULT_FILE_SIZE_MB = 64;

        /**
         * The heap, plus what a JVM holds besides (metaspace, code cache, thread stacks, the CDS mapping: about
         * 90 MB measured for a child grading mlp-softmax-max) and the private {@code /tmp}, whose pages count too.
         */
        public static int defaultMemoryMb(int heapMb) {
            return (int) Math.min(Integer.MAX_VALUE, (long) heapMb + 256);
        }

        /** Two cores' worth of the submission's wall-clock limit, plus a margin for the JVM's start. */
        public static long defaultCpuSeconds(long submissionTimeoutMs) {
            return 2 * ((submissionTimeoutMs + 999) / 1000) + 10;
        }

        /** 10 s a method, 2 min a submission, 256 MB heap, 1 MB stack, 1 MiB of output; 512 MB, 128 processes. */
        public static Limits defaults() {
            return new Limits(10_000, 120_000, 256, 1024, 1 << 20);
        }
    }
}
