package org.backpropgrader.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code expand} and {@code T} only move values: their run-wise and tiled copies must put every element, with its
 * exact bits (NaN payloads and signed zeros included), where the element-wise definitions put it.
 */
class ExpandAndTransposeCopyTest {

    /** Expand as it was first written: one output element at a time, an odometer over the target's indices. */
    static float[] expandElementwise(float[] x, int[] from, int[] target) {
        int rank = target.length;
        int offset = rank - from.length;
        int[] inStrides = new int[rank];
        int[] fromStrides = Shapes.strides(from);
        for (int d = offset; d < rank; d++) {
            inStrides[d] = from[d - offset] == 1 ? 0 : fromStrides[d - offset];
        }
        float[] out = new float[Shapes.numel(target)];
        int[] index = new int[rank];
        int src = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = x[src];
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < target[d]) {
                    src += inStrides[d];
                    break;
                }
                src -= inStrides[d] * (target[d] - 1);
                index[d] = 0;
            }
        }
        return out;
    }

    @Test
    void expandPutsEveryElementWhereTheElementwiseOdometerDoes() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 2000; trial++) {
            int rank = random.nextInt(5);
            int[] target = new int[rank];
            for (int d = 0; d < rank; d++) {
                target[d] = random.nextInt(5) == 0 ? 1 : 1 + random.nextInt(7);
            }
            // The source: a suffix of the target's dimensions, each kept or made a singleton.
            int fromRank = random.nextInt(rank + 1);
            int[] from = new int[fromRank];
            for (int d = 0; d < fromRank; d++) {
                from[d] = random.nextBoolean() ? target[rank - fromRank + d] : 1;
            }
            float[] x = values(random, Shapes.numel(from));
            float[] expected = expandElementwise(x, from, target);
            float[] actual = Tensor.of(from, x).expand(target).dataRef();
            assertArrayEquals(rawBits(expected), rawBits(actual), Shapes.format(from) + " -> " + Shapes.format(target));
        }
    }

    @Test
    void transposePutsEveryElementAtItsMirroredIndex() {
        SplittableRandom random = new SplittableRandom(6);
        int[] sizes = {1, 2, 3, 7, 15, 16, 17, 31, 33, 100};
        for (int rows : sizes) {
            for (int cols : sizes) {
                float[] x = values(random, rows * cols);
                float[] expected = new float[x.length];
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        expected[j * rows + i] = x[i * cols + j];
                    }
                }
                float[] actual = Tensor.of(new int[] {rows, cols}, x).T().dataRef();
                assertArrayEquals(rawBits(expected), rawBits(actual), rows + "x" + cols);
            }
        }
    }

    private static float[] values(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            // Distinct values with odd bits: any misplaced element shows, as does a NaN payload or zero sign lost.
            v[i] = random.nextInt(8) == 0
                    ? Float.intBitsToFloat(0x7fc00000 | random.nextInt(1 << 22))
                    : random.nextInt(8) == 0 ? -0f : (float) random.nextGaussian();
        }
        return v;
    }

    private static int[] rawBits(float[] v) {
        int[] bits = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            bits[i] = Float.floatToRawIntBits(v[i]);
        }
        return bits;
    }
}
