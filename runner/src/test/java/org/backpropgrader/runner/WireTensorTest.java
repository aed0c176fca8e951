package org.backpropgrader.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.reference.Tensor;
import org.junit.jupiter.api.Test;

class WireTensorTest {
    private static final float[] SPECIAL = {
        0.0f, -0.0f, 1.0f, -1.5f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7fc00001),
        Float.intBitsToFloat(0xffc12345), 6.0275f, 1e-30f, 3.4e38f
    };

    /** Through JSON and back, as on the wire. */
    private static Tensor roundTrip(Tensor t) {
        String json = Protocol.GSON.toJson(WireTensor.of(t));
        return Protocol.GSON.fromJson(json, WireTensor.class).toTensor();
    }

    @Test
    void everyFloatSurvivesBitForBit() {
        Tensor t = Tensor.of(new int[] {4, 4}, SPECIAL);
        Tensor back = roundTrip(t);
        assertArrayEquals(t.shape(), back.shape());
        float[] got = back.toFloatArray();
        for (int i = 0; i < SPECIAL.length; i++) {
            if (Float.isNaN(SPECIAL[i])) {
                assertTrue(Float.isNaN(got[i]), "NaN stays NaN at " + i); // whatever the payload
            } else {
                assertEquals(Float.floatToRawIntBits(SPECIAL[i]), Float.floatToRawIntBits(got[i]),
                        "bits at " + i + " (" + SPECIAL[i] + ")");
            }
        }
        assertEquals(Integer.toHexString(Float.floatToRawIntBits(-0.0f)),
                Integer.toHexString(Float.floatToRawIntBits(got[1])), "-0.0 keeps its sign");
    }

    @Test
    void littleEndianFloat32Bits() {
        // 1.0f is 0x3f800000: little-endian bytes 00 00 80 3f
        assertEquals("AACAPw==", WireTensor.of(Tensor.of(new int[] {1}, 1.0f)).data());
    }

    @Test
    void shapesIncludingZeroDimensional() {
        for (Tensor t : List.of(Tensor.scalar(2.5), Tensor.of(new int[] {3}, 1, 2, 3), Tensor.ones(2, 3, 4))) {
            Tensor back = roundTrip(t);
            assertArrayEquals(t.shape(), back.shape());
            assertArrayEquals(t.toFloatArray(), back.toFloatArray());
        }
    }

    @Test
    void int64IndexTensorsSurviveExactlyAsLittleEndianLongs() {
        long[] values = {0, 26, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53 | 1};
        Tensor t = Tensor.ofLongs(new int[] {2, 3}, values);
        WireTensor wire = WireTensor.of(t);
        assertEquals("int64", wire.dtype());
        assertEquals("GgAAAAAAAAA=", WireTensor.of(Tensor.ofLongs(new int[] {1}, 26)).data());
        Tensor back = roundTrip(t);
        assertEquals(Tensor.Dtype.INT64, back.dtype());
        assertArrayEquals(new int[] {2, 3}, back.shape());
        assertArrayEquals(values, back.toLongArray());
        assertTrue(!Protocol.GSON.toJson(WireTensor.of(Tensor.scalar(1))).contains("dtype"),
                "a float tensor's JSON is unchanged");
    }

    @Test
    void malformedInt64DataAndUnknownDtypesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WireTensor(new int[] {1}, "AACAPw==", "int64").toTensor());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WireTensor(new int[] {1}, "AACAPw==", "float16").toTensor());
        assertEquals("tensor dtype must be \"float32\" or \"int64\", got \"float16\"", e.getMessage());
    }

    @Test
    void malformedDataIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WireTensor(new int[] {1}, "not base64!").toTensor());
        assertThrows(IllegalArgumentException.class, () -> new WireTensor(new int[] {1}, "AAA=").toTensor());
        assertThrows(IllegalArgumentException.class, () -> new WireTensor(new int[] {2}, "AACAPw==").toTensor());
        assertThrows(IllegalArgumentException.class, () -> new WireTensor(null, "").toTensor());
    }

    @Test
    void forwardRecordsRoundTrip() {
        for (Exercise<?, ?> e : Exercises.all()) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Record forward = ((Exercise) e).forward(7);
            Map<String, WireTensor> wire = Forwards.toWire(e, forward);
            String json = Protocol.GSON.toJson(Protocol.Request.open(1, 2, e.id(), "X", e.id() + "@7", wire));
            Record back = Forwards.fromWire(e, Protocol.GSON.fromJson(json, Protocol.Request.class).forward());
            assertEquals(forward.getClass(), back.getClass());
            @SuppressWarnings({"unchecked", "rawtypes"})
            Map<String, Tensor> a = ((Exercise) e).tensors(forward);
            @SuppressWarnings({"unchecked", "rawtypes"})
            Map<String, Tensor> b = ((Exercise) e).tensors(back);
            assertEquals(a.keySet(), b.keySet());
            a.forEach((name, t) -> {
                assertEquals(t.dtype(), b.get(name).dtype(), e.id() + "." + name);
                if (t.dtype() == Tensor.Dtype.INT64) {
                    assertArrayEquals(t.toLongArray(), b.get(name).toLongArray(), e.id() + "." + name);
                } else {
                    assertArrayEquals(t.toFloatArray(), b.get(name).toFloatArray(), e.id() + "." + name);
                }
            });
        }
    }

    @Test
    void messagesAreOneLineAndLeaveOutNulls() {
        String call = Protocol.GSON.toJson(Protocol.Request.call(5, 3, "diff",
                List.of(WireTensor.of(Tensor.scalar(1)))));
        assertEquals("{\"op\":\"call\",\"id\":5,\"session\":3,\"gradient\":\"diff\",\"upstream\":[{\"shape\":[],"
                + "\"data\":\"AACAPw==\"}]}", call);
        Protocol.Reply r = Protocol.GSON.fromJson(Protocol.GSON.toJson(
                Protocol.Reply.failed(9, "ERROR", "threw x\nat y").withOutput("printed\n", 12)), Protocol.Reply.class);
        assertEquals(new Protocol.Reply(9, "ERROR", "threw x\nat y", null, "printed\n", 12), r);
        assertNull(r.tensor());
        assertTrue(!Protocol.GSON.toJson(r).contains("\n"));
    }
}
