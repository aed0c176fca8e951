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
