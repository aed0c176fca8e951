package org.backpropgrader.runner;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.backpropgrader.reference.Tensor;

/**
 * A tensor on the wire: its shape and the base64 of its values as little-endian float32 bits. Exact (every bit of
 * every float, NaN payloads included, survives), compact (4 bytes a value before base64, where decimal text takes up
 * to 15) and fast to write and read.
 *
 * @param shape the tensor's shape ({@code []} for a zero-dimensional tensor)
 * @param data base64 of {@code numel * 4} bytes
 */
public record WireTensor(int[] shape, String data) {

    public static WireTensor of(Tensor t) {
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
     * @throws IllegalArgumentException if the data is not base64 or does not hold exactly one float per element
     */
    public Tensor toTensor() {
        if (shape == null || data == null) {
            throw new IllegalArgumentException("a tensor needs a shape and data");
        }
        byte[] raw = Base64.getDecoder().decode(data);
        if (raw.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("tensor data of " + raw.length + " bytes is not a whole number of floats");
        }
        ByteBuffer bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[raw.length / Float.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(bytes.getInt());
        }
        return Tensor.of(shape, values);
    }
}
