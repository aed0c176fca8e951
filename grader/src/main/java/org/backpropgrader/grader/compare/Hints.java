package org.backpropgrader.grader.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.reference.Tensor;

/**
 * What a wrong gradient looks like: the classic mistakes of a hand-written backward pass, each recognised by
 * undoing it and checking that the result would be close to the truth. The most specific one that fits wins, in
 * this order: non-finite values; for a wrong shape, transposed, an extra or missing singleton dimension, a
 * missing sum over (or a missing expansion to) a broadcast dimension; for the right shape, all zeros, sign
 * flipped, transposed, off by a constant factor.
 *
 * <p>"Would be close" means close under the given tolerance or under {@link Tolerance#DEFAULT}, whichever is
 * looser, so that a very strict policy still gets hints.
 */
public final class Hints {
    static final String ALL_ZEROS = "all zeros: did the gradient flow reach this tensor?";
    static final String SIGN_FLIPPED = "sign flipped: the negated values would match";
    static final String TRANSPOSED = "transposed: the transpose of your gradient would match";
    static final String EXTRA_SINGLETON = "same values, extra singleton dimension: drop keepdim";
    static final String MISSING_SINGLETON = "same values, missing singleton dimension: keep it with keepdim=True";
    static final String MOVED_SINGLETON = "same values, singleton dimension in the wrong place: reshape";
    static final String MEAN_FACTOR = "(the batch size): a forgotten or extra 1/N of the mean?";

    /**
     * The kinds of mistake, each with the stable code that native JSON carries beside the hint's text
     * ({@code "hintCode": "batch-size"}), so that a class report or any other tool counts mistakes without parsing
     * sentences. A code, once published, never changes its meaning; new kinds get new codes.
     */
    public enum Kind {
        /** NaN or infinite values where the truth has finite ones. */
        NON_FINITE("non-finite"),
        /** All zeros where the truth is not. */
        ZEROS("zeros"),
        /** The negated values would match. */
        SIGN("sign"),
        /** The transpose would match (as a square matrix, or with the shape transposed too). */
        TRANSPOSE("transpose"),
        /** Off by the batch size N (or the size of dimension 0), or its inverse: a forgotten or extra 1/N. */
        BATCH_SIZE("batch-size"),
        /** Off by a factor 2 or 1/2: the 2 of {@code x**2} applied twice or not at all, a path counted twice. */
        FACTOR_2("factor-2"),
        /** Off by some other constant factor. */
        SCALE("scale"),
        /** An extra or a missing singleton dimension ({@code keepdim}). */
        KEEPDIM("keepdim"),
        /** The same values with a singleton dimension in another place. */
        RESHAPE("reshape"),
        /** The values summed over the broadcast dimension(s) would match. */
        MISSING_SUM("missing-sum"),
        /** The values repeated over the broadcast dimension(s) would match. */
        MISSING_EXPAND("missing-expand"),
        /** A wrong shape that no classic mistake explains. */
        SHAPE("shape"),
        /** A mistake the exercise itself declares and names (e.g. a variance without Bessel's correction). */
        DECLARED("declared"),
        /** Wrong values, the right shape, and no classic mistake explains them. */
        OTHER("other");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** The code in JSON and in the class report. */
        public String code() {
            return code;
        }

        /** The kind with this code, or null if there is none (a report written by another version). */
        public static Kind ofCode(String code) {
            for (Kind k : values()) {
                if (k.code.equals(code)) {
                    return k;
                }
            }
            return null;
        }
    }

    /**
     * What a wrong answer looks like.
     *
     * @param kind the category, always present
     * @param text the sentence for the student, or null for {@link Kind#SHAPE} and {@link Kind#OTHER}, which
     *     explain nothing
     */
    public record Hint(Kind kind, String text) {
        public Hint {
            java.util.Objects.requireNonNull(kind, "kind");
        }

        public String code() {
            return kind.code();
        }
    }

    private Hints() {}

    /** {@link #of(Tensor, Tensor, Tolerance, int)} without a known batch size. */
    public static String of(Tensor student, Tensor truth, Tolerance tol) {
        return of(student, truth, tol, 0);
    }

    /**
     * The text of the most specific hint for a student tensor that is not close to the truth, or null if no
     * classic mistake explains it (or if it is close).
     *
     * @param batchSize the exercise's batch size N, so that a factor N or 1/N can be named; 0 when unknown, in
     *     which case the size of the truth's dimension 0 stands for it
     */
    public static String of(Tensor student, Tensor truth, Tolerance tol, int batchSize) {
        Hint hint = hint(student, truth, tol, batchSize);
        return hint == null ? null : hint.text();
    }

