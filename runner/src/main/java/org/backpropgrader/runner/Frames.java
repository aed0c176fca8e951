package org.backpropgrader.runner;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The protocol's framing: every message is a big-endian int length, then that many bytes. A length beyond
 * {@link #MAX_FRAME_BYTES} or below zero is garbage (a student who writes text to the raw standard output is
 * caught by it at once: four ASCII bytes read as a length are far beyond it).
 */
public final class Frames {
    /** Larger frames are garbage: the largest legitimate one (forward values of makemore) is about 1 MB. */
    public static final int MAX_FRAME_BYTES = 32 << 20;

    private Frames() {}

    public static void write(OutputStream out, byte[] payload) throws IOException {
        out.write(new byte[] {
            (byte) (payload.length >>> 24),
            (byte) (payload.length >>> 16),
            (byte) (payload.length >>> 8),
            (byte) payload.length
        });
        out.write(payload);
        out.flush();
    }

    /**
     * The next frame's payload, or null at a clean end of input (before a frame's first byte).
     *
     * @throws EOFException if the input ends inside a frame
     * @throws TooLargeException if the length is negative or beyond {@link #MAX_FRAME_BYTES}
     */
    public static byte[] read(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int length =
                (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new TooLargeException(length);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    /** A frame whose length no legitimate message has. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(int length) {
            super("a frame of " + Integer.toUnsignedString(length) + " bytes (at most " + MAX_FRAME_BYTES
                    + " are legitimate)");
        }
    }
}
