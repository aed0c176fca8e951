package org.backpropgrader.reference;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * An immutable tensor, row-major, of any rank including 0 (shape {@code []}), with PyTorch's ops and
 * broadcasting. No op changes its inputs, so a student's code cannot corrupt the forward values it is given.
 *
 * <p>Its {@link #dtype()} is float32 (every value that is differentiated) or int64: index tensors such as
 * makemore's {@code Xb} and {@code Yb}, which hold exact whole numbers, are never differentiated and serve only to
 * pick, scatter and one-hot ({@link #index}, {@link #indexPut}, {@link #indexAdd}, {@link #oneHot},
 * {@link #crossEntropy}); they can be reshaped, printed and read ({@link #toLongArray()}), and arithmetic on them
 * throws (convert with {@link #toFloat()}, PyTorch's {@code .float()}). One type, as in PyTorch, so a forward
 * record's components are all {@code Tensor}s and an int64 value is never rounded through a float.
 *
 * <p>A notebook line becomes one Java line: {@code a * b} is {@code a.mul(b)}, {@code a @ b.T} is
 * {@code a.matmul(b.T())}, {@code a.sum(1, keepdim=True)} is {@code a.sum(1, true)}. Scalars are Java
 * {@code double}s cast to float32 before use, as PyTorch does with a Python float in a float32 op, so
 * {@code a.mul(2)}, {@code a.mul(2.0)} and {@code a.div(n)} all read naturally.
 *
 * <p>Ops record the graph that {@link Autograd} differentiates; the tensor itself has no {@code backward()}.
 */
public final class Tensor {
    /** The element types a tensor can hold. */
    public enum Dtype {
        FLOAT32("torch.float32"),
        INT64("torch.int64");

        private final String torchName;

        Dtype(String torchName) {
            this.torchName = torchName;
        }

        /** PyTorch's name, e.g. {@code torch.int64}, for messages. */
        @Override
        public String toString() {
            return torchName;
        }
    }

    private final int[] shape;
    /** The values of a float32 tensor; null for int64. */
    private final float[] data;
    /** The values of an int64 tensor; null for float32. */
    private final long[] longs;

    private final Function gradFn;

    /** Takes ownership of {@code data}: callers pass arrays nobody else writes to. */
    private Tensor(int[] shape, float[] data, Function gradFn) {
        this.shape = shape;
        this.data = data;
        this.longs = null;
        this.gradFn = gradFn;
    }

    /** An int64 tensor; takes ownership of {@code longs}. */
    private Tensor(int[] shape, long[] longs) {
        this.shape = shape;
        this.data = null;
        this.longs = longs;
        this.gradFn = null;
    }

    // ---------------------------------------------------------------- creation

    /** A tensor of the given shape holding {@code values} in row-major order (copied). */
    public static Tensor of(int[] shape, float... values) {
        int[] s = Shapes.validated(shape);
        if (Shapes.numel(s) != values.length) {
            throw new IllegalArgumentException(
                    "shape " + Shapes.format(s) + " is invalid for input of size " + values.length);
        }
        return new Tensor(s, values.clone(), null);
    }

    /**
     * A float32 tensor of the given shape whose values, in row-major order, are the next as many as the shape holds
     * of {@code values} (copied; the buffer's position moves past them): a tensor read off a byte buffer (the
     * grader's wire format) without a float[] in between.
     */
    public static Tensor of(int[] shape, FloatBuffer values) {
        int[] s = Shapes.validated(shape);
        float[] d = new float[numelWithin(s, values.remaining())];
        values.get(d);
        return new Tensor(s, d, null);
    }

    /** An int64 tensor of the given shape read off {@code values} as {@link #of(int[], FloatBuffer)} reads one of
     * float32. */
    public static Tensor ofLongs(int[] shape, LongBuffer values) {
        int[] s = Shapes.validated(shape);
        long[] v = new long[numelWithin(s, values.remaining())];
        values.get(v);
        return new Tensor(s, v);
    }

    /** How many values {@code shape} holds, if a buffer with {@code remaining} left has them all. */
    private static int numelWithin(int[] shape, int remaining) {
        int n = Shapes.numel(shape);
        if (remaining < n) {
            throw new IllegalArgumentException(
                    "shape " + Shapes.format(shape) + " needs " + n + " values, the buffer has " + remaining);
        }
        return n;
    }

    /** An int64 tensor of the given shape holding {@code values} in row-major order (copied), like
     * {@code torch.tensor(values, dtype=torch.int64)}. */
    public static Tensor ofLongs(int[] shape, long... values) {
        int[] s = Shapes.validated(shape);
        if (Shapes.numel(s) != values.length) {
            throw new IllegalArgumentException(
                    "shape " + Shapes.format(s) + " is invalid for input of size " + values.length);
        }
        return new Tensor(s, values.clone());
    }

    /** {@code torch.arange(n)}: the int64 tensor {@code [0, 1, ..., n-1]}, e.g. the {@code range(n)} of
     * {@code logprobs[range(n), Yb]}. */
    public static Tensor arange(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("arange: upper bound must be >= 0, got " + n);
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return new Tensor(new int[] {n}, v);
    }

    /** An int64 tensor over values the caller owns and never changes. */
    static Tensor longs(int[] shape, long[] values) {
        return new Tensor(shape, values);
    }

    /** A zero-dimensional tensor (shape {@code []}), like {@code torch.tensor(value)}. */
    public static Tensor scalar(double value) {
        return new Tensor(new int[0], new float[] {(float) value}, null);
    }

    public static Tensor full(int[] shape, double value) {
        int[] s = Shapes.validated(shape);
        float[] d = new float[Shapes.numel(s)];
        Arrays.fill(d, (float) value);
        return new Tensor(s, d, null);
    }

    public static Tensor zeros(int... shape) {
        return full(shape, 0);
    }

    public static Tensor ones(int... shape) {
        return full(shape, 1);
    }

    /** {@code torch.ones_like(a)}. */
    public static Tensor onesLike(Tensor a) {
        return full(a.shape, 1);
    }

    /** {@code torch.zeros_like(a)}. */
    public static Tensor zerosLike(Tensor a) {
        return full(a.shape, 0);
    }

    /**
     * {@code F.one_hot(indices, num_classes=n).float()} as a 0/1 float tensor of shape {@code indices.shape + [n]}.
     * The indices are an int64 tensor ({@code Yb}) or a float tensor of whole numbers, as
     * {@link #max(int, boolean)} returns them.
     */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        if (numClasses < 0) {
            throw new IllegalArgumentException("one_hot: num_classes must be >= 0, got " + numClasses);
        }
        int n = indices.numel();
        float[] d = new float[Math.multiplyExact(n, numClasses)];
        for (int i = 0; i < n; i++) {
            long k;
            if (indices.longs != null) {
                k = indices.longs[i];
            } else {
                float v = indices.data[i];
                k = (long) v;
                if (k != v) {
                    throw new IllegalArgumentException("one_hot: class values must be whole numbers in [0, "
                            + numClasses + "), got " + v + " at flat index " + i);
                }
            }
            if (k < 0 || k >= numClasses) {
                throw new IllegalArgumentException(
                        "one_hot: class values must be in [0, " + numClasses + "), got " + k + " at flat index " + i);
            }
            d[i * numClasses + (int) k] = 1f;
        }
        int[] s = Arrays.copyOf(indices.shape, indices.shape.length + 1);
        s[s.length - 1] = numClasses;
        return new Tensor(s, d, null);
    }

    /** A tensor made by an op: records {@code fn} in the graph only while autograd records. */
    static Tensor fromOp(int[] shape, float[] data, Function fn) {
        return new Tensor(shape, data, GraphRecording.isRecording() ? fn : null);
    }

    /** A graph-free tensor over these values, for ops that save their result for the backward pass. */
    static Tensor constant(int[] shape, float[] data) {
        return new Tensor(shape, data, null);
    }

    // ---------------------------------------------------------------- inspection

    /** {@code a.shape}, as a fresh array. */
    public int[] shape() {
        return shape.clone();
    }

    /** {@code a.shape[dim]}; negative dims count from the end. */
    public int size(int dim) {
        if (shape.length == 0) {
            throw new IndexOutOfBoundsException(
                    "size: dimension specified as " + dim + " but tensor has no dimensions");
        }
        return shape[Shapes.wrapDim("size", dim, shape.length)];
    }

    public int dim() {
        return shape.length;
    }

    public int numel() {
        return data != null ? data.length : longs.length;
    }

    /** {@code a.dtype}: float32, or int64 for an index tensor. */
    public Dtype dtype() {
        return data != null ? Dtype.FLOAT32 : Dtype.INT64;
    }

    /** Whether this is an int64 (index) tensor. */
    public boolean isIndex() {
        return longs != null;
    }

    /** The element at a multi-dimensional index of a float32 tensor. */
    public float get(int... index) {
        return floats("get")[flatIndex(index)];
    }

    /** The element at a multi-dimensional index of an int64 tensor. */
    public long getLong(int... index) {
        return longsOf("getLong")[flatIndex(index)];
    }

    private int flatIndex(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: expected " + shape.length + " indices for shape "
                    + Shapes.format(shape) + ", got " + index.length);
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int k = index[i];
            if (k < -shape[i] || k >= shape[i]) {
                throw new IndexOutOfBoundsException(
                        "index " + k + " is out of bounds for dimension " + i + " with size " + shape[i]);
            }
            flat = flat * shape[i] + (k < 0 ? k + shape[i] : k);
        }
        return flat;
    }

    /** {@code a.item()}: the value of a one-element tensor. */
    public float item() {
        float[] d = floats("item");
        if (d.length != 1) {
            throw new IllegalStateException("a Tensor with " + d.length + " elements cannot be converted to Scalar");
        }
        return d[0];
    }

    /** The values of a float32 tensor in row-major order, as a fresh array. */
    public float[] toFloatArray() {
        return floats("toFloatArray").clone();
    }

    /** The values of an int64 tensor in row-major order, as a fresh array. */
    public long[] toLongArray() {
        return longsOf("toLongArray").clone();
    }

    /**
     * {@code torch.equal(a, b)}: the same dtype, the same shape and every element equal as numbers, so {@code -0.0}
     * equals {@code 0.0} and a NaN equals nothing. Reads both tensors' values in place.
     */
    public boolean equal(Tensor other) {
        if (dtype() != other.dtype() || !Arrays.equals(shape, other.shape)) {
            return false;
        }
        if (longs != null) {
            return Arrays.equals(longs, other.longs);
        }
        float[] o = other.data;
        for (int i = 0; i < data.length; i++) {
            if (data[i] != o[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Puts the values of a float32 tensor, in row-major order, into {@code out} (its position moves past them):
     * {@link #toFloatArray()} without the fresh array.
     */
    public void copyTo(FloatBuffer out) {
        out.put(floats("copyTo"));
    }

    /** Puts the values of an int64 tensor, in row-major order, into {@code out} (its position moves past them). */
    public void copyTo(LongBuffer out) {
        out.put(longsOf("copyTo"));
    }

    /** {@code a.float()}: an int64 tensor's values as float32 (rounded to nearest), a float32 tensor itself. */
    public Tensor toFloat() {
        if (data != null) {
            return this;
        }
        float[] d = new float[longs.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = longs[i];
        }
        return new Tensor(shape, d, null);
    }

    int[] shapeRef() {
        return shape;
    }

    /** The float32 values every differentiable op reads; an int64 tensor here is a student's mix-up, said clearly. */
    float[] dataRef() {
        return floats(null);
    }

    /** The int64 values the index ops read. */
    long[] longsRef(String op) {
        return longsOf(op);
    }

    private float[] floats(String op) {
        if (data == null) {
            throw new IllegalArgumentException((op == null ? "" : op + ": ")
                    + "expected a float32 tensor but got an int64 (index) tensor of shape " + Shapes.format(shape)
                    + ": index tensors only pick, scatter and one-hot (index, indexPut, indexAdd, oneHot,"
                    + " crossEntropy); use toFloat() for their values as floats");
        }
        return data;
    }

    private long[] longsOf(String op) {
        if (longs == null) {
            throw new IllegalArgumentException(op + ": expected an int64 (index) tensor but got a float32 tensor of"
                    + " shape " + Shapes.format(shape));
        }
        return longs;
    }

    Function gradFn() {
        return gradFn;
    }

    // ---------------------------------------------------------------- elementwise, broadcasting

    /** {@code a + b}, broadcasting. */
    public Tensor add(Tensor other) {
        Tensor[] ab = Expand.toCommonShape("add", this, other);
        return Add.apply(ab[0], ab[1]);
    }

    /** {@code a - b}, broadcasting. */
    public Tensor sub(Tensor other) {
        Tensor[] ab = Expand.toCommonShape("sub", this, other);
        return Sub.apply(ab[0], ab[1]);
    }

    /** {@code a * b}, broadcasting. */
    public Tensor mul(Tensor other) {
        Tensor[] ab = Expand.toCommonShape("mul", this, other);
        return Mul.apply(ab[0], ab[1]);
    }

    /** {@code a / b}, broadcasting. */
    public Tensor div(Tensor other) {
        Tensor[] ab = Expand.toCommonShape("div", this, other);
        return Div.apply(ab[0], ab[1]);
    }

    /** {@code a + s}. */
    public Tensor add(double s) {
        return AddScalar.apply(this, (float) s);
    }

    /** {@code a - s}. */
    public Tensor sub(double s) {
        return AddScalar.apply(this, -(float) s);
    }

    /** {@code a * s}. */
    public Tensor mul(double s) {
        return MulScalar.apply(this, (float) s);
    }

    /** {@code a / s}. */
    public Tensor div(double s) {
        return DivScalar.apply(this, (float) s);
    }

    /** {@code s - a}. */
    public Tensor rsub(double s) {
        return RsubScalar.apply(this, (float) s);
    }

    /** {@code s / a}. */
    public Tensor rdiv(double s) {
        return RdivScalar.apply(this, (float) s);
    }

    /** {@code -a}. */
    public Tensor neg() {
        return Neg.apply(this);
    }

    /** {@code a ** p}. */
    public Tensor pow(double p) {
        return Pow.apply(this, (float) p);
    }

    public Tensor exp() {
        return Exp.apply(this);
    }

    /** The natural logarithm. */
    public Tensor log() {
        return Log.apply(this);
    }

    /** {@code torch.relu(a)}. */
    public Tensor relu() {
        return Relu.apply(this);
    }

    /** {@code torch.sigmoid(a)}. */
    public Tensor sigmoid() {
        return Sigmoid.apply(this);
    }

    /** {@code torch.tanh(a)}. */
    public Tensor tanh() {
        return Tanh.apply(this);
    }

    /** {@code torch.sqrt(a)}. */
    public Tensor sqrt() {
        return Sqrt.apply(this);
    }

    /** {@code (a > s).float()}: 1 where greater, else 0. Not differentiable, like a comparison in PyTorch. */
    public Tensor gt(double s) {
        float t = (float) s;
        float[] x = dataRef();
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] > t ? 1f : 0f;
        }
        return new Tensor(shape, out, null);
    }

    // ---------------------------------------------------------------- shape

    /** {@code a.T}: the transpose of a 2-D tensor; a 0-D or 1-D tensor is returned as it is. */
    public Tensor T() {
        if (shape.length < 2) {
            return this;
        }
        if (shape.length > 2) {
            throw new IllegalArgumentException(
                    "T: expected a tensor with <= 2 dimensions, but got " + Shapes.format(shape) + "; use reshape");
        }
        return Transpose.apply(this);
    }

    /** {@code a.reshape(shape)}; one dimension may be -1 and is then inferred. */
    public Tensor reshape(int... newShape) {
        int[] resolved = Reshape.infer(newShape, numel());
        if (longs != null) {
            return Arrays.equals(resolved, shape) ? this : new Tensor(resolved, longs);
        }
        return Reshape.apply(this, resolved);
    }

    /** {@code a.view(shape)}: the same as {@link #reshape}, since every tensor here is contiguous. */
    public Tensor view(int... newShape) {
        return reshape(newShape);
    }

    /** {@code a.expand(shape)}: repeats singleton dimensions (and adds leading ones) to reach {@code shape}. */
    public Tensor expand(int... newShape) {
        return Expand.apply(this, Shapes.validated(newShape));
    }

    /**
     * {@code a.sum_to_size(shape)}: sums over the dimensions that broadcasting to this tensor's shape would
     * have expanded. This is exactly the backward of broadcasting.
     */
    public Tensor sumToSize(int... target) {
        return Expand.sumTo(this, Shapes.validated(target));
    }

    // ---------------------------------------------------------------- reductions

    /** {@code a.sum()}: a 0-D tensor. */
    public Tensor sum() {
        return SumAll.apply(this);
    }

    /** {@code a.sum(dim)}. */
    public Tensor sum(int dim) {
        return SumDim.apply(this, Shapes.wrapDim("sum", dim, shape.length), false);
    }

    /** {@code a.sum(dim, keepdim=keepdim)}. */
    public Tensor sum(int dim, boolean keepdim) {
        return SumDim.apply(this, Shapes.wrapDim("sum", dim, shape.length), keepdim);
    }

    /** {@code a.mean()}: the sum divided by the element count, as PyTorch computes it. */
    public Tensor mean() {
        return sum().div(dataRef().length);
    }

    /** {@code a.mean(dim)}. */
    public Tensor mean(int dim) {
        return mean(dim, false);
    }

    /** {@code a.mean(dim, keepdim=keepdim)}. */
    public Tensor mean(int dim, boolean keepdim) {
        int d = Shapes.wrapDim("mean", dim, shape.length);
        return sum(d, keepdim).div(shape.length == 0 ? 1 : shape[d]);
    }

    /** {@code a.var(dim, keepdim=keepdim, unbiased=unbiased)}: divides by {@code n - 1} (Bessel's correction) when
     * unbiased, by {@code n} otherwise. */
    public Tensor var(int dim, boolean keepdim, boolean unbiased) {
        return Var.apply(this, Shapes.wrapDim("var", dim, shape.length), keepdim, unbiased ? 1 : 0);
    }

    /** {@code a.var(dim, keepdim=keepdim)}: unbiased, PyTorch's default. */
    public Tensor var(int dim, boolean keepdim) {
        return var(dim, keepdim, true);
    }

    /** {@code a.var(dim)}: unbiased, PyTorch's default. */
    public Tensor var(int dim) {
        return var(dim, false, true);
    }

    /** {@code F.softmax(a, dim)} (also {@code a.softmax(dim)}). */
    public Tensor softmax(int dim) {
        return Softmax.apply(this, Shapes.wrapDim("softmax", dim, shape.length));
    }

    /**
     * {@code F.cross_entropy(logits, target)}: the mean over the batch of {@code -log softmax(logits)} at each row's
     * target class. {@code logits} is [N, C], {@code target} an int64 tensor [N] of classes in [0, C).
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        return CrossEntropy.apply(logits, target);
    }

    /** {@code a.max(dim, keepdim=keepdim)}: the values and (as whole-number floats) their indices. */
    public MaxResult max(int dim, boolean keepdim) {
        return MaxDim.apply(this, Shapes.wrapDim("max", dim, shape.length), keepdim);
    }

    /** {@code a.max(dim)}. */
    public MaxResult max(int dim) {
        return max(dim, false);
    }

    /** The result of {@link #max(int, boolean)}, like PyTorch's {@code (values, indices)} named tuple. */
    public record MaxResult(Tensor values, Tensor indices) {}

    // ---------------------------------------------------------------- indexing with int64 tensors

    /**
     * Advanced indexing {@code a[i0, i1, ...]} with int64 index tensors for the leading dimensions: the index
     * tensors broadcast together to a shape B, and the result has shape {@code B + a.shape[k:]}. So {@code C[Xb]} is
     * {@code C.index(Xb)} (an embedding lookup, shape {@code Xb.shape + [n_embd]}) and
     * {@code logprobs[range(n), Yb]} is {@code logprobs.index(Tensor.arange(n), Yb)}. Negative indices count from
     * the end, as in PyTorch.
     */
    public Tensor index(Tensor... indices) {
        return Index.apply(this, indices);
    }

    /**
     * {@code torch.index_put(a, indices, values, accumulate)}, out of place: a copy of this tensor with
     * {@code values} (broadcast to the shape {@code a.index(indices)} has) written at the indexed positions, or added
     * to them when {@code accumulate}. Adding is in index order, so a position indexed twice receives both values:
     * {@code dC = Tensor.zerosLike(C).indexPut(List.of(Xb), demb, true)} is the embedding's backward.
     */
    public Tensor indexPut(java.util.List<Tensor> indices, Tensor values, boolean accumulate) {
        return IndexPut.apply(this, indices.toArray(new Tensor[0]), values, accumulate);
    }

    /**
     * {@code torch.index_add(a, dim, index, source)}, out of place: a copy of this tensor where, for each {@code i},
     * slice {@code source[..., i, ...]} (along {@code dim}) is added to slice {@code index[i]}; repeated indices
     * accumulate. The loop {@code for k, j: dC[Xb[k, j]] += demb[k, j]} is
     * {@code Tensor.zerosLike(C).indexAdd(0, Xb.view(-1), demb.view(-1, n_embd))}.
     *
     * @param index a one-dimensional int64 tensor
     * @param source this tensor's shape with dimension {@code dim} of size {@code index.numel()}
     */
    public Tensor indexAdd(int dim, Tensor index, Tensor source) {
        int d = Shapes.wrapDim("index_add", dim, shape.length);
        if (index.dim() > 1) {
            throw new IllegalArgumentException("index_add(): Index is supposed to be a vector, got shape "
                    + Shapes.format(index.shape) + "; flatten it with view(-1)");
        }
        index.longsRef("index_add(): index");
        int[] expected = shape.length == 0 ? new int[0] : shape.clone();
        if (shape.length > 0) {
            expected[d] = index.numel();
        }
        if (!Arrays.equals(expected, source.shape)) {
            throw new ShapeMismatchException(
                    "index_add",
                    source.shape,
                    expected,
                    "source must have the shape of" + " self with dimension " + d + " of the index's length "
                            + index.numel());
        }
        if (shape.length == 0) {
            return IndexPut.apply(this, new Tensor[0], source, true);
        }
        // Index the dimensions before dim with aranges shaped to broadcast against index: the positions B of
        // the index tensors are source's leading dimensions, so indexPut walks source in row-major order.
        Tensor[] indices = new Tensor[d + 1];
        for (int k = 0; k < d; k++) {
            int[] s = new int[d - k + 1];
            Arrays.fill(s, 1);
            s[0] = shape[k];
            indices[k] = arange(shape[k]).reshape(s);
        }
        indices[d] = index.reshape(-1);
        return IndexPut.apply(this, indices, source, true);
    }

    // ---------------------------------------------------------------- linear algebra

    /** {@code a @ b} for 2-D tensors. */
    public Tensor matmul(Tensor other) {
        return MatMul.apply(this, other);
    }

    // ---------------------------------------------------------------- text

    /** The values as PyTorch prints them, e.g. {@code tensor([[ 1.2800, -1.3693]])}. */
    @Override
    public String toString() {
        return longs != null ? TensorFormat.formatLongs(shape, longs) : TensorFormat.format(shape, data);
    }
}
