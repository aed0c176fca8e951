package org.backpropgrader.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

/**
 * Every differentiable op: autograd's float32 gradient against central finite differences of an independent
 * double-precision forward ({@link DoubleTensor}) on the same float inputs, for random shapes of rank 0 to 3
 * (sizes 1 to 4, random singleton dimensions for broadcasting) and a random {@code gradOutput}. Inputs stay away
 * from kinks and domain edges (relu near 0, ties in max, log and fractional powers near 0, division by ~0).
 *
 * <p>Each try draws its shapes and values from one {@code long}; a failure message shows them all.
 */
class GradientsMatchFiniteDifferencesTest {
    private static final int TRIES = 200;
    private static final double H = 1e-4;
    private static final double RTOL = 1e-3;
    private static final double ATOL = 1e-4;

    /** Where an op's inputs are drawn from. */
    private enum Domain {
        ANY,
        POSITIVE,
        AWAY_FROM_ZERO,
        NOT_NEAR_ZERO;

        float draw(SplittableRandom r) {
            switch (this) {
                case POSITIVE:
                    return (float) r.nextDouble(0.5, 3);
                case AWAY_FROM_ZERO:
                    return (float) (r.nextDouble(0.5, 2) * (r.nextBoolean() ? 1 : -1));
                case NOT_NEAR_ZERO:
                    return (float) (r.nextDouble(0.05, 2) * (r.nextBoolean() ? 1 : -1));
                default:
                    return (float) r.nextDouble(-2, 2);
            }
        }
    }

