package org.backpropgrader.reference;

/**
 * The arrays {@link MatMulKernel} copies {@code b}'s rows into and accumulates rows of {@code c} in, kept per thread
 * and reused from one product to the next.
 *
 * <h2>Why reuse them</h2>
 * Freshly allocated memory is cold: a new array's first writes miss every cache level. The row copies are a third
 * of what one {@code mlp-softmax-max} pass allocates (about 1 MB of 3.5); written into the arrays the previous
 * product used, they stay in the cache. Arrays for products larger than {@link #MAX_KEPT} floats are not kept, so a
 * thread holds at most that much.
 *
 * <h2>Why one padded length</h2>
 * The arrays are allocated one after another with a length that makes each array object a multiple of 64 bytes
 * (with HotSpot's 16-byte array header), so every row starts at the same offset within a cache line. C2 aligns its
 * vector loop to one of the arrays it reads and writes; rows at that same offset are then aligned too. Measured,
 * rows at mixed offsets (as rows of 200 floats, 816 bytes, fall when allocated one after another) make the loop 20
 * to 40% slower.
 *
 * <h2>Why they are replaced every {@value #REPLACE_EVERY} products</h2>
 * The common offset still decides how many scalar iterations C2's pre-loop (which reaches the aligned position) and
 * post-loop (which finishes the row) run in each pass: for rows of 300 floats 12 at six of the eight possible
 * offsets, 28 at the other two, which makes the product 30% slower. The allocator and the garbage collector choose
 * the offset, not this code: kept for good, one unlucky placement would slow every product of a run (E4 passes were
 * anywhere from 10% faster to 5% slower than with fresh arrays, run by run). Replaced every {@value #REPLACE_EVERY}
 * products, the time averages over placements while the arrays stay in the cache for the other products: 5 to 8%
 * less CPU on E4's pass than with fresh arrays, run after run.
 */
final class MatMulScratch {
    /** The most floats a thread keeps between products (4 MB). */
    private static final int MAX_KEPT = 1 << 20;

    /** Products served by one set of arrays before they are replaced by new ones. */
    static final int REPLACE_EVERY = 64;

    /**
     * A subclass, not {@code withInitial(MatMulScratch::new)}: the child JVM links no lambda (runner's
     * BackwardMethods).
     */
    private static final ThreadLocal<MatMulScratch> OF_THREAD = new ThreadLocal<>() {
        @Override
        protected MatMulScratch initialValue() {
            return new MatMulScratch();
        }
    };

    private float[][] arrays = new float[0][];
    private int length;
    private int served;

    private MatMulScratch() {}

    /** This thread's scratch arrays. */
    static MatMulScratch ofThisThread() {
        return OF_THREAD.get();
    }

    /**
     * At least {@code count} arrays of at least {@code n} floats each, with arbitrary contents: the kept ones when
     * they are large enough and have not served {@link #REPLACE_EVERY} products, else new ones (kept in their place
     * unless they exceed {@link #MAX_KEPT}).
     */
    float[][] arrays(int count, int n) {
        if (++served == REPLACE_EVERY) {
            served = 0;
            arrays = new float[0][];
            length = 0;
        }
        if (count <= arrays.length && n <= length) {
            return arrays;
        }
        int newLength = paddedLength(Math.max(n, length));
        float[][] fresh = new float[Math.max(count, arrays.length)][];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = new float[newLength];
        }
        if ((long) fresh.length * newLength <= MAX_KEPT) {
            arrays = fresh;
            length = newLength;
        }
        return fresh;
    }

    /** The least length >= n whose array object (16-byte header, 4 bytes a float) is a multiple of 64 bytes. */
    static int paddedLength(int n) {
        return n + Math.floorMod(12 - n, 16);
    }
}
