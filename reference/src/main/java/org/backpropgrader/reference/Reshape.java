package org.backpropgrader.reference;

/** {@code a.reshape(shape)}: the same values in the same row-major order. Backward: {@code grad.reshape(self.shape)}. */
final class Reshape extends Function {
    private final int[] inputShape;

    private Reshape(Tensor a) {
        super(a);
        this.inputShape = a.shapeRef();
    }

    static Tensor apply(Tensor a, int[] shape) {
        if (java.util.Arrays.equals(a.shapeRef(), shape)) {
            return a;
        }
        return Tensor.fromOp(shape, a.dataRef(), new Reshape(a));
    }

    /** The shape with its one {@code -1} (if any) inferred from the element count, checked against it. */
    static int[] infer(int[] requested, int numel) {
        int[] shape = requested.clone();
        int unknown = -1;
        long known = 1;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("reshape: only one dimension can be inferred");
                }
                unknown = d;
            } else if (shape[d] < 0) {
                throw new IllegalArgumentException("reshape: invalid shape dimension " + shape[d]);
            } else {
                known *= shape[d];
            }
        }
        if (unknown >= 0 && known != 0 && numel % known == 0) {
            shape[unknown] = (int) (numel / known);
            known *= shape[unknown];
        }
        if (known != numel || (unknown >= 0 && shape[unknown] < 0)) {
            throw new IllegalArgumentException(
                    "shape '" + Shapes.format(requested) + "' is invalid for input of size " + numel);
        }
        return shape;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.reshape(inputShape)};
    }
}
