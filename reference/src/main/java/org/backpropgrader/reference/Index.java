package org.backpropgrader.reference;

import java.util.Arrays;
import java.util.List;

/**
 * Advanced indexing {@code a[i0, ..., ik-1]} with int64 index tensors on the leading dimensions ({@code C[Xb]},
 * {@code logprobs[range(n), Yb]}). Backward: {@code index.Tensor: self: index_backward(grad.new_zeros(self.sizes()),
 * indices, grad)}, that is {@code zeros.index_put(indices, grad, accumulate=True)}: every picked element's gradient
 * is added back where it was picked from, so a row picked twice gets both.
 */
final class Index extends Function {
    private final int[] inputShape;
    private final Tensor[] indices;

    private Index(Tensor a, Tensor[] indices) {
        super(a);
        this.inputShape = a.shapeRef();
        this.indices = indices;
    }

    static Tensor apply(Tensor a, Tensor[] indices) {
        Positions p = Positions.of("index", a.shapeRef(), indices);
        float[] x = a.dataRef();
        float[] out = new float[p.offsets.length * p.inner];
        for (int i = 0; i < p.offsets.length; i++) {
            System.arraycopy(x, p.offsets[i], out, i * p.inner, p.inner);
        }
        return Tensor.fromOp(p.resultShape, out, new Index(a, indices.clone()));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {Tensor.zeros(inputShape).indexPut(List.of(indices), grad, true)};
    }

    /**
     * Where a list of index tensors points into a tensor: their broadcast shape, the shape of the indexed result,
     * and for each position of the broadcast shape (row-major) the flat offset of the slice it picks.
     */
    static final class Positions {
        final int[] resultShape;
        final int[] offsets;
        final int inner;

        private Positions(int[] resultShape, int[] offsets, int inner) {
            this.resultShape = resultShape;
            this.offsets = offsets;
            this.inner = inner;
        }

        static Positions of(String op, int[] shape, Tensor[] indices) {
            if (indices.length > shape.length) {
                throw new IndexOutOfBoundsException(op + ": too many indices for tensor of dimension " + shape.length
                        + " (got " + indices.length + ")");
            }
            int[] broadcast = new int[0];
            for (int k = 0; k < indices.length; k++) {
                if (indices[k] == null) {
                    throw new NullPointerException(op + ": index " + k + " is null");
                }
                indices[k].longsRef(op + ": index " + k);
                broadcast = Shapes.broadcast(op, broadcast, indices[k].shapeRef());
            }
            int inner = Shapes.numel(Arrays.copyOfRange(shape, indices.length, shape.length));
            int count = Shapes.numel(broadcast);
            int[] offsets = new int[count];
            for (int k = 0; k < indices.length; k++) {
                long[] idx = expanded(indices[k], broadcast);
                int size = shape[k];
                for (int i = 0; i < count; i++) {
                    long v = idx[i];
                    if (v < -size || v >= size) {
                        throw new IndexOutOfBoundsException(
                                op + ": index " + v + " is out of bounds for dimension " + k + " with size " + size);
                    }
                    offsets[i] = offsets[i] * size + (int) (v < 0 ? v + size : v);
                }
            }
            for (int i = 0; i < count; i++) {
                offsets[i] *= inner;
            }
            int[] result = new int[broadcast.length + shape.length - indices.length];
            System.arraycopy(broadcast, 0, result, 0, broadcast.length);
            System.arraycopy(shape, indices.length, result, broadcast.length, shape.length - indices.length);
            return new Positions(result, offsets, inner);
        }

        /** The index tensor's values repeated to the broadcast shape, row-major. */
        private static long[] expanded(Tensor index, int[] target) {
            int[] from = index.shapeRef();
            long[] src = index.longsRef("index");
            int rank = target.length;
            int offset = rank - from.length;
            int[] fromStrides = Shapes.strides(from);
            int[] strides = new int[rank];
            for (int d = offset; d < rank; d++) {
                strides[d] = from[d - offset] == 1 ? 0 : fromStrides[d - offset];
            }
            long[] out = new long[Shapes.numel(target)];
            int[] pos = new int[rank];
            for (int i = 0; i < out.length; i++) {
                int s = 0;
                for (int d = 0; d < rank; d++) {
                    s += pos[d] * strides[d];
                }
                out[i] = src[s];
                for (int d = rank - 1; d >= 0 && ++pos[d] == target[d]; d--) {
                    pos[d] = 0;
                }
            }
            return out;
        }
    }
}
