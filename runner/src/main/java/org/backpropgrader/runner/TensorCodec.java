package org.backpropgrader.runner;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.backpropgrader.reference.Tensor;

/**
 * A tensor on the wire: a dtype byte ({@value #FLOAT32} float32, {@value #INT64} int64: makemore's index tensors
 * {@code Xb}, {@code Yb}), the rank and each dimension as big-endian ints, then the values' bits in row-major order,
 * little-endian, 4 bytes a float32 or 8 an int64. Exact (every bit of every float, NaN payloads included, and every
 * int64 survives) and copied in bulk: a 100×300 gradient is 120 kB moved, not 160 kB of base64 parsed character by
 * character as the JSON protocol before it did.
 */
public final class TensorCodec {
    static final byte FLOAT32 = 0;
    static final byte INT64 = 1;
    /** More dimensions than any exercise's tensor has: a frame claiming them is garbage. */
    static final int MAX_RANK = 8;

    private TensorCodec() {}

    public static void write(DataOutput out, Tensor t) throws IOException {
        boolean int64 = t.dtype() == Tensor.Dtype.INT64;
        out.writeByte(int64 ? INT64 : FLOAT32);
        int[] shape = t.shape();
        out.writeInt(shape.length);
        for (int d : shape) {
            out.writeInt(d);
        }
        ByteBuffer bytes;
        if (int64) {
            long[] values = t.toLongArray();
            bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asLongBuffer().put(values);
        } else {
            float[] values = t.toFloatArray();
            bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
        }
        out.write(bytes.array());
    }

    /**
     * The tensor {@code in} holds at its position.
     *
     * @throws IOException if the input ends inside the tensor
     * @throws IllegalArgumentException if the dtype is unknown or the shape negative or too large for the input
     */
    public static Tensor read(DataInput in, int bytesLeft) throws IOException {
        byte dtype = in.readByte();
        if (dtype != FLOAT32 && dtype != INT64) {
            throw new IllegalArgumentException(
                    "tensor dtype must be " + FLOAT32 + " (float32) or " + INT64 + " (int64), got " + dtype);
        }
        int rank = in.readInt();
        if (rank < 0 || rank > MAX_RANK) {
            throw new IllegalArgumentException("tensor rank must be 0 to " + MAX_RANK + ", got " + rank);
        }
        int[] shape = new int[rank];
        long numel = 1;
        int width = dtype == INT64 ? Long.BYTES : Float.BYTES;
        for (int i = 0; i < rank; i++) {
            shape[i] = in.readInt();
            if (shape[i] < 0) {
                throw new IllegalArgumentException("tensor dimension " + i + " is negative: " + shape[i]);
            }
            numel *= shape[i];
            if (numel * width > bytesLeft) {
                throw new IllegalArgumentException("a tensor of shape " + java.util.Arrays.toString(shape)
                        + " does not fit in the " + bytesLeft + " bytes left of its message");
            }
        }
        byte[] raw = new byte[(int) numel * width];
        in.readFully(raw);
        ByteBuffer bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (dtype == INT64) {
            long[] values = new long[(int) numel];
            bytes.asLongBuffer().get(values);
            return Tensor.ofLongs(shape, values);
        }
        float[] values = new float[(int) numel];
        bytes.asFloatBuffer().get(values);
        return Tensor.of(shape, values);
    }
}
