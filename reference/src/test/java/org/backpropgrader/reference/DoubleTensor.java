package org.backpropgrader.reference;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * An independent double-precision re-implementation of the engine's forward ops, for finite differences: the
 * same broadcasting rules written another way, no rounding to float32 between ops.
 */
record DoubleTensor(int[] shape, double[] data) {

    static DoubleTensor of(Tensor t) {
        float[] f = t.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return new DoubleTensor(t.shape(), d);
    }

    DoubleTensor copy() {
        return new DoubleTensor(shape.clone(), data.clone());
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    static int[] broadcastShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(
                        "not broadcastable: " + Arrays.toString(a) + " " + Arrays.toString(b));
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** For every element of {@code big} (row-major), the flat index of the element of {@code small} it repeats. */
    static int[] sourceIndex(int[] small, int[] big) {
        int n = numel(big);
        int[] src = new int[n];
        int lead = big.length - small.length;
        for (int flat = 0; flat < n; flat++) {
            int rest = flat;
            int[] idx = new int[big.length];
            for (int d = big.length - 1; d >= 0; d--) {
                idx[d] = rest % big[d];
                rest /= big[d];
            }
            int s = 0;
            for (int d = 0; d < small.length; d++) {
                s = s * small[d] + (small[d] == 1 ? 0 : idx[d + lead]);
            }
            src[flat] = s;
        }
        return src;
    }

    DoubleTensor expand(int[] target) {
        int[] src = sourceIndex(shape, target);
        double[] out = new double[src.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[src[i]];
        }
        return new DoubleTensor(target.clone(), out);
    }

    DoubleTensor sumTo(int[] target) {
        int[] src = sourceIndex(target, shape);
        double[] out = new double[numel(target)];
        for (int i = 0; i < data.length; i++) {
            out[src[i]] += data[i];
        }
        return new DoubleTensor(target.clone(), out);
    }

    DoubleTensor zip(DoubleTensor other, DoubleBinaryOperator op) {
        int[] s = broadcastShape(shape, other.shape);
        DoubleTensor a = expand(s);
        DoubleTensor b = other.expand(s);
        double[] out = new double[a.data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = op.applyAsDouble(a.data[i], b.data[i]);
        }
        return new DoubleTensor(s, out);
    }

    DoubleTensor map(DoubleUnaryOperator op) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = op.applyAsDouble(data[i]);
        }
        return new DoubleTensor(shape.clone(), out);
    }

    DoubleTensor matmul(DoubleTensor b) {
        int m = shape[0];
        int k = shape[1];
        int n = b.shape[1];
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    out[i * n + j] += data[i * k + p] * b.data[p * n + j];
                }
            }
        }
        return new DoubleTensor(new int[] {m, n}, out);
    }

    DoubleTensor transpose() {
        int r = shape[0];
        int c = shape[1];
        double[] out = new double[data.length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[j * r + i] = data[i * c + j];
            }
        }
        return new DoubleTensor(new int[] {c, r}, out);
    }

    DoubleTensor reshape(int[] newShape) {
        return new DoubleTensor(newShape.clone(), data.clone());
    }

    DoubleTensor sumAll() {
        double s = 0;
        for (double v : data) {
            s += v;
        }
        return new DoubleTensor(new int[0], new double[] {s});
    }

    /** Sum over {@code dim} (or, with {@code max}, the maximum). A 0-d tensor reduces to itself. */
    DoubleTensor reduce(int dim, boolean keepdim, boolean max) {
        if (shape.length == 0) {
            return copy();
        }
        int[] kept = shape.clone();
        kept[dim] = 1;
        int[] src = sourceIndex(kept, shape);
        double[] out = new double[numel(kept)];
        Arrays.fill(out, max ? Double.NEGATIVE_INFINITY : 0);
        for (int i = 0; i < data.length; i++) {
            out[src[i]] = max ? Math.max(out[src[i]], data[i]) : out[src[i]] + data[i];
        }
        int[] s = kept;
        if (!keepdim) {
            s = new int[shape.length - 1];
            for (int d = 0, j = 0; d < shape.length; d++) {
                if (d != dim) {
                    s[j++] = shape[d];
                }
            }
        }
        return new DoubleTensor(s, out);
    }

    DoubleTensor scale(double factor) {
        return map(v -> v * factor);
    }

    // ---------------------------------------------------------------- the makemore ops, written out naively

    /** The multi-index of a flat row-major position. */
    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    private static int ravel(int[] idx, int[] shape) {
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            flat = flat * shape[d] + idx[d];
        }
        return flat;
    }

    /** The broadcast shape of the index tensors and, per position, the multi-index of the leading dims it picks. */
    private int[][] picks(long[][] indices, int[][] indexShapes) {
        int[] b = broadcastOf(indexShapes);
        int n = numel(b);
        int[][] picked = new int[n][indices.length];
        for (int k = 0; k < indices.length; k++) {
            int[] src = sourceIndex(indexShapes[k], b);
            for (int p = 0; p < n; p++) {
                long v = indices[k][src[p]];
                picked[p][k] = (int) (v < 0 ? v + shape[k] : v);
            }
        }
        return picked;
    }

    /** {@code a[i0, ..., ik-1]}. */
    DoubleTensor index(long[][] indices, int[][] indexShapes) {
        int[][] picked = picks(indices, indexShapes);
        int[] b = broadcastOf(indexShapes);
        int[] rest = Arrays.copyOfRange(shape, indices.length, shape.length);
        int[] outShape = new int[b.length + rest.length];
        System.arraycopy(b, 0, outShape, 0, b.length);
        System.arraycopy(rest, 0, outShape, b.length, rest.length);
        double[] out = new double[numel(outShape)];
        for (int o = 0; o < out.length; o++) {
            int[] oi = unravel(o, outShape);
            int p = ravel(Arrays.copyOfRange(oi, 0, b.length), b);
            int[] si = new int[shape.length];
            for (int k = 0; k < indices.length; k++) {
                si[k] = picked[p][k];
            }
            for (int d = 0; d < rest.length; d++) {
                si[indices.length + d] = oi[b.length + d];
            }
            out[o] = data[ravel(si, shape)];
        }
        return new DoubleTensor(outShape, out);
    }

    private static int[] broadcastOf(int[][] shapes) {
        int[] b = new int[0];
        for (int[] s : shapes) {
            b = broadcastShape(b, s);
        }
        return b;
    }

    /** {@code index_put(self, indices, values, accumulate)}. */
    DoubleTensor indexPut(long[][] indices, int[][] indexShapes, DoubleTensor values, boolean accumulate) {
        DoubleTensor picked = index(indices, indexShapes); // only for its shape
        DoubleTensor v = values.expand(picked.shape);
        int[] b = broadcastOf(indexShapes);
        int[][] at = picks(indices, indexShapes);
        double[] out = data.clone();
        for (int o = 0; o < v.data.length; o++) {
            int[] oi = unravel(o, v.shape);
            int[] si = new int[shape.length];
            int p = ravel(Arrays.copyOfRange(oi, 0, b.length), b);
            for (int k = 0; k < indices.length; k++) {
                si[k] = at[p][k];
            }
            for (int d = indices.length; d < shape.length; d++) {
                si[d] = oi[b.length + d - indices.length];
            }
            int f = ravel(si, shape);
            out[f] = accumulate ? out[f] + v.data[o] : v.data[o];
        }
        return new DoubleTensor(shape.clone(), out);
    }

    /** {@code var(dim, keepdim, correction)}, two passes. */
    DoubleTensor var(int dim, boolean keepdim, int correction) {
        int n = shape[dim];
        DoubleTensor mean = reduce(dim, true, false).scale(1.0 / n);
        DoubleTensor sq = zip(mean, (x, m) -> (x - m) * (x - m));
        return sq.reduce(dim, keepdim, false).scale(1.0 / (n - correction));
    }

    /** {@code softmax(dim)} as exp over the sum of exps (no max shift needed in double on small inputs). */
    DoubleTensor softmax(int dim) {
        DoubleTensor e = map(Math::exp);
        return e.zip(e.reduce(dim, true, false), (x, s) -> x / s);
    }

    /** {@code cross_entropy(logits [N, C], target [N])}, mean reduction. */
    DoubleTensor crossEntropy(long[] target) {
        int n = shape[0];
        int c = shape[1];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < c; j++) {
                s += Math.exp(data[i * c + j]);
            }
            total += Math.log(s) - data[i * c + (int) target[i]];
        }
        return new DoubleTensor(new int[0], new double[] {total / n});
    }
}
