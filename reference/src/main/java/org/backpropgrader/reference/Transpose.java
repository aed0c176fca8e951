package org.backpropgrader.reference;

/** {@code a.T} of a 2-D tensor, materialised row-major. Backward: {@code t: self: grad.t()}. */
final class Transpose extends Function {
    private Transpose(Tensor a) {
        super(a);
    }

    static Tensor apply(Tensor a) {
        int rows = a.shapeRef()[0];
        int cols = a.shapeRef()[1];
        float[] x = a.dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = x[i * cols + j];
            }
        }
        return Tensor.fromOp(new int[] {cols, rows}, out, new Transpose(a));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.T()};
    }
}