    // ------------------------------------------------------------------ elementwise, broadcasting

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void addGradientMatchesFiniteDifferencesUnderBroadcasting(@ForAll long seed) {
        binary(seed, Domain.ANY, Tensor::add, (a, b) -> a + b);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void subGradientMatchesFiniteDifferencesUnderBroadcasting(@ForAll long seed) {
        binary(seed, Domain.ANY, Tensor::sub, (a, b) -> a - b);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void mulGradientMatchesFiniteDifferencesUnderBroadcasting(@ForAll long seed) {
        binary(seed, Domain.ANY, Tensor::mul, (a, b) -> a * b);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void divGradientMatchesFiniteDifferencesUnderBroadcasting(@ForAll long seed) {
        binary(seed, Domain.AWAY_FROM_ZERO, Tensor::div, (a, b) -> a / b);
    }

    private static void binary(
            long seed,
            Domain divisor,
            java.util.function.BiFunction<Tensor, Tensor, Tensor> op,
            java.util.function.DoubleBinaryOperator ref) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] common = randomShape(r);
        Tensor a = random(r, broadcastOperand(r, common), Domain.ANY);
        Tensor b = random(r, broadcastOperand(r, common), divisor);
        check(r, in -> op.apply(in[0], in[1]), in -> in[0].zip(in[1], ref), a, b);
    }

    // ------------------------------------------------------------------ scalar overloads and unary ops

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void scalarArithmeticGradientsMatchFiniteDifferences(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float s = Domain.AWAY_FROM_ZERO.draw(r);
        Tensor x = random(r, randomShape(r), Domain.ANY);
        check(r, in -> in[0].add(s), in -> in[0].map(v -> v + s), x);
        check(r, in -> in[0].sub(s), in -> in[0].map(v -> v - s), x);
        check(r, in -> in[0].mul(s), in -> in[0].map(v -> v * s), x);
        check(r, in -> in[0].div(s), in -> in[0].map(v -> v / s), x);
        check(r, in -> in[0].rsub(s), in -> in[0].map(v -> s - v), x);
        check(r, in -> in[0].neg(), in -> in[0].map(v -> -v), x);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void rdivGradientMatchesFiniteDifferences(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float s = Domain.ANY.draw(r);
        Tensor x = random(r, randomShape(r), Domain.AWAY_FROM_ZERO);
        check(r, in -> in[0].rdiv(s), in -> in[0].map(v -> s / v), x);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void powGradientMatchesFiniteDifferencesForEveryExponentKind(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] exponents = {2, 3, 0.5f, -1, -2, 1.5f, 1, 0, 2.5f, -0.5f};
        float p = exponents[r.nextInt(exponents.length)];
        boolean whole = p == Math.rint(p);
        Domain domain = p > 0 && whole ? Domain.ANY : whole ? Domain.AWAY_FROM_ZERO : Domain.POSITIVE;
        Tensor x = random(r, randomShape(r), domain);
        check(r, in -> in[0].pow(p), in -> in[0].map(v -> Math.pow(v, p)), x);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void expGradientMatchesFiniteDifferences(@ForAll long seed) {
        unary(seed, Domain.ANY, Tensor::exp, Math::exp);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void logGradientMatchesFiniteDifferences(@ForAll long seed) {
        unary(seed, Domain.POSITIVE, Tensor::log, Math::log);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void reluGradientMatchesFiniteDifferencesAwayFromZero(@ForAll long seed) {
        unary(seed, Domain.NOT_NEAR_ZERO, Tensor::relu, v -> Math.max(v, 0));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void sigmoidGradientMatchesFiniteDifferences(@ForAll long seed) {
        unary(seed, Domain.ANY, Tensor::sigmoid, v -> 1 / (1 + Math.exp(-v)));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void tanhGradientMatchesFiniteDifferences(@ForAll long seed) {
        unary(seed, Domain.ANY, Tensor::tanh, Math::tanh);
    }

    private static void unary(
            long seed, Domain domain, Function<Tensor, Tensor> op, java.util.function.DoubleUnaryOperator ref) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor x = random(r, randomShape(r), domain);
        check(r, in -> op.apply(in[0]), in -> in[0].map(ref), x);
    }

    // ------------------------------------------------------------------ linear algebra and shapes

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void matmulGradientMatchesFiniteDifferences(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int m = 1 + r.nextInt(4);
        int k = 1 + r.nextInt(4);
        int n = 1 + r.nextInt(4);
        Tensor a = random(r, new int[] {m, k}, Domain.ANY);
        Tensor b = random(r, new int[] {k, n}, Domain.ANY);
        check(r, in -> in[0].matmul(in[1]), in -> in[0].matmul(in[1]), a, b);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void transposeGradientMatchesFiniteDifferences(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor x = random(r, new int[] {1 + r.nextInt(4), 1 + r.nextInt(4)}, Domain.ANY);
        check(r, in -> in[0].T(), in -> in[0].transpose(), x);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void reshapeGradientMatchesFiniteDifferences(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor x = random(r, randomShape(r), Domain.ANY);
        int n = x.numel();
        int[] target = r.nextBoolean() ? new int[] {-1} : new int[] {1, n, 1};
        int[] resolved = target.length == 1 ? new int[] {n} : target;
        check(r, in -> in[0].reshape(target), in -> in[0].reshape(resolved), x);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void expandGradientSumsOverRepeatedDimensions(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] common = randomShape(r);
        Tensor x = random(r, broadcastOperand(r, common), Domain.ANY);
        check(r, in -> in[0].expand(common), in -> in[0].expand(common), x);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void sumToSizeGradientRepeatsOverSummedDimensions(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] common = randomShape(r);
        int[] target = broadcastOperand(r, common);
        Tensor x = random(r, common, Domain.ANY);
        check(r, in -> in[0].sumToSize(target), in -> in[0].sumTo(target), x);
    }

    // ------------------------------------------------------------------ reductions

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void sumAndMeanGradientsMatchFiniteDifferences(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor x = random(r, randomShape(r), Domain.ANY);
        int rank = x.dim();
        int dim = rank == 0 ? 0 : r.nextInt(rank);
        int size = rank == 0 ? 1 : x.size(dim);
        boolean keepdim = r.nextBoolean();
        check(r, in -> in[0].sum(), in -> in[0].sumAll(), x);
        check(r, in -> in[0].mean(), in -> in[0].sumAll().scale(1.0 / x.numel()), x);
        check(r, in -> in[0].sum(dim), in -> in[0].reduce(dim, false, false), x);
        check(r, in -> in[0].sum(dim, keepdim), in -> in[0].reduce(dim, keepdim, false), x);
        check(
                r,
                in -> in[0].mean(dim, keepdim),
                in -> in[0].reduce(dim, keepdim, false).scale(1.0 / size),
                x);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void maxGradientMatchesFiniteDifferencesWithoutTies(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] shape = randomShape(r);
        int n = DoubleTensor.numel(shape);
        // Distinct values at least 0.2 apart, shuffled: no ties within 2h of each other.
        List<Float> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add((float) ((i - n / 2.0) * 0.3 + r.nextDouble(-0.05, 0.05)));
        }
        java.util.Collections.shuffle(values, new java.util.Random(r.nextLong()));
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = values.get(i);
        }
        Tensor x = Tensor.of(shape, v);
        int dim = shape.length == 0 ? 0 : r.nextInt(shape.length);
        boolean keepdim = r.nextBoolean();
        check(r, in -> in[0].max(dim, keepdim).values(), in -> in[0].reduce(dim, keepdim, true), x);
    }

    // ------------------------------------------------------------------ makemore: indexing, batchnorm, softmax

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void embeddingLookupGradientAccumulatesRepeatedRows(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int vocab = 1 + r.nextInt(4);
        int[] tableShape = r.nextBoolean() ? new int[] {vocab, 1 + r.nextInt(3)} : new int[] {vocab};
        Tensor table = random(r, tableShape, Domain.ANY);
        // Few rows and several picks: repeated rows are the common case; negative indices count from the end.
        int[] idxShape = new int[1 + r.nextInt(2)];
        for (int d = 0; d < idxShape.length; d++) {
            idxShape[d] = 1 + r.nextInt(4);
        }
        Tensor idx = randomIndices(r, idxShape, vocab, true);
        check(r, in -> in[0].index(idx), in -> in[0].index(longs(idx), shapes(idx)), table);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void pickingOneElementPerRowGradientMatchesFiniteDifferences(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1 + r.nextInt(4);
        int c = 1 + r.nextInt(4);
        Tensor logprobs = random(r, new int[] {n, c}, Domain.ANY);
        Tensor rows = Tensor.arange(n);
        Tensor yb = randomIndices(r, new int[] {n}, c, false);
        check(
                r,
                in -> in[0].index(rows, yb),
                in -> in[0].index(
                        new long[][] {rows.toLongArray(), yb.toLongArray()}, new int[][] {rows.shape(), yb.shape()}),
                logprobs);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void indexPutGradientsMatchFiniteDifferencesForBothModes(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int rows = 1 + r.nextInt(4);
        int cols = 1 + r.nextInt(3);
        Tensor self = random(r, new int[] {rows, cols}, Domain.ANY);
        boolean accumulate = r.nextBoolean();
        // Overwriting a position twice keeps one value, and which one is not a derivative: unique when not adding.
        Tensor idx = accumulate ? randomIndices(r, new int[] {1 + r.nextInt(4)}, rows, true) : uniqueIndices(r, rows);
        int[] valueShape = r.nextBoolean() ? new int[] {idx.numel(), cols} : new int[] {cols};
        Tensor values = random(r, valueShape, Domain.ANY);
        check(
                r,
                in -> in[0].indexPut(List.of(idx), in[1], accumulate),
                in -> in[0].indexPut(longs(idx), shapes(idx), in[1], accumulate),
                self,
                values);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void indexAddGradientsMatchFiniteDifferencesAlongAnyDimension(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] shape = {1 + r.nextInt(3), 1 + r.nextInt(3), 1 + r.nextInt(2)};
        int dim = r.nextInt(3);
        Tensor idx = randomIndices(r, new int[] {1 + r.nextInt(4)}, shape[dim], false);
        int[] sourceShape = shape.clone();
        sourceShape[dim] = idx.numel();
        Tensor self = random(r, shape, Domain.ANY);
        Tensor source = random(r, sourceShape, Domain.ANY);
        check(r, in -> in[0].indexAdd(dim, idx, in[1]), in -> indexAddReference(in[0], dim, idx, in[1]), self, source);
    }

    /** index_add as the loop its documentation states: {@code self[.., index[i], ..] += source[.., i, ..]}. */
    private static DoubleTensor indexAddReference(DoubleTensor self, int dim, Tensor index, DoubleTensor source) {
        double[] out = self.data().clone();
        long[] idx = index.toLongArray();
        for (int s = 0; s < source.data().length; s++) {
            int[] at = DoubleTensor.unravel(s, source.shape());
            at[dim] = (int) idx[at[dim]];
            int flat = 0;
            for (int d = 0; d < at.length; d++) {
                flat = flat * self.shape()[d] + at[d];
            }
            out[flat] += source.data()[s];
        }
        return new DoubleTensor(self.shape().clone(), out);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void varGradientMatchesFiniteDifferencesBiasedAndUnbiased(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] shape = {1 + r.nextInt(4), 1 + r.nextInt(4)};
        int dim = r.nextInt(2);
        shape[dim] = 2 + r.nextInt(4);
        boolean keepdim = r.nextBoolean();
        boolean unbiased = r.nextBoolean();
        Tensor x = random(r, shape, Domain.ANY);
        check(r, in -> in[0].var(dim, keepdim, unbiased), in -> in[0].var(dim, keepdim, unbiased ? 1 : 0), x);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void sqrtGradientMatchesFiniteDifferences(@ForAll long seed) {
        unary(seed, Domain.POSITIVE, Tensor::sqrt, Math::sqrt);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void softmaxGradientMatchesFiniteDifferencesAlongAnyDimension(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] shape = randomShape(r);
        if (shape.length == 0) {
            shape = new int[] {1 + r.nextInt(4)};
        }
        int dim = r.nextInt(shape.length);
        Tensor x = random(r, shape, Domain.ANY);
        check(r, in -> in[0].softmax(dim), in -> in[0].softmax(dim), x);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void crossEntropyGradientMatchesFiniteDifferences(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1 + r.nextInt(4);
        int c = 1 + r.nextInt(5);
        Tensor logits = random(r, new int[] {n, c}, Domain.ANY);
        Tensor target = randomIndices(r, new int[] {n}, c, false);
        check(r, in -> Tensor.crossEntropy(in[0], target), in -> in[0].crossEntropy(target.toLongArray()), logits);
    }

    private static Tensor randomIndices(SplittableRandom r, int[] shape, int size, boolean allowNegative) {
        long[] v = new long[DoubleTensor.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(size) - (allowNegative && r.nextInt(4) == 0 ? size : 0);
        }
        return Tensor.ofLongs(shape, v);
    }

    /** A random non-empty subset of {@code [0, size)}, shuffled. */
    private static Tensor uniqueIndices(SplittableRandom r, int size) {
        List<Long> all = new ArrayList<>();
        for (long i = 0; i < size; i++) {
            all.add(i);
        }
        java.util.Collections.shuffle(all, new java.util.Random(r.nextLong()));
        int k = 1 + r.nextInt(size);
        return Tensor.ofLongs(
                new int[] {k},
                all.subList(0, k).stream().mapToLong(Long::longValue).toArray());
    }

    private static long[][] longs(Tensor idx) {
        return new long[][] {idx.toLongArray()};
    }

    private static int[][] shapes(Tensor idx) {
        return new int[][] {idx.shape()};
    }

    // ------------------------------------------------------------------ machinery

    /**
     * Autograd's gradient of {@code sum(gradOutput * op(inputs))} against central differences of the same
     * function in double, for every element of every input. Also checks that the float32 forward agrees with the
     * double one, so that a wrong reference cannot hide behind a matching wrong gradient.
     */
    private static void check(
            SplittableRandom r,
            Function<Tensor[], Tensor> op,
            Function<DoubleTensor[], DoubleTensor> ref,
            Tensor... inputs) {
        Tensor out = op.apply(inputs);
        DoubleTensor[] base = new DoubleTensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            base[i] = DoubleTensor.of(inputs[i]);
        }
        DoubleTensor expectedOut = ref.apply(base);
        String context = describe(inputs, out);
        if (!Arrays.equals(expectedOut.shape(), out.shape())) {
            throw new AssertionError("forward shape " + Arrays.toString(out.shape()) + " != reference "
                    + Arrays.toString(expectedOut.shape()) + context);
        }
        float[] got = out.toFloatArray();
        for (int i = 0; i < got.length; i++) {
            double e = expectedOut.data()[i];
            if (!(Math.abs(got[i] - e) <= 1e-5 * Math.abs(e) + 1e-6)) {
                throw new AssertionError("forward[" + i + "] " + got[i] + " != reference " + e + context);
            }
        }
        float[] seedValues = new float[got.length];
        for (int i = 0; i < seedValues.length; i++) {
            seedValues[i] = (float) r.nextDouble(-1, 1);
        }
        Tensor gradOutput = Tensor.of(out.shape(), seedValues);
        List<Tensor> grads = Autograd.gradients(out, gradOutput, List.of(inputs));
        for (int k = 0; k < inputs.length; k++) {
            float[] autograd = grads.get(k).toFloatArray();
            double[] fd = new double[autograd.length];
            double scale = 1;
            for (int e = 0; e < fd.length; e++) {
                fd[e] = (weighted(ref, base, k, e, H, seedValues) - weighted(ref, base, k, e, -H, seedValues))
                        / (2 * H);
                scale = Math.max(scale, Math.abs(fd[e]));
            }
            for (int e = 0; e < fd.length; e++) {
                double diff = Math.abs(autograd[e] - fd[e]);
                if (!(diff <= RTOL * Math.abs(fd[e]) + ATOL * scale)) {
                    throw new AssertionError("input " + k + " element " + e + ": autograd " + autograd[e]
                            + " vs finite differences " + fd[e] + "\n  autograd " + Arrays.toString(autograd)
                            + "\n  fd       " + Arrays.toString(fd) + "\n  gradOutput " + gradOutput + context);
                }
            }
        }
    }

    /** {@code sum(gradOutput * ref(inputs))} with element {@code e} of input {@code k} moved by {@code h}. */
    private static double weighted(
            Function<DoubleTensor[], DoubleTensor> ref,
            DoubleTensor[] base,
            int k,
            int e,
            double h,
            float[] gradOutput) {
        DoubleTensor[] moved = base.clone();
        moved[k] = base[k].copy();
        moved[k].data()[e] += h;
        double[] out = ref.apply(moved).data();
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            sum += gradOutput[i] * out[i];
        }
        return sum;
    }

    private static String describe(Tensor[] inputs, Tensor out) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < inputs.length; i++) {
            s.append("\n  input ")
                    .append(i)
                    .append(' ')
                    .append(Arrays.toString(inputs[i].shape()))
                    .append(' ')
                    .append(Arrays.toString(inputs[i].toFloatArray()));
        }
        return s.append("\n  output ").append(Arrays.toString(out.shape())).toString();
    }

    /** Rank 0 to 3, sizes 1 to 4. */
    private static int[] randomShape(SplittableRandom r) {
        int[] shape = new int[r.nextInt(4)];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = 1 + r.nextInt(4);
        }
        return shape;
    }

    /** A shape that broadcasts to {@code common}: a random suffix of it with some sizes replaced by 1. */
    private static int[] broadcastOperand(SplittableRandom r, int[] common) {
        int rank = r.nextInt(common.length + 1);
        int[] shape = Arrays.copyOfRange(common, common.length - rank, common.length);
        for (int d = 0; d < shape.length; d++) {
            if (r.nextInt(3) == 0) {
                shape[d] = 1;
            }
        }
        return shape;
    }

    private static Tensor random(SplittableRandom r, int[] shape, Domain domain) {
        float[] v = new float[DoubleTensor.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = domain.draw(r);
        }
        return Tensor.of(shape, v);
    }
}
