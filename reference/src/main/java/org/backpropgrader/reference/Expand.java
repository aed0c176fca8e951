package org.backpropgrader.reference;

import java.util.Arrays;

/**
 * Broadcasting: repeats singleton dimensions (and prepends new ones) to reach a larger shape. Binary ops first
 * expand both operands to their common shape, so this is the one place where broadcasting is undone.
 * Backward: {@code expand: self: at::sum_to(grad, self.sym_sizes())}.
 */
final class Expand extends Function {
    private final int[] inputShape;

    private Expand(Tensor a) {
        super(a);
        this.inputShape = a.shapeRef();
    }

    /** Both operands expanded to their broadcast shape; an operand already of that shape is returned as is. */
    static Tensor[] toCommonShape(String op, Tensor a, Tensor b) {
        if (Arrays.equals(a.shapeRef(), b.shapeRef())) {
            return new Tensor[] {a, b};
        }
        int[] shape = Shapes.broadcast(op, a.shapeRef(), b.shapeRef());
        return new Tensor[] {apply(a, shape), apply(b, shape)};
    }

    static Tensor apply(Tensor a, int[] target) {
        int[] from = a.shapeRef();
        if (Arrays.equals(from, target)) {
            return a;
        }
        checkExpandable(from, target);
        int rank = target.length;
        int offset = rank - from.length;
        // Stride 0 along every expanded dimension: each output index reads the one input element it repeats.
        int[] inStrides = new int[rank];
        int[] fromStrides = Shapes.strides(from);
        for (int d = offset; d < rank; d++) {
            inStrides[d] = from[d - offset] == 1 ? 0 : fromStrides[d - offset];
        }
        // The last dimension is either the input's own (stride 1: a run of it is copied) or repeated (stride 0: one
        // value is filled along it); an odometer over the other dimensions finds where each run starts.
        float[] x = a.dataRef();
        float[] out = new float[Shapes.numel(target)];
        int run = target[rank - 1];
        boolean repeated = inStrides[rank - 1] == 0;
        int[] index = new int[rank - 1];
        int src = 0;
        for (int o = 0; o < out.length; o += run) {
            if (repeated) {
                Arrays.fill(out, o, o + run, x[src]);
            } else {
                System.arraycopy(x, src, out, o, run);
            }
            for (int d = rank - 2; d >= 0; d--) {
                if (++index[d] < target[d]) {
                    src += inStrides[d];
                    break;
                }
                src -= inStrides[d] * (target[d] - 1);
                index[d] = 0;
            }
        }
        return Tensor.fromOp(target, out, new Expand(a));
    }

    private static void checkExpandable(int[] from, int[] target) {
        if (target.length < from.length) {
            throw new ShapeMismatchException(
                    "expand",
                    from,
                    target,
                    "the number of sizes provided ("
                            + target.length + ") must be greater or equal to the number of dimensions in the tensor ("
                            + from.length + ")");
        }
        int offset = target.length - from.length;
        for (int d = 0; d < from.length; d++) {
            if (from[d] != 1 && from[d] != target[d + offset]) {
                throw new ShapeMismatchException(
                        "expand",
                        from,
                        target,
                        "The expanded size of the tensor ("
                                + target[d + offset] + ") must match the existing size (" + from[d]
                                + ") at non-singleton dimension " + (d + offset));
            }
        }
    }

    /**
     * Sums {@code grad} down to {@code target}, the shape it was expanded from: first over the leading
     * dimensions broadcasting added, then over each dimension it repeated, keeping that dimension. Uses the
     * public {@code sum}, so a student who writes {@code db = dlinear.sum(0)} gets the same bits.
     */
    static Tensor sumTo(Tensor grad, int[] target) {
        int[] shape = grad.shapeRef();
        if (Arrays.equals(shape, target)) {
            return grad;
        }
        if (target.length > shape.length) {
            throw new ShapeMismatchException(
                    "sum_to_size",
                    shape,
                    target,
                    "size " + Shapes.format(target) + " is not expandable to size " + Shapes.format(shape));
        }
        checkExpandable(target, shape);
        Tensor g = grad;
        for (int lead = shape.length - target.length; lead > 0; lead--) {
            g = g.sum(0);
        }
        for (int d = 0; d < target.length; d++) {
            if (target[d] == 1 && g.shapeRef()[d] != 1) {
                g = g.sum(d, true);
            }
        }
        return g;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {sumTo(grad, inputShape)};
    }
}
