package org.backpropgrader.runner;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.backpropgrader.reference.Tensor;

/**
 * A tensor on the wire: a dtype byte ({@value #FLOAT32} float32, {@value #INT64} int64: makemore's index tensors
 * {@code Xb}, {@code Yb}), the rank and each dimension as big-endian ints, then the values' bits in row-major order,
 * little-endian, 4 bytes a float32 or 8 an int64. Exact (every bit of every float, NaN payloads included, and every
 * int64 survives) and copied in bulk, once: the values go from the tensor's array straight into the message's
 * bytes and back into a new tensor's array (a child's share of the MLP's forward values and upstream gradients is
 * some 2 MB a submission, and every extra copy of it was fresh memory the kernel had to zero).
 */
public final class TensorCodec {
    static final byte FLOAT32 = 0;
    static final byte INT64 = 1;
    /** More dimensions than any exercise's tensor has: a frame claiming them is garbage. */
    static final int MAX_RANK = 8;

    private TensorCodec() {}

    /** How many bytes {@link #write} puts for {@code t}. */
    public static int size(Tensor t) {
        int width = t.dtype() == Tensor.Dtype.INT64 ? Long.BYTES : Float.BYTES;
        return 1 + Integer.BYTES * (1 + t.shape().length) + width * t.numel();
    }

    /** Puts {@code t} at {@code out}'s position, which moves past it; {@code out} must have {@link #size} left. */
    public static void write(ByteBuffer out, Tensor t) {
        boolean int64 = t.dtype() == Tensor.Dtype.INT64;
        out.put(int64 ? INT64 : FLOAT32);
        int[] shape = t.shape();
        out.putInt(shape.length);
        for (int d : shape) {
            out.putInt(d);
        }
        ByteBuffer values = littleEndian(out, t.numel() * (int64 ? Long.BYTES : Float.BYTES));
        if (int64) {
            t.copyTo(values.asLongBuffer());
        } else {
            t.copyTo(values.asFloatBuffer());
        }
    }

    /**
     * The tensor at {@code in}'s position, which moves past it.
     *
     * @throws java.nio.BufferUnderflowException if the input ends inside the tensor's header
     * @throws IllegalArgumentException if the dtype is unknown or the shape negative or too large for the input
     */
    public static Tensor read(ByteBuffer in) {
        int bytesLeft = in.remaining();
        byte dtype = in.get();
        if (dtype != FLOAT32 && dtype != INT64) {
            throw new IllegalArgumentException(
                    "tensor dtype must be " + FLOAT32 + " (float32) or " + INT64 + " (int64), got " + dtype);
        }
        int rank = in.getInt();
        if (rank < 0 || rank > MAX_RANK) {
            throw new IllegalArgumentException("tensor rank must be 0 to " + MAX_RANK + ", got " + rank);
        }
        int[] shape = new int[rank];
        long numel = 1;
        int width = dtype == INT64 ? Long.BYTES : Float.BYTES;
        for (int i = 0; i < rank; i++) {
            shape[i] = in.getInt();
            if (shape[i] < 0) {
                throw new IllegalArgumentException("tensor dimension " + i + " is negative: " + shape[i]);
            }
            numel *= shape[i];
            if (numel * width > bytesLeft) { // checked as it grows: a product of ints can overflow a long
                throw doesNotFit(shape, bytesLeft);
            }
        }
        if (numel * width > in.remaining()) {
            throw doesNotFit(shape, bytesLeft);
        }
        ByteBuffer values = littleEndian(in, (int) numel * width);
        return dtype == INT64 ? Tensor.ofLongs(shape, values.asLongBuffer()) : Tensor.of(shape, values.asFloatBuffer());
    }

    private static IllegalArgumentException doesNotFit(int[] shape, int bytesLeft) {
        return new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape) + " does not fit in the "
                + bytesLeft + " bytes left of its message");
    }

    /** The next {@code length} bytes of {@code buffer} as a little-endian view; the buffer's position moves past them. */
    private static ByteBuffer littleEndian(ByteBuffer buffer, int length) {
        ByteBuffer view = buffer.slice(buffer.position(), length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(buffer.position() + length);
        return view;
    }
}
