package org.backpropgrader.grader.load;

/**
 * What the loader reads from a submission at most, so that a hostile zip or jar cannot fill the disk or the heap.
 * Bytes are counted as they are inflated, never taken from the zip's headers.
 *
 * @param maxTotalBytes     uncompressed bytes of all the files read from one submission
 * @param maxEntries        entries in a zip or jar, files in a directory
 * @param ratioCheckBytes   an entry bigger than this, uncompressed, must not exceed {@code maxRatio}
 * @param maxRatio          uncompressed : compressed size above which an entry counts as a zip bomb
 */
record Limits(long maxTotalBytes, int maxEntries, long ratioCheckBytes, int maxRatio) {
    static final Limits DEFAULT = new Limits(64L << 20, 10_000, 1L << 20, 200);
}
