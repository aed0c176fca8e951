package org.backpropgrader.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TensorValuesTest {
    @Test
    void readsTheShapesWorthOfFloatsAndLeavesTheRestOfTheBuffer() {
        FloatBuffer values = FloatBuffer.wrap(new float[] {1, 2, 3, 4, 5, 6, 7});
        Tensor t = Tensor.of(new int[] {2, 3}, values);
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.toFloatArray());
        assertEquals(6, values.position());
    }

    @Test
    void aTensorReadFromABufferDoesNotChangeWhenTheBufferDoes() {
        float[] backing = {1, 2};
        Tensor t = Tensor.of(new int[] {2}, FloatBuffer.wrap(backing));
        backing[0] = 99;
        assertArrayEquals(new float[] {1, 2}, t.toFloatArray());
    }

    @Test
    void everyBitSurvivesALittleEndianByteView() {
        float[] sent = {Float.intBitsToFloat(0x7fc00001), -0.0f, Float.MIN_VALUE, Float.NEGATIVE_INFINITY};
        ByteBuffer bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        Tensor.of(new int[] {4}, sent).copyTo(bytes.asFloatBuffer());
        float[] back = Tensor.of(new int[] {4}, bytes.asFloatBuffer()).toFloatArray();
        for (int i = 0; i < sent.length; i++) {
            assertEquals(Float.floatToRawIntBits(sent[i]), Float.floatToRawIntBits(back[i]), "bits at " + i);
        }
        assertArrayEquals(new byte[] {0x01, 0x00, (byte) 0xc0, 0x7f}, Arrays.copyOf(bytes.array(), 4)); // 0x7fc00001
    }

    @Test
    void aBufferTooShortForTheShapeIsRefusedAndNotRead() {
        FloatBuffer values = FloatBuffer.wrap(new float[5]);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Tensor.of(new int[] {2, 3}, values));
        assertEquals("shape [2, 3] needs 6 values, the buffer has 5", e.getMessage());
        assertEquals(0, values.position());
    }

    @Test
    void int64TensorsReadAndWriteTheirLongs() {
        LongBuffer values = LongBuffer.wrap(new long[] {Long.MIN_VALUE, 26, -1});
        Tensor t = Tensor.ofLongs(new int[] {3}, values);
        assertEquals(Tensor.Dtype.INT64, t.dtype());
        LongBuffer out = LongBuffer.allocate(4);
        t.copyTo(out);
        assertEquals(3, out.position());
        assertArrayEquals(new long[] {Long.MIN_VALUE, 26, -1, 0}, out.array());
    }

    @Test
    void copyingToABufferOfTheOtherDtypeSaysWhichItIs() {
        Tensor index = Tensor.ofLongs(new int[] {1}, 3);
        assertThrows(IllegalArgumentException.class, () -> index.copyTo(FloatBuffer.allocate(1)));
        Tensor floats = Tensor.of(new int[] {1}, 3f);
        assertThrows(IllegalArgumentException.class, () -> floats.copyTo(LongBuffer.allocate(1)));
    }

    @Test
    void equalIsTorchEqualZerosOfBothSignsAlikeNaNNeverAndShapeAndDtypeCounted() {
        Tensor a = Tensor.of(new int[] {2, 2}, 1, -0.0f, 3, 4);
        assertTrue(a.equal(Tensor.of(new int[] {2, 2}, 1, 0.0f, 3, 4)));
        assertFalse(a.equal(Tensor.of(new int[] {4}, 1, 0.0f, 3, 4)));
        assertFalse(a.equal(Tensor.of(new int[] {2, 2}, 1, 0.0f, 3, 4.0000005f)));
        Tensor nan = Tensor.of(new int[] {1}, Float.NaN);
        assertFalse(nan.equal(nan));
        assertTrue(Tensor.ofLongs(new int[] {2}, 1, 2).equal(Tensor.ofLongs(new int[] {2}, 1, 2)));
        assertFalse(Tensor.ofLongs(new int[] {1}, 1).equal(Tensor.of(new int[] {1}, 1f)));
    }
}
