package org.backpropgrader.reference;

/**
 * The float32 Box-Muller block transform of PyTorch 1.13's avx2 {@code normal_fill} kernel
 * (spec torch-rng.md §5.4): Cephes-style LOG and SINCOS polynomials in float32.
 *
 * <p>Every {@code Math.fma} below stands where GCC fused a multiply-add in the shipped
 * {@code libtorch_cpu.so}; every other operation is a separately rounded float op. Moving a fusion
 * changes about 1% of outputs by 1–2 ulp, so do not "tidy" the arithmetic. Java never fuses on
 * its own (§10.2), which is why this can be bit-exact.
 */
final class Avx2NormalKernel {
    private static final float SQRTHF = Float.intBitsToFloat(0x3F3504F3);
    private static final float P0 = Float.intBitsToFloat(0x3D9021BB);
    private static final float[] P1_TO_P8 = {
        Float.intBitsToFloat(0xBDEBD1B8), Float.intBitsToFloat(0x3DEF251A),
        Float.intBitsToFloat(0xBDFE5D4F), Float.intBitsToFloat(0x3E11E9BF),
        Float.intBitsToFloat(0xBE2AAE50), Float.intBitsToFloat(0x3E4CCEAC),
        Float.intBitsToFloat(0xBE7FFFFC), Float.intBitsToFloat(0x3EAAAAAA),
    };
    private static final float Q1 = Float.intBitsToFloat(0xB95E8083);
    private static final float Q2 = Float.intBitsToFloat(0x3F318000);

    private static final float FOPI = Float.intBitsToFloat(0x3FA2F983);
    private static final float MDP1 = Float.intBitsToFloat(0xBF490000);
    private static final float MDP2 = Float.intBitsToFloat(0xB97DA000);
    private static final float MDP3 = Float.intBitsToFloat(0xB3222169);
    private static final float S0 = Float.intBitsToFloat(0xB94CA1F9);
    private static final float S1 = Float.intBitsToFloat(0x3C08839E);
    private static final float S2 = Float.intBitsToFloat(0xBE2AAAA3);
    private static final float C0 = Float.intBitsToFloat(0x37CCF5CE);
    private static final float C1 = Float.intBitsToFloat(0xBAB6061A);
    private static final float C2 = Float.intBitsToFloat(0x3D2AAAA5);
    static final float TWO_PI_F = Float.intBitsToFloat(0x40C90FDB);

    /** The result of {@link #sincos}; a pair because the kernel computes both from one reduction. */
    record SinCos(float sin, float cos) {}

    private Avx2NormalKernel() {}

    /**
     * Transforms {@code d[b..b+15]} (uniforms in [0, 1)) into normals in place. Lane j pairs
     * {@code d[b+j]} (radius) with {@code d[b+j+8]} (angle); lanes never read each other's slots.
     */
    static void transformBlock(float[] d, int b) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1.0f - d[b + j];
            float u2 = d[b + j + 8];
            float radius = radius(u1);
            SinCos sc = sincos(TWO_PI_F * u2);
            float n1 = radius * sc.cos();
            float n2 = radius * sc.sin();
            // fma(n, std=1, mean=0) is the source's explicit FMA: identity except -0 becomes +0.
            d[b + j] = Math.fma(n1, 1.0f, 0.0f);
            d[b + j + 8] = Math.fma(n2, 1.0f, 0.0f);
        }
    }

    /** sqrt(-2 LOG(u1)); the product is exact and float sqrt via double rounds the same (§10.2). */
    static float radius(float u1) {
        return (float) Math.sqrt(-2.0f * log(u1));
    }

    /** Cephes logf for u in [2^-24, 1] (normal floats only, so no NaN/denormal handling). */
    static float log(float u) {
        float e = logExponent(u);
        float x = logReducedArgument(u);
        float y = logPolynomial(x);
        float z = x * x;
        y = y * x;
        // e*Q1 is rounded on its own first: GCC fused y*z into the add, not e*Q1.
        y = Math.fma(y, z, e * Q1);
        y = y - z * 0.5f;
        x = x + y;
        return x + e * Q2; // e*Q2 is exact, so fusing would change nothing
    }

    /** Steps 1 and 3 of LOG: the binary exponent e with u = 2^e * m, m in [SQRTHF, 2*SQRTHF). */
    static float logExponent(float u) {
        int bits = Float.floatToRawIntBits(u);
        int k = (bits >>> 23) - 127;
        float e = (float) k + 1.0f;
        return significand(bits) < SQRTHF ? e - 1.0f : e;
    }

    /** Steps 2–4 of LOG: x = m - 1, or m + (m - 1) when the significand m in [0.5, 1) is below SQRTHF. */
    static float logReducedArgument(float u) {
        float m = significand(Float.floatToRawIntBits(u));
        float t = m < SQRTHF ? m : 0.0f;
        float x = m - 1.0f;
        return t + x;
    }

    /** Step 5 of LOG: the degree-8 polynomial in x, Horner with one fused step per coefficient. */
    static float logPolynomial(float x) {
        float y = P0;
        for (float p : P1_TO_P8) {
            y = Math.fma(y, x, p);
        }
        return y;
    }

    private static float significand(int bits) {
        return Float.intBitsToFloat((bits & 0x807FFFFF) | 0x3F000000);
    }

    /** Cephes sincos for a in [0, 2π): octant reduction, then the sin and cos polynomials. */
    static SinCos sincos(float a) {
        float x = Math.abs(a);
        boolean negSin = Float.floatToRawIntBits(a) < 0;
        int j = (int) (x * FOPI);
        j = (j + 1) & ~1;
        float y = (float) j;
        boolean swapSin = (j & 4) != 0;
        boolean sinPolyForSin = (j & 2) == 0;
        boolean negCos = (~(j - 2) & 4) != 0;
        negSin ^= swapSin;

        x = Math.fma(y, MDP1, x);
        x = Math.fma(y, MDP2, x);
        x = Math.fma(y, MDP3, x);
        float z = x * x;

        float yc = Math.fma(C0, z, C1);
        yc = Math.fma(yc, z, C2);
        yc = yc * z;
        yc = Math.fma(yc, z, -(z * 0.5f));
        yc = yc + 1.0f;

        float ys = Math.fma(S0, z, S1);
        ys = Math.fma(ys, z, S2);
        ys = ys * z;
        ys = Math.fma(ys, x, x);

        float sin = sinPolyForSin ? ys : yc;
        float cos = sinPolyForSin ? yc : ys;
        return new SinCos(negSin ? -sin : sin, negCos ? -cos : cos);
    }
}
