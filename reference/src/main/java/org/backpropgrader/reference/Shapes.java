package org.backpropgrader.reference;

import java.util.Arrays;

/** Shape arithmetic shared by the ops: element counts, strides, broadcasting, PyTorch-style formatting. */
final class Shapes {
    private Shapes() {}

    /**
     * The element count, checked as it is multiplied so that no shape can overflow it (a zero dimension makes it 0
     * whatever the others are).
     */
    static int numel(int[] shape) {
        for (int d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        long n = 1;
        for (int d : shape) {
            n *= d; // both factors are below 2^31, so the long product cannot overflow before the check
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "shape " + format(shape) + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        return (int) n;
    }

    static int[] validated(int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "Trying to create tensor with negative dimension " + d + ": " + format(shape));
            }
        }
        return shape.clone();
    }

    /** Row-major strides of a contiguous tensor of this shape. */
    static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    /** Normalises a possibly negative dimension index, as PyTorch's {@code maybe_wrap_dim}. */
    static int wrapDim(String op, int dim, int rank) {
        int min = rank == 0 ? -1 : -rank;
        int max = rank == 0 ? 0 : rank - 1;
        if (dim < min || dim > max) {
            throw new IndexOutOfBoundsException(op + ": Dimension out of range (expected to be in range of [" + min
                    + ", " + max + "], but got " + dim + ")");
        }
        return dim < 0 ? dim + Math.max(rank, 1) : dim;
    }

    /**
     * The broadcast shape of {@code a} and {@code b}, aligning trailing dimensions as PyTorch does.
     *
     * @throws ShapeMismatchException in PyTorch's wording when a pair of sizes is neither equal nor 1
     */
    static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int da = i <= a.length ? a[a.length - i] : 1;
            int db = i <= b.length ? b[b.length - i] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new ShapeMismatchException(
                        op,
                        a,
                        b,
                        "The size of tensor a (" + da + ") must match the size of tensor b (" + db
                                + ") at non-singleton dimension " + (rank - i));
            }
            out[rank - i] = da == 1 ? db : da;
        }
        return out;
    }

    static String format(int[] shape) {
        return Arrays.toString(shape);
    }
}
