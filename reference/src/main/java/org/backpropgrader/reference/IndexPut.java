package org.backpropgrader.reference;

import java.util.List;

/**
 * {@code torch.index_put(self, indices, values, accumulate)}, out of place. With {@code accumulate} the values are
 * added one at a time in float32, in row-major order of the indexed positions, as PyTorch's CPU kernel does
 * serially; so {@code zeros.indexPut([Xb], demb, true)}, {@code zeros.indexAdd(0, Xb.view(-1), demb.view(-1, D))} and
 * a loop {@code dC[Xb[k, j]] += demb[k, j]} give the same bits. Without it, a position indexed twice keeps the last
 * value.
 * Backward: {@code index_put: self: accumulate ? grad : grad.index_put(indices, zeros_like(values), false);
 * values: grad.index(indices)} (summed back to the values' shape by the broadcast's own backward).
 */
final class IndexPut extends Function {
    private final Tensor[] indices;
    private final boolean accumulate;

    private IndexPut(Tensor self, Tensor values, Tensor[] indices, boolean accumulate) {
        super(self, values);
        this.indices = indices;
        this.accumulate = accumulate;
    }

    static Tensor apply(Tensor self, Tensor[] indices, Tensor values, boolean accumulate) {
        Index.Positions p = Index.Positions.of("index_put", self.shapeRef(), indices);
        Tensor v = values.expand(p.resultShape);
        float[] out = self.dataRef().clone();
        float[] src = v.dataRef();
        int inner = p.inner;
        for (int i = 0; i < p.offsets.length; i++) {
            int dst = p.offsets[i];
            for (int j = 0; j < inner; j++) {
                out[dst + j] = accumulate ? out[dst + j] + src[i * inner + j] : src[i * inner + j];
            }
        }
        return Tensor.fromOp(self.shapeRef(), out, new IndexPut(self, v, indices.clone(), accumulate));
    }

    @Override
    Tensor[] backward(Tensor grad) {
        Tensor self = accumulate ? grad : grad.indexPut(List.of(indices), Tensor.zeros(), false);
        Tensor values = grad.index(indices);
        return new Tensor[] {self, values};
    }
}
