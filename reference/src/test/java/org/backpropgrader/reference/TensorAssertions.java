package org.backpropgrader.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;

/** Assertions shared by the engine's tests. */
final class TensorAssertions {
    private TensorAssertions() {}

    /** A tensor from a shape and values, for brevity: {@code t(new int[] {2, 2}, 1, 2, 3, 4)}. */
    static Tensor t(int[] shape, float... values) {
        return Tensor.of(shape, values);
    }

    static int[] shape(int... dims) {
        return dims;
    }

    /** Same shape and the same floats ({@code -0.0 == 0.0}, NaN equals NaN). */
    static void assertTensor(int[] expectedShape, float[] expectedValues, Tensor actual) {
        assertArrayEquals(expectedShape, actual.shape(), () -> "shape of " + actual);
        float[] got = actual.toFloatArray();
        for (int i = 0; i < got.length; i++) {
            float e = expectedValues[i];
            boolean same = e == got[i] || (Float.isNaN(e) && Float.isNaN(got[i]));
            if (!same) {
                throw new AssertionError("expected " + Arrays.toString(expectedValues) + " but was "
                        + Arrays.toString(got) + " (first difference at flat index " + i + ")");
            }
        }
        assertArrayEquals(new int[] {expectedValues.length}, new int[] {got.length}, "element count");
    }

    /** Bit for bit, except that {@code -0.0} and {@code 0.0} count as equal. */
    static void assertBitIdentical(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            boolean same = Float.floatToRawIntBits(e[i]) == Float.floatToRawIntBits(a[i]) || (e[i] == 0f && a[i] == 0f);
            if (!same) {
                throw new AssertionError("flat index " + i + ": expected " + e[i] + " (0x"
                        + Integer.toHexString(Float.floatToRawIntBits(e[i])) + ") but was " + a[i] + " (0x"
                        + Integer.toHexString(Float.floatToRawIntBits(a[i])) + ")");
            }
        }
    }
}
