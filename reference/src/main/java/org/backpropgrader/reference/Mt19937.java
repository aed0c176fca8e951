package org.backpropgrader.reference;

/**
 * The MT19937 engine exactly as PyTorch's CPU generator runs it (spec torch-rng.md §1).
 *
 * <p>Words are kept in {@code int} and every right shift is {@code >>>}, so all arithmetic wraps
 * modulo 2^32 as the uint32 reference does (§10.1).
 */
final class Mt19937 {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908B0DF;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7FFFFFFF;

    private final int[] mt = new int[N];
    private int next;
    private int left;

    Mt19937(int seed) {
        seed(seed);
    }

    /** Standard {@code init_genrand}; {@code left = 1} makes the first draw regenerate the block. */
    void seed(int seed) {
        mt[0] = seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        left = 1;
        next = 0;
    }

    /** One tempered uint32 output, returned as the bits of an {@code int}. */
    int nextInt() {
        if (--left == 0) {
            twist();
        }
        int y = mt[next++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        y ^= y >>> 18;
        return y;
    }

    /**
     * Regenerates the block in place, in index order: later indices see words that were already
     * replaced (i+1 wraps to the new mt[0], i+397 to new words), which is what the reference does.
     */
    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & UPPER_MASK) | (mt[(i + 1) % N] & LOWER_MASK);
            mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        left = N;
        next = 0;
    }
}
