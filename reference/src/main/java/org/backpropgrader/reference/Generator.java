package org.backpropgrader.reference;

/**
 * A bit-exact port of PyTorch 1.13's CPU generator: {@code torch.Generator().manual_seed(s)} followed
 * by {@code torch.rand}, {@code torch.randint} and {@code torch.randn} (spec {@code torch-rng.md}).
 *
 * <p>float32 and int64 results, and float64 {@code rand}, equal PyTorch's bit for bit on x86-64
 * with AVX2 (the "avx2" fill kernel, which Colab and nearly every PC run). float64 {@code randn}
 * goes through the C library in PyTorch and cannot be matched exactly (§5.6, §10.3).
 *
 * <p>Not thread-safe, like a torch generator used without its lock. Everything is single-threaded
 * and uses only strict IEEE arithmetic, the exactly specified {@code Math.sqrt}/{@code Math.fma} and
 * {@link StrictMath}, so results do not depend on the JVM or the CPU.
 */
public final class Generator {
    /** The seed of a {@code torch.Generator()} that was never seeded (§1). */
    private static final long DEFAULT_SEED = 67280421310721L;
    /** Below this numel randn takes the per-element small path; from it on, blocks of 16 (§5.1). */
    private static final int FILL_THRESHOLD = 16;

    private static final double TWO_PI = 2.0 * Math.PI;

    private final Mt19937 engine;
    private long seed;
    private long drawCount;
    private boolean hasCachedNormal;
    private double cachedNormal;

    /** Behaves as {@code torch.Generator()} that was never seeded (seed 67280421310721). */
    public Generator() {
        this(DEFAULT_SEED);
    }

    /** Behaves as {@code torch.Generator().manual_seed(seed)}. */
    public Generator(long seed) {
        engine = new Mt19937((int) seed);
        this.seed = seed;
    }

    /**
     * Reseeds like {@code manual_seed}: only the low 32 bits of the seed reach the engine (so 5 and
     * 2^32+5 give the same stream), the draw count restarts and the cached normal is dropped.
     */
    public Generator manualSeed(long seed) {
        this.seed = seed;
        engine.seed((int) seed);
        drawCount = 0;
        hasCachedNormal = false;
        cachedNormal = 0.0;
        return this;
    }

    /** The seed as PyTorch's uint64 {@code initial_seed()}, in a long's bits (-1 stands for 2^64-1). */
    public long initialSeed() {
        return seed;
    }

    /** Number of uint32 draws since the last seeding (the fixtures' {@code u32_drawn_total}). */
    public long drawCount() {
        return drawCount;
    }

    /** {@code torch.randn(shape, generator=g)}: float32 standard normals. */
    public Tensor randn(int... shape) {
        return Tensor.of(shape.clone(), randnFloats(numel(shape)));
    }

    /** {@code torch.rand(shape, generator=g)}: float32 uniforms in [0, 1). */
    public Tensor rand(int... shape) {
        return Tensor.of(shape.clone(), randFloats(numel(shape)));
    }

    /** {@code torch.randint(low, high, shape, generator=g, dtype=torch.float32)}. */
    public Tensor randint(long low, long high, int... shape) {
        long[] ints = randintLongs(low, high, numel(shape));
        float[] values = new float[ints.length];
        for (int i = 0; i < ints.length; i++) {
            // Exact inside [-2^24, 2^24]; outside, round to nearest even as torch's int64 -> float.
            values[i] = (float) ints[i];
        }
        return Tensor.of(shape.clone(), values);
    }

    /**
     * {@code torch.randint(low, high, shape, generator=g, dtype=dtype)}: the same draws for either dtype, kept exact
     * as int64 (PyTorch's default dtype, e.g. makemore's {@code Xb} and {@code Yb}) or converted to float32.
     */
    public Tensor randint(long low, long high, Tensor.Dtype dtype, int... shape) {
        if (dtype == Tensor.Dtype.FLOAT32) {
            return randint(low, high, shape);
        }
        return Tensor.ofLongs(shape.clone(), randintLongs(low, high, numel(shape)));
    }

    /** float32 uniforms, one draw each: the low 24 bits (not {@code r >>> 8}) times 2^-24 (§2). */
    public float[] randFloats(int numel) {
        float[] out = new float[checkNumel(numel)];
        for (int i = 0; i < out.length; i++) {
            out[i] = uniformFloat();
        }
        return out;
    }

    /** float64 uniforms ({@code rand(..., dtype=float64)}), two draws each (§2). */
    public double[] randDoubles(int numel) {
        double[] out = new double[checkNumel(numel)];
        for (int i = 0; i < out.length; i++) {
            out[i] = uniformDouble();
        }
        return out;
    }

    /**
     * int64 {@code randint}: {@code (draw mod (high-low)) + low}, unsigned modulo, no rejection
     * sampling (so PyTorch's slight bias is kept on purpose). Ranges of 2^32 or more take a 64-bit
     * draw (two uint32 draws) per value (§4).
     *
     * @throws IllegalArgumentException if {@code high <= low}, in PyTorch's words
     */
    public long[] randintLongs(long low, long high, int numel) {
        if (high <= low) {
            throw new IllegalArgumentException(
                    "random_ expects 'from' to be less than 'to', but got from=" + low + " >= to=" + high);
        }
        long[] out = new long[checkNumel(numel)];
        long range = high - low; // as unsigned: up to 2^64-1, e.g. randint(-2^62, 2^62) is 2^63
        boolean wide = Long.compareUnsigned(range, 1L << 32) >= 0;
        for (int i = 0; i < out.length; i++) {
            long draw = wide ? nextU64() : nextU32();
            out[i] = Long.remainderUnsigned(draw, range) + low;
        }
        return out;
    }

