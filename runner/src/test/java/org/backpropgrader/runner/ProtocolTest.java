package org.backpropgrader.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.reference.Tensor;
import org.backpropgrader.runner.Protocol.MalformedMessageException;
import org.backpropgrader.runner.Protocol.Reply;
import org.backpropgrader.runner.Protocol.Request;
import org.junit.jupiter.api.Test;

class ProtocolTest {
    private static final float[] SPECIAL = {
        0.0f,
        -0.0f,
        1.0f,
        -1.5f,
        Float.MIN_VALUE,
        -Float.MIN_VALUE,
        Float.MIN_NORMAL,
        Float.MAX_VALUE,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        Float.NaN,
        Float.intBitsToFloat(0x7fc00001),
        Float.intBitsToFloat(0xffc12345),
        6.0275f,
        1e-30f,
        3.4e38f
    };

    /** Through a call's frame and back, as on the wire. */
    private static Tensor roundTrip(Tensor t) throws Exception {
        return Request.decode(framedAndBack(Request.call(1, 1, "g", List.of(t)).encode()))
                .upstream()
                .get(0);
    }

    private static byte[] framedAndBack(byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frames.write(out, payload);
        return Frames.read(new DataInputStream(new ByteArrayInputStream(out.toByteArray())));
    }

    private static byte[] tensorBytes(Tensor t) {
        ByteBuffer bytes = ByteBuffer.allocate(TensorCodec.size(t));
        TensorCodec.write(bytes, t);
        return bytes.array();
    }

    @Test
    void everyFloatSurvivesBitForBitNaNPayloadsIncluded() throws Exception {
        Tensor t = Tensor.of(new int[] {4, 4}, SPECIAL);
        Tensor back = roundTrip(t);
        assertArrayEquals(t.shape(), back.shape());
        float[] got = back.toFloatArray();
        float[] sent = t.toFloatArray();
        for (int i = 0; i < SPECIAL.length; i++) {
            assertEquals(
                    Float.floatToRawIntBits(sent[i]),
                    Float.floatToRawIntBits(got[i]),
                    "bits at " + i + " (" + SPECIAL[i] + ")");
        }
    }

    @Test
    void aTensorIsDtypeRankDimensionsThenLittleEndianBits() throws IOException {
        // float32, rank 1, [1], then 1.0f = 0x3f800000 as little-endian bytes 00 00 80 3f
        assertEquals(
                "00" + "00000001" + "00000001" + "0000803f",
                HexFormat.of().formatHex(tensorBytes(Tensor.of(new int[] {1}, 1.0f))));
        // int64, rank 1, [1], then 26 as little-endian bytes
        assertEquals(
                "01" + "00000001" + "00000001" + "1a00000000000000",
                HexFormat.of().formatHex(tensorBytes(Tensor.ofLongs(new int[] {1}, 26))));
    }

    @Test
    void shapesIncludingZeroDimensionalAndEmpty() throws Exception {
        for (Tensor t : List.of(
                Tensor.scalar(2.5), Tensor.of(new int[] {3}, 1, 2, 3), Tensor.ones(2, 3, 4), Tensor.of(new int[] {0, 5
                }))) {
            Tensor back = roundTrip(t);
            assertArrayEquals(t.shape(), back.shape());
            assertArrayEquals(t.toFloatArray(), back.toFloatArray());
        }
    }

    @Test
    void int64IndexTensorsSurviveExactly() throws Exception {
        long[] values = {0, 26, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53 | 1};
        Tensor back = roundTrip(Tensor.ofLongs(new int[] {2, 3}, values));
        assertEquals(Tensor.Dtype.INT64, back.dtype());
        assertArrayEquals(new int[] {2, 3}, back.shape());
        assertArrayEquals(values, back.toLongArray());
    }