    /**
     * The most specific hint for a student tensor, with its kind: {@link Kind#SHAPE} or {@link Kind#OTHER} (and no
     * text) when no classic mistake explains it; null if it is close to the truth.
     */
    public static Hint hint(Tensor student, Tensor truth, Tolerance tol, int batchSize) {
        return hint(student, Elementwise.values(student), truth, TrueValues.of(truth), tol, batchSize);
    }

    /**
     * {@link #hint(Tensor, Tensor, Tolerance, int)} with the student's values already widened ({@code s}) and the
     * truth's ({@code t}): a hint tries up to a dozen candidates against the same truth, and the comparator has
     * widened both before it asks for one.
     */
    static Hint hint(Tensor student, double[] s, Tensor truth, TrueValues t, Tolerance tol, int batchSize) {
        int[] ss = student.shape();
        int[] ts = truth.shape();
        String nonFinite = nonFinite(s, Arrays.equals(ss, ts) ? t.values : null, ss);
        if (nonFinite != null) {
            return new Hint(Kind.NON_FINITE, nonFinite);
        }
        if (Arrays.equals(ss, ts)) {
            if (t.closeTo(s, tol)) {
                return null;
            }
            Hint h = valueHint(student, s, t, tol, batchSize);
            return h != null ? h : new Hint(Kind.OTHER, null);
        }
        Hint h = shapeHint(student, truth, t, tol, batchSize);
        return h != null ? h : new Hint(Kind.SHAPE, null);
    }

    /** The shapes agree once every singleton dimension is dropped. */
    static boolean sameSqueezed(int[] a, int[] b) {
        return Arrays.equals(squeeze(a), squeeze(b));
    }

    private static int[] squeeze(int[] shape) {
        return Arrays.stream(shape).filter(n -> n != 1).toArray();
    }

    // ---------------------------------------------------------------- non-finite

    /** {@code t} is the truth's values when the shapes are the same, else null; {@code shape} the student's. */
    private static String nonFinite(double[] s, double[] t, int[] shape) {
        int nans = 0;
        int infs = 0;
        int first = -1;
        for (int i = 0; i < s.length; i++) {
            if (Double.isFinite(s[i]) || (t != null && Elementwise.equal(s[i], t[i]))) {
                continue;
            }
            if (Double.isNaN(s[i])) {
                nans++;
            } else {
                infs++;
            }
            first = first < 0 ? i : first;
        }
        if (first < 0) {
            return null;
        }
        String what = nans > 0 && infs > 0
                ? nans + " NaN and " + infs + " infinite values"
                : nans > 0
                        ? nans + " NaN value" + (nans == 1 ? "" : "s")
                        : infs + " infinite value" + (infs == 1 ? "" : "s");
        return "your gradient has " + what + ", the first at index " + Numbers.index(first, shape)
                + ": look for a division by zero, a log of 0 or an overflow";
    }

    // ---------------------------------------------------------------- same shape

    /** The hint for values that are not close to the truth's (same shape), or null if nothing fits. */
    private static Hint valueHint(Tensor student, double[] s, TrueValues t, Tolerance tol, int batchSize) {
        if (Elementwise.allZero(s) && !Elementwise.allZero(t.values)) {
            return new Hint(Kind.ZEROS, ALL_ZEROS);
        }
        if (t.wouldMatch(negated(s), tol)) {
            return new Hint(Kind.SIGN, SIGN_FLIPPED);
        }
        int[] shape = student.shape();
        if (shape.length == 2 && shape[0] == shape[1] && t.wouldMatch(Elementwise.values(student.T()), tol)) {
            return new Hint(Kind.TRANSPOSE, TRANSPOSED);
        }
        return factorHint(s, t, tol, batchSize, shape);
    }

