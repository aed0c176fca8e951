package org.backpropgrader.runner;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where the student's {@code System.out} and {@code System.err} go in the child: the first {@code cap} bytes are
 * kept (and handed to the grader piece by piece with each reply), the rest only counted. Printing 100 MB costs the
 * time to count it, never the memory to hold it.
 */
public final class CappedOutput extends OutputStream {
    private final long cap;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long kept;
    private long dropped;

    public CappedOutput(long cap) {
        this.cap = cap;
    }

    @Override
    public synchronized void write(int b) {
        if (kept < cap) {
            pending.write(b);
            kept++;
        } else {
            dropped++;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        int keep = (int) Math.min(len, cap - kept);
        if (keep > 0) {
            pending.write(b, off, keep);
            kept += keep;
        }
        dropped += len - Math.max(keep, 0);
    }

    /** What was kept since the last take (decoded as UTF-8), or null if nothing. */
    public synchronized String takeText() {
        if (pending.size() == 0) {
            return null;
        }
        String text = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return text;
    }

    /** How many bytes were dropped since the last take. */
    public synchronized long takeDropped() {
        long d = dropped;
        dropped = 0;
        return d;
    }
}
