package org.backpropgrader.reference;

/** {@code a.T} of a 2-D tensor, materialised row-major. Backward: {@code t: self: grad.t()}. */
final class Transpose extends Function {
    private static final int TILE = 16;

    private Transpose(Tensor a) {
        super(a);
    }

    static Tensor apply(Tensor a) {
        int rows = a.shapeRef()[0];
        int cols = a.shapeRef()[1];
        float[] x = a.dataRef();
        float[] out = new float[x.length];
        // Tile by tile, so that the rows read and the rows written by one tile stay in the L1 cache.
        for (int i0 = 0; i0 < rows; i0 += TILE) {
            int i1 = Math.min(rows, i0 + TILE);
            for (int j0 = 0; j0 < cols; j0 += TILE) {
                int j1 = Math.min(cols, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        out[j * rows + i] = x[i * cols + j];
                    }
                }
            }
        }
        return Tensor.fromOp(new int[] {cols, rows}, out, new Transpose(a));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.T()};
    }
}
