package org.backpropgrader.reference;

/**
 * {@code exp} exactly as {@link StrictMath#exp} computes it (fdlibm's {@code e_exp.c}), in plain Java.
 *
 * <p>Why: the engine must give the same bits on every JVM and CPU, so it cannot use {@code Math.exp}, whose
 * intrinsics may differ; and on JDK 17 {@code StrictMath.exp} is a native call costing ~40 ns, which made
 * {@code sigmoid} and {@code exp} the most expensive ops of the MLP exercise. This port is JIT-compiled like any
 * loop and is pinned bit for bit to {@code StrictMath.exp} by {@code FdlibmExpTest}.
 *
 * <p>Ported from fdlibm 5.3 {@code e_exp.c}: Copyright (C) 2004 by Sun Microsystems, Inc. All rights reserved.
 * Permission to use, copy, modify, and distribute this software is freely granted, provided that this notice is
 * preserved.
 */
// The constants are e_exp.c's decimal literals digit for digit, so the port can be read against the C source; each
// rounds to the same double as the shortest literal Error Prone suggests, and FdlibmExpTest pins the bits.
@SuppressWarnings("FloatingPointLiteralPrecision")
final class FdlibmExp {
    private static final double ONE = 1.0;
    private static final double HUGE = 1.0e+300;
    private static final double TWO_M1000 = 9.33263618503218878990e-302; // 2**-1000
    private static final double O_THRESHOLD = 7.09782712893383973096e+02;
    private static final double U_THRESHOLD = -7.45133219101941108420e+02;
    static final double[] LN2_HI = {6.93147180369123816490e-01, -6.93147180369123816490e-01};
    static final double[] LN2_LO = {1.90821492927058770002e-10, -1.90821492927058770002e-10};
    private static final double[] HALF = {0.5, -0.5};
    static final double INV_LN2 = 1.44269504088896338700e+00;
    static final double P1 = 1.66666666666666019037e-01;
    static final double P2 = -2.77777777770155933842e-03;
    static final double P3 = 6.61375632143793436117e-05;
    static final double P4 = -1.65339022054652515390e-06;
    static final double P5 = 4.13813679705723846039e-08;

    private FdlibmExp() {}

    static double exp(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int hx = (int) (bits >>> 32);
        int xsb = (hx >>> 31) & 1;
        hx &= 0x7fffffff;

        // Non-finite arguments, overflow and underflow.
        if (hx >= 0x40862E42) {
            if (hx >= 0x7ff00000) {
                if (((hx & 0xfffff) | (int) bits) != 0) {
                    return x + x; // NaN
                }
                return xsb == 0 ? x : 0.0; // exp(+-inf) = {inf, 0}
            }
            if (x > O_THRESHOLD) {
                return HUGE * HUGE;
            }
            if (x < U_THRESHOLD) {
                return TWO_M1000 * TWO_M1000;
            }
        }

        // Argument reduction: x = k*ln2 + r, |r| <= 0.5*ln2, with r = hi - lo.
        double hi = 0;
        double lo = 0;
        int k = 0;
        if (hx > 0x3fd62e42) {
            if (hx < 0x3FF0A2B2) {
                hi = x - LN2_HI[xsb];
                lo = LN2_LO[xsb];
                k = 1 - xsb - xsb;
            } else {
                k = (int) (INV_LN2 * x + HALF[xsb]);
                double t = k;
                hi = x - t * LN2_HI[0];
                lo = t * LN2_LO[0];
            }
            x = hi - lo;
        } else if (hx < 0x3e300000) {
            if (HUGE + x > ONE) {
                return ONE + x;
            }
        }

        // x is now in the primary range.
        double t = x * x;
        double c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
        if (k == 0) {
            return ONE - ((x * c) / (c - 2.0) - x);
        }
        double y = ONE - ((lo - (x * c) / (2.0 - c)) - hi);
        if (k >= -1021) {
            return addToExponent(y, k);
        }
        return addToExponent(y, k + 1000) * TWO_M1000;
    }

    /** fdlibm's {@code __HI(y) += (k << 20)}: adds {@code k} to the exponent field of {@code y}. */
    private static double addToExponent(double y, int k) {
        long bits = Double.doubleToRawLongBits(y);
        int high = (int) (bits >>> 32) + (k << 20);
        return Double.longBitsToDouble(((long) high << 32) | (bits & 0xffffffffL));
    }
}
