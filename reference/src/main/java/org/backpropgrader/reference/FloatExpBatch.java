package org.backpropgrader.reference;

/**
 * {@link FdlibmExp#exp} of a batch of float32 arguments (widened to double): the same bits, computed in passes over
 * the batch. {@link Exp} and {@link Sigmoid} use it; they spent most of their time in exp.
 *
 * <h2>Why in passes</h2>
 * One exp is a chain of some forty dependent double operations (reduction, polynomial, a division, the exponent).
 * A loop that runs the whole chain per element keeps the CPU waiting on it: its out-of-order window holds the
 * chains of only two or three elements. Split into passes over a batch, each pass is a short loop whose iterations
 * do not depend on each other, and the CPU overlaps many of them. The passes that are pure double arithmetic
 * (reduction, polynomial, the division) are small enough for C2 to vectorise; the two that convert between int and
 * double or move bits are not (JDK 17), and are kept to themselves. Measured on {@code mlp-softmax-max}'s
 * {@code sigmoid} (30000 elements) and {@code exp} (10000): 3.8 and 3.5 ns per element under C2 against 8 and 7
 * element by element; under C1 11 and 10 against 12.6 and 11.
 *
 * <h2>Why one reduction for every argument</h2>
 * {@code e_exp.c} reduces {@code x = k ln2 + r} in three branches: {@code k = 0} for {@code |x| <= 0.5 ln2},
 * {@code k = ±1} for {@code |x| < 1.5 ln2}, else {@code k = (int) (x / ln2 ± 0.5)}; inputs spread around zero take
 * them unpredictably, and each misprediction flushes the overlapped work. For a float32 argument the general formula
 * yields the same {@code k}, {@code hi} and {@code lo} in the first two ranges (the nearest float32 values to
 * {@code 0.5 ln2} and {@code 1.5 ln2} are far enough from them that {@code (int) (x / ln2 ± 0.5)} cannot round
 * across), and for {@code k = 0} the general return expression equals the special one up to exact negations
 * ({@code c - 2 = -(2 - c)}, {@code 0 - q = -q}). Arguments it does not cover (NaN, {@code |x| < 2^-28},
 * {@code |x| >= 708}: overflow, underflow and the denormal scaling) are recomputed by {@link FdlibmExp#exp}.
 * {@code FloatExpBatchTest} compares it with {@code FdlibmExp.exp} on a dense sample of all float32 values; the full
 * 2^32 were compared once when it was written, with no difference.
 */
final class FloatExpBatch {
    /** Arguments per batch: the batch's arrays (about 16 KB) stay in the L1 cache between passes. */
    static final int SIZE = 256;

    // e_exp.c's constants, FdlibmExp's own: the batched passes must be the same arithmetic
    private static final double LN2_HI = FdlibmExp.LN2_HI[0];
    private static final double LN2_LO = FdlibmExp.LN2_LO[0];
    private static final double INV_LN2 = FdlibmExp.INV_LN2;
    private static final double P1 = FdlibmExp.P1;
    private static final double P2 = FdlibmExp.P2;
    private static final double P3 = FdlibmExp.P3;
    private static final double P4 = FdlibmExp.P4;
    private static final double P5 = FdlibmExp.P5;

    /** The arguments: the caller writes float32 values, widened, to {@code in[0..count)}. */
    final double[] in = new double[SIZE];
    /** The results of {@link #exp}: {@code out[i] = FdlibmExp.exp(in[i])}. */
    final double[] out = new double[SIZE];

    private final int[] k = new int[SIZE];
    private final double[] t = new double[SIZE];
    private final double[] hi = new double[SIZE];
    private final double[] lo = new double[SIZE];
    private final double[] r = new double[SIZE];
    private final double[] c = new double[SIZE];

    /** {@code out[i] = FdlibmExp.exp(in[i])} for {@code i < count}; each {@code in[i]} must be a float32 value. */
    void exp(int count) {
        for (int i = 0; i < count; i++) {
            double x = in[i];
            int ki = (int) (INV_LN2 * x + Math.copySign(0.5, x));
            k[i] = ki;
            t[i] = ki;
        }
        for (int i = 0; i < count; i++) {
            double h = in[i] - t[i] * LN2_HI;
            double l = t[i] * LN2_LO;
            hi[i] = h;
            lo[i] = l;
            r[i] = h - l;
        }
        for (int i = 0; i < count; i++) {
            double x = r[i];
            double xx = x * x;
            c[i] = x - xx * (P1 + xx * (P2 + xx * (P3 + xx * (P4 + xx * P5))));
        }
        for (int i = 0; i < count; i++) {
            out[i] = 1.0 - ((lo[i] - (r[i] * c[i]) / (2.0 - c[i])) - hi[i]);
        }
        for (int i = 0; i < count; i++) {
            double x = in[i];
            double a = Math.abs(x);
            // e_exp.c's __HI(y) += k << 20: y is in [0.7, 1.5) and k in [-1021, 1021], so the exponent stays normal.
            out[i] = a >= 0x1p-28 && a < 708.0
                    ? Double.longBitsToDouble(Double.doubleToRawLongBits(out[i]) + ((long) k[i] << 52))
                    : FdlibmExp.exp(x);
        }
    }
}