    @Test
    void unknownDtypesBadShapesAndShortDataAreRefused() throws IOException {
        byte[] good =
                Request.call(1, 1, "g", List.of(Tensor.of(new int[] {2}, 1, 2))).encode();
        int tensorAt = good.length - tensorBytes(Tensor.of(new int[] {2}, 1, 2)).length;

        byte[] float16 = good.clone();
        float16[tensorAt] = 7;
        assertEquals(
                "malformed message: tensor dtype must be 0 (float32) or 1 (int64), got 7",
                assertThrows(MalformedMessageException.class, () -> Request.decode(float16))
                        .getMessage());

        byte[] huge = good.clone();
        huge[tensorAt + 5] = 0x7f; // the one dimension: 2 becomes 0x7f000002
        assertTrue(assertThrows(MalformedMessageException.class, () -> Request.decode(huge))
                .getMessage()
                .contains("does not fit in the 17 bytes left of its message"));

        byte[] negative = good.clone();
        negative[tensorAt + 5] = (byte) 0xff;
        assertTrue(assertThrows(MalformedMessageException.class, () -> Request.decode(negative))
                .getMessage()
                .contains("tensor dimension 0 is negative"));

        byte[] cut = Arrays.copyOf(good, good.length - 1);
        assertThrows(MalformedMessageException.class, () -> Request.decode(cut));
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertEquals(
                "1 bytes after the message",
                assertThrows(MalformedMessageException.class, () -> Request.decode(longer))
                        .getMessage());
        assertEquals(
                "malformed message: it ends early",
                assertThrows(MalformedMessageException.class, () -> Reply.decode(new byte[0]))
                        .getMessage());
    }

    @Test
    void textWrittenToTheRawOutputReadsAsAnOversizedFrame() {
        byte[] text = "{\"id\": \"not a reply\"\n".getBytes(StandardCharsets.UTF_8);
        Frames.TooLargeException e = assertThrows(
                Frames.TooLargeException.class, () -> Frames.read(new DataInputStream(new ByteArrayInputStream(text))));
        assertTrue(e.getMessage().startsWith("a frame of 2065852772 bytes"), e.getMessage());
    }

    @Test
    void anEndInsideAFrameIsNotACleanEnd() throws IOException {
        assertNull(Frames.read(new DataInputStream(new ByteArrayInputStream(new byte[0]))));
        assertThrows(
                EOFException.class,
                () -> Frames.read(new DataInputStream(new ByteArrayInputStream(new byte[] {0, 0, 0, 9, 1, 2}))));
    }

    @Test
    void forwardRecordsRoundTrip() throws Exception {
        for (Exercise<?, ?> e : Exercises.all()) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Record forward = ((Exercise) e).forward(7);
            Request open = Request.decode(
                    framedAndBack(Request.open(1, 2, e.id(), "X", e.id() + "@7", Forwards.toTensors(e, forward))
                            .encode()));
            assertEquals(e.id(), open.exercise());
            assertEquals(e.id() + "@7", open.forwardKey());
            Record back = Forwards.fromTensors(e, open.forward());
            assertEquals(forward.getClass(), back.getClass());
            @SuppressWarnings({"unchecked", "rawtypes"})
            Map<String, Tensor> a = ((Exercise) e).tensors(forward);
            @SuppressWarnings({"unchecked", "rawtypes"})
            Map<String, Tensor> b = ((Exercise) e).tensors(back);
            assertEquals(List.copyOf(a.keySet()), List.copyOf(b.keySet()));
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
    void everyRequestAndReplyKindRoundTrips() throws Exception {
        Request open = Request.decode(
                Request.open(3, 4, "mse-linear", "a.B", "mse-linear@1", null).encode());
        assertEquals(Request.open(3, 4, "mse-linear", "a.B", "mse-linear@1", null), open);
        assertEquals(Request.forget(8), Request.decode(Request.forget(8).encode()));
        assertEquals(Request.exit(), Request.decode(Request.exit().encode()));

        Reply failed = Reply.decode(Reply.failed(9, "ERROR", "threw x\nat y – ü")
                .withOutput("printed\n", 12)
                .encode());
        assertEquals(new Reply(9, "ERROR", "threw x\nat y – ü", null, "printed\n", 12), failed);
        Reply ok = Reply.decode(Reply.ok(10, Tensor.scalar(1.5)).encode());
        assertEquals(10, ok.id());
        assertNull(ok.status());
        assertNull(ok.output());
        assertArrayEquals(new float[] {1.5f}, ok.tensor().toFloatArray());
    }
}
