package org.backpropgrader.runner;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.backpropgrader.reference.Tensor;

/**
 * A tensor on the wire: its shape, its dtype and the base64 of its values as little-endian bits, 4 bytes a float32
 * or 8 bytes an int64 (makemore's index tensors {@code Xb}, {@code Yb}). Exact (every bit of every float, NaN
 * payloads included, and every int64 survives), compact and fast to write and read.
 *
 * @param shape the tensor's shape ({@code []} for a zero-dimensional tensor)
 * @param data base64 of {@code numel * 4} (float32) or {@code numel * 8} (int64) bytes
 * @param dtype {@code "int64"} for an index tensor; absent ({@code null}) or {@code "float32"} for a float tensor,
 *     so that every float tensor's JSON is what it was before index tensors existed
 */
@SuppressWarnings("ArrayRecordComponent") // a Gson wire record, read through its constructor, never compared or hashed
public record WireTensor(int[] shape, String data, String dtype) {
    static final String INT64 = "int64";
    static final String FLOAT32 = "float32";

    /** A float32 tensor's wire form. */
    public WireTensor(int[] shape, String data) {
        this(shape, data, null);
    }

    public static WireTensor of(Tensor t) {
        if (t.dtype() == Tensor.Dtype.INT64) {
            long[] values = t.toLongArray();
            ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                bytes.putLong(v);
            }
            return new WireTensor(t.shape(), Base64.getEncoder().encodeToString(bytes.array()), INT64);
        }
        float[] values = t.toFloatArray();
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putInt(Float.floatToRawIntBits(v));
        }
        return new WireTensor(t.shape(), Base64.getEncoder().encodeToString(bytes.array()));
    }

    /**
     * The tensor this describes.
     *
     * @throws IllegalArgumentException if the dtype is unknown, the data is not base64 or does not hold exactly one
     *     value per element
     */
    public Tensor toTensor() {
        if (shape == null || data == null) {
            throw new IllegalArgumentException("a tensor needs a shape and data");
        }
        boolean int64 = INT64.equals(dtype);
        if (!int64 && dtype != null && !FLOAT32.equals(dtype)) {
            throw new IllegalArgumentException("tensor dtype must be \"float32\" or \"int64\", got \"" + dtype + "\"");
        }
        byte[] raw = Base64.getDecoder().decode(data);
        int width = int64 ? Long.BYTES : Float.BYTES;
        if (raw.length % width != 0) {
            throw new IllegalArgumentException("tensor data of " + raw.length + " bytes is not a whole number of "
                    + (int64 ? "int64s" : "floats"));
        }
        ByteBuffer bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (int64) {
            long[] values = new long[raw.length / Long.BYTES];
            for (int i = 0; i < values.length; i++) {
                values[i] = bytes.getLong();
            }
            return Tensor.ofLongs(shape, values);
        }
        float[] values = new float[raw.length / Float.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(bytes.getInt());
        }
        return Tensor.of(shape, values);
    }
}
