package org.backpropgrader.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Backwards that run their formula as one loop instead of a chain of public ops must give the chain's bits exactly,
 * signed zeros included (NaN payloads aside): the formulas below are the ones they replaced, written with the
 * public ops as a student writes them.
 */
class FusedBackwardsTest {

    @Test
    void reluBackwardIsTheMaskTimesGrad() {
        SplittableRandom random = new SplittableRandom(1);
        for (int trial = 0; trial < 300; trial++) {
            int[] shape = randomShape(random);
            Tensor x = tensor(random, shape);
            Tensor grad = tensor(random, shape);
            Tensor y = x.relu();
            assertSameBits(
                    y.gt(0).mul(grad), Autograd.gradients(y, grad, List.of(x)).get(0));
        }
    }

    @Test
    void sigmoidBackwardIsResultTimesOneMinusResultTimesGrad() {
        SplittableRandom random = new SplittableRandom(2);
        for (int trial = 0; trial < 300; trial++) {
            int[] shape = randomShape(random);
            Tensor x = tensor(random, shape);
            Tensor grad = tensor(random, shape);
            Tensor y = x.sigmoid();
            assertSameBits(
                    y.mul(y.rsub(1)).mul(grad),
                    Autograd.gradients(y, grad, List.of(x)).get(0));
        }
    }

    /** {@code Relu.apply}'s loop before its branch-free masks. */
    static float[] previousRelu(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            // NaN stays NaN, as in PyTorch; -0.0 becomes +0.0 like any non-positive input.
            out[i] = v > 0f || Float.isNaN(v) ? v : 0f;
        }
        return out;
    }

    @Test
    void reluAndItsBackwardGiveThePreviousBitsOnEveryKindOfFloat32() {
        // Bit patterns of every kind: a sample of all 2^32, and every pattern near the edges the masks test (zeros,
        // the smallest subnormals, infinities, the first and last NaNs) on both signs.
        int[] edges = {0, 0x7f800000, 0x7fffffff, 0x80000000, 0xff800000, 0xffffffff};
        int reach = 1 << 12;
        int[] patterns = new int[(int) ((1L << 32) / 4099) + 1 + edges.length * (2 * reach + 1)];
        int n = 0;
        for (long bits = 0; bits <= 0xffffffffL; bits += 4099) {
            patterns[n++] = (int) bits;
        }
        for (int edge : edges) {
            for (int d = -reach; d <= reach; d++) {
                patterns[n++] = edge + d;
            }
        }
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = Float.intBitsToFloat(patterns[i]);
        }
        // The gradient cycles through values whose product with 0 or 1 shows the mask: signs, infinity, NaN.
        float[] specials = {1.5f, -2.5f, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            g[i] = specials[i % specials.length];
        }
        Tensor input = Tensor.of(new int[] {n}, x);
        Tensor y = input.relu();
        float[] expected = previousRelu(x);
        float[] actual = y.dataRef();
        for (int i = 0; i < n; i++) {
            assertEquals(
                    Float.floatToRawIntBits(expected[i]),
                    Float.floatToRawIntBits(actual[i]),
                    "relu of bits " + Integer.toHexString(patterns[i]));
        }
        Tensor grad = Tensor.of(new int[] {n}, g);
        // The backward's mask of those relu outputs: zeros, subnormals, +infinity and NaNs of both signs among them.
        assertSameBits(
                y.gt(0).mul(grad), Autograd.gradients(y, grad, List.of(input)).get(0));
    }

    private static int[] randomShape(SplittableRandom random) {
        int[] shape = new int[random.nextInt(4)];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = random.nextInt(1, 9);
        }
        return shape;
    }

    /** Values of every magnitude and sign, with zeros of both signs, infinities and NaN among them. */
    private static Tensor tensor(SplittableRandom random, int[] shape) {
        float[] v = new float[Shapes.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            int kind = random.nextInt(20);
            if (kind == 0) {
                float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f};
                v[i] = specials[random.nextInt(specials.length)];
            } else {
                v[i] = (float) (random.nextGaussian() * Math.pow(2, random.nextInt(-140, 40)));
            }
        }
        return Tensor.of(shape, v);
    }

    private static void assertSameBits(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            if (!(Float.isNaN(e[i]) && Float.isNaN(a[i]))) {
                assertEquals(
                        Float.floatToRawIntBits(e[i]),
                        Float.floatToRawIntBits(a[i]),
                        "flat index " + i + ": expected " + e[i] + " but was " + a[i]);
            }
        }
    }
}