    /** float32 standard normals: the small path below 16 elements, else the avx2 fill path (§5). */
    public float[] randnFloats(int numel) {
        checkNumel(numel);
        if (numel < FILL_THRESHOLD) {
            float[] out = new float[numel];
            for (int i = 0; i < numel; i++) {
                out[i] = (float) smallPathNormal();
            }
            return out;
        }
        return fillNormalFloats(numel);
    }

    /**
     * float64 standard normals. The small path (n &lt; 16) is the same double Box-Muller as for float32
     * and shares its cache. PyTorch's results go through glibc's double log/sin/cos, which
     * {@link StrictMath} misses in the last bit on a few percent of inputs: expect rare 1-ulp
     * differences, more of them on the fill path (§5.6, §10.3).
     */
    public double[] randnDoubles(int numel) {
        checkNumel(numel);
        if (numel < FILL_THRESHOLD) {
            double[] out = new double[numel];
            for (int i = 0; i < numel; i++) {
                out[i] = smallPathNormal();
            }
            return out;
        }
        return fillNormalDoubles(numel);
    }

    /** The cached small-path sample, or null; for tests against the fixtures' cached_normal_after. */
    Double cachedNormal() {
        return hasCachedNormal ? cachedNormal : null;
    }

    /** One tempered MT19937 output as an unsigned value in a long. */
    long nextU32() {
        drawCount++;
        return engine.nextInt() & 0xFFFFFFFFL;
    }

    /** {@code random64()}: the high word is drawn first. */
    long nextU64() {
        long hi = nextU32();
        long lo = nextU32();
        return (hi << 32) | lo;
    }

    private float uniformFloat() {
        return (nextU32() & 0xFFFFFF) * 0x1.0p-24f;
    }

    private double uniformDouble() {
        return (nextU64() & ((1L << 53) - 1)) * 0x1.0p-53;
    }

    /**
     * One sample of the small path (§5.2): a double Box-Muller pair whose sine half is cached in
     * the generator, across calls, until used or until a reseed. Note the order: the first uniform
     * is the angle, the second the radius (the fill path is the other way round).
     *
     * <p>StrictMath, not Math: fdlibm's results are specified identically on every JVM and CPU,
     * whereas Math may be intrinsified differently. Neither equals glibc in every double bit, but
     * after the float32 cast both agreed with torch on all of 4 million samples measured (§10.3).
     */
    private double smallPathNormal() {
        double sample;
        if (hasCachedNormal) {
            hasCachedNormal = false;
            sample = cachedNormal;
        } else {
            double u1 = uniformDouble();
            double u2 = uniformDouble();
            // PyTorch 1.13 computes log(1 - u2); 2.x uses log1p(-u2), which differs in float64 only (§9).
            double r = Math.sqrt(-2.0 * StrictMath.log(1.0 - u2));
            double theta = TWO_PI * u1;
            cachedNormal = r * StrictMath.sin(theta);
            hasCachedNormal = true;
            sample = r * StrictMath.cos(theta);
        }
        return sample * 1.0 + 0.0; // sample * std + mean: only turns -0.0 into +0.0
    }

    /**
     * The float32 fill path (§5.3): one uniform per element, blocks of 16 transformed in place, and
     * for a ragged end 16 fresh uniforms that overwrite the last 16 slots and are transformed
     * together (the first-pass uniforms there are drawn and thrown away).
     */
    private float[] fillNormalFloats(int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = uniformFloat();
        }
        for (int b = 0; b + 16 <= n; b += 16) {
            Avx2NormalKernel.transformBlock(d, b);
        }
        if (n % 16 != 0) {
            for (int i = n - 16; i < n; i++) {
                d[i] = uniformFloat();
            }
            Avx2NormalKernel.transformBlock(d, n - 16);
        }
        return d;
    }

    /** The float64 fill path (§5.6): the same structure with double uniforms and double math. */
    private double[] fillNormalDoubles(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = uniformDouble();
        }
        for (int b = 0; b + 16 <= n; b += 16) {
            transformDoubleBlock(d, b);
        }
        if (n % 16 != 0) {
            for (int i = n - 16; i < n; i++) {
                d[i] = uniformDouble();
            }
            transformDoubleBlock(d, n - 16);
        }
        return d;
    }

    private static void transformDoubleBlock(double[] d, int b) {
        for (int j = 0; j < 8; j++) {
            double u1 = 1.0 - d[b + j];
            double u2 = d[b + j + 8];
            double radius = Math.sqrt(-2.0 * StrictMath.log(u1));
            double theta = TWO_PI * u2;
            d[b + j] = radius * StrictMath.cos(theta) * 1.0 + 0.0;
            d[b + j + 8] = radius * StrictMath.sin(theta) * 1.0 + 0.0;
        }
    }

    /** The element count of a shape, rejecting negative dimensions in PyTorch's words. */
    private static int numel(int[] shape) {
        return Shapes.numel(Shapes.validated(shape));
    }

    private static int checkNumel(int numel) {
        if (numel < 0) {
            throw new IllegalArgumentException("numel must be non-negative, got " + numel);
        }
        return numel;
    }
}
