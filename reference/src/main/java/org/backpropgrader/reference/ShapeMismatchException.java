package org.backpropgrader.reference;

/**
 * An op was given tensors whose shapes do not fit together. Keeps the op and both shapes so that a report
 * can show them as data; the message uses PyTorch's wording, which students already know.
 */
public final class ShapeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String op;
    private final int[] first;
    private final int[] second;

    ShapeMismatchException(String op, int[] first, int[] second, String detail) {
        super(op + ": " + detail + " (shapes " + Shapes.format(first) + " and " + Shapes.format(second) + ")");
        this.op = op;
        this.first = first.clone();
        this.second = second.clone();
    }

    /** The op that rejected the shapes, e.g. {@code add} or {@code matmul}. */
    public String op() {
        return op;
    }

    public int[] firstShape() {
        return first.clone();
    }

    public int[] secondShape() {
        return second.clone();
    }
}