    private static double[] negated(double[] v) {
        double[] n = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            n[i] = -v[i];
        }
        return n;
    }

    /**
     * Off by one constant factor {@code c}, estimated by least squares ({@code c = <s,t> / <t,t>}) and accepted only
     * if {@code c·t} would match {@code s} everywhere. A factor within 0.1% of N, 1/N, 2 or 1/2 is named.
     */
    private static Hint factorHint(double[] s, TrueValues target, Tolerance tol, int batchSize, int[] shape) {
        double[] t = target.values;
        double st = 0;
        double tt = 0;
        for (int i = 0; i < s.length; i++) {
            st += s[i] * t[i];
            tt += t[i] * t[i];
        }
        double c = st / tt;
        if (!Double.isFinite(c) || c == 0 || near(c, 1) || near(c, -1)) {
            return null;
        }
        List<Named> named = new ArrayList<>();
        int dim0 = shape.length == 0 ? 0 : shape[0];
        for (int n : new int[] {batchSize > 1 ? batchSize : dim0, dim0}) {
            if (n > 2) {
                String why = (n == batchSize || batchSize <= 1)
                        ? MEAN_FACTOR
                        : "(the size of dimension 0): a forgotten or extra 1/" + n + "?";
                named.add(new Named(n, n + " " + why, Kind.BATCH_SIZE));
                named.add(new Named(1.0 / n, "1/" + n + " " + why, Kind.BATCH_SIZE));
            }
        }
        named.add(new Named(
                2, "2: a factor 2 too many (the 2 of x**2 applied twice, or one path counted twice?)", Kind.FACTOR_2));
        named.add(new Named(
                0.5, "1/2: a factor 2 missing (the 2 of x**2, or a second path through the graph?)", Kind.FACTOR_2));
        for (Named f : named) {
            if (near(Math.abs(c), f.value)) {
                double factor = Math.copySign(f.value, c);
                if (new TrueValues(scaled(t, factor)).wouldMatch(s, tol)) {
                    return new Hint(
                            f.kind, (c < 0 ? "sign flipped and off by a factor of " : "off by a factor of ") + f.text);
                }
                return null;
            }
        }
        if (new TrueValues(scaled(t, c)).wouldMatch(s, tol)) {
            return new Hint(
                    Kind.SCALE,
                    String.format(
                            Locale.ROOT,
                            "off by a constant factor: your values are %s times the true ones",
                            Numbers.repr(Double.parseDouble(String.format(Locale.ROOT, "%.4g", c)))));
        }
        return null;
    }

    private record Named(double value, String text, Kind kind) {}

    private static boolean near(double c, double f) {
        return Math.abs(c - f) <= 1e-3 * Math.abs(f);
    }

    private static double[] scaled(double[] v, double factor) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i] * factor;
        }
        return r;
    }

    // ---------------------------------------------------------------- wrong shape

    private static Hint shapeHint(Tensor student, Tensor truth, TrueValues t, Tolerance tol, int batchSize) {
        int[] ss = student.shape();
        int[] ts = truth.shape();
        if (ss.length == 2
                && ts.length == 2
                && ss[0] == ts[1]
                && ss[1] == ts[0]
                && t.wouldMatch(Elementwise.values(student.T()), tol)) {
            return new Hint(Kind.TRANSPOSE, TRANSPOSED);
        }
        if (sameSqueezed(ss, ts)) {
            Tensor reshaped = student.reshape(ts);
            String singleton = ss.length > ts.length
                    ? EXTRA_SINGLETON
                    : ss.length < ts.length ? MISSING_SINGLETON : MOVED_SINGLETON;
            Kind kind = ss.length == ts.length ? Kind.RESHAPE : Kind.KEEPDIM;
            double[] r = Elementwise.values(reshaped);
            if (t.wouldMatch(r, tol)) {
                return new Hint(kind, singleton);
            }
            Hint also = valueHint(reshaped, r, t, tol, batchSize);
            return new Hint(
                    kind,
                    singleton.substring("same values, ".length())
                            + (also == null ? "; the values differ too" : "; the values differ too: " + also.text()));
        }
        if (expandable(ts, ss)) {
            Tensor summed = student.sumToSize(ts);
            if (t.wouldMatch(Elementwise.values(summed), tol)) {
                return new Hint(
                        Kind.MISSING_SUM,
                        "same values summed over " + dimensions(broadcastDims(ts, ss))
                                + " would match: a missing sum over the broadcast dimension");
            }
        }
        if (expandable(ss, ts)) {
            Tensor expanded = student.expand(ts);
            if (t.wouldMatch(Elementwise.values(expanded), tol)) {
                return new Hint(
                        Kind.MISSING_EXPAND,
                        "the same values repeated over "
                                + dimensions(broadcastDims(ss, ts))
                                + " would match: expand your gradient to the tensor's"
                                + " shape");
            }
        }
        return null;
    }

    /** {@code small} broadcasts to {@code big} (and is not the same shape). */
    private static boolean expandable(int[] small, int[] big) {
        if (small.length > big.length || Arrays.equals(small, big)) {
            return false;
        }
        int offset = big.length - small.length;
        for (int d = 0; d < small.length; d++) {
            if (small[d] != 1 && small[d] != big[d + offset]) {
                return false;
            }
        }
        return true;
    }

    /** The dimensions of {@code big} that broadcasting {@code small} to it adds or repeats. */
    private static List<Integer> broadcastDims(int[] small, int[] big) {
        int offset = big.length - small.length;
        List<Integer> dims = new ArrayList<>();
        for (int d = 0; d < big.length; d++) {
            if (d < offset || (small[d - offset] == 1 && big[d] != 1)) {
                dims.add(d);
            }
        }
        return dims;
    }

    private static String dimensions(List<Integer> dims) {
        if (dims.size() == 1) {
            return "dimension " + dims.get(0);
        }
        StringBuilder b = new StringBuilder("dimensions ");
        for (int i = 0; i < dims.size(); i++) {
            b.append(i == 0 ? "" : i == dims.size() - 1 ? " and " : ", ").append(dims.get(i));
        }
        return b.toString();
    }
}
