package org.backpropgrader.reference;

import java.util.Arrays;

/**
 * An immutable float32 tensor, row-major, of any rank including 0 (shape {@code []}), with PyTorch's ops and
 * broadcasting. No op changes its inputs, so a student's code cannot corrupt the forward values it is given.
 *
 * <p>A notebook line becomes one Java line: {@code a * b} is {@code a.mul(b)}, {@code a @ b.T} is
 * {@code a.matmul(b.T())}, {@code a.sum(1, keepdim=True)} is {@code a.sum(1, true)}. Scalars are Java
 * {@code double}s cast to float32 before use, as PyTorch does with a Python float in a float32 op, so
 * {@code a.mul(2)}, {@code a.mul(2.0)} and {@code a.div(n)} all read naturally.
 *
 * <p>Ops record the graph that {@link Autograd} differentiates; the tensor itself has no {@code backward()}.
 */
public final class Tensor {
    private final int[] shape;
    private final float[] data;
    private final Function gradFn;

    /** Takes ownership of {@code data}: callers pass arrays nobody else writes to. */
    private Tensor(int[] shape, float[] data, Function gradFn) {
        this.shape = shape;
        this.data = data;
        this.gradFn = gradFn;
    }

    // ---------------------------------------------------------------- creation

    /** A tensor of the given shape holding {@code values} in row-major order (copied). */
    public static Tensor of(int[] shape, float... values) {
        int[] s = Shapes.validated(shape);
        if (Shapes.numel(s) != values.length) {
            throw new IllegalArgumentException("shape " + Shapes.format(s) + " is invalid for input of size "
                    + values.length);
        }
        return new Tensor(s, values.clone(), null);
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
     * {@code F.one_hot(indices, num_classes=n)} as a 0/1 float tensor of shape {@code indices.shape + [n]}.
     * The indices are a float tensor of whole numbers, as {@link #max(int, boolean)} returns them.
     */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        int n = indices.data.length;
        float[] d = new float[n * numClasses];
        for (int i = 0; i < n; i++) {
            float v = indices.data[i];
            int k = (int) v;
            if (k != v || k < 0 || k >= numClasses) {
                throw new IllegalArgumentException("one_hot: class values must be whole numbers in [0, "
                        + numClasses + "), got " + v + " at flat index " + i);
            }
            d[i * numClasses + k] = 1f;
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
            throw new IndexOutOfBoundsException("size: dimension specified as " + dim
                    + " but tensor has no dimensions");
        }
        return shape[Shapes.wrapDim("size", dim, shape.length)];
    }

    public int dim() {
        return shape.length;
    }

    public int numel() {
        return data.length;
    }

    /** The element at a multi-dimensional index. */
    public float get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: expected " + shape.length + " indices for shape "
                    + Shapes.format(shape) + ", got " + index.length);
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int k = index[i];
            if (k < -shape[i] || k >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + k + " is out of bounds for dimension " + i
                        + " with size " + shape[i]);
            }
            flat = flat * shape[i] + (k < 0 ? k + shape[i] : k);
        }
        return data[flat];
    }

    /** {@code a.item()}: the value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("a Tensor with " + data.length
                    + " elements cannot be converted to Scalar");
        }
        return data[0];
    }

    /** The values in row-major order, as a fresh array. */
    public float[] toFloatArray() {
        return data.clone();
    }

    int[] shapeRef() {
        return shape;
    }

    float[] dataRef() {
        return data;
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

    /** {@code (a > s).float()}: 1 where greater, else 0. Not differentiable, like a comparison in PyTorch. */
    public Tensor gt(double s) {
        float t = (float) s;
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] > t ? 1f : 0f;
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
            throw new IllegalArgumentException("T: expected a tensor with <= 2 dimensions, but got "
                    + Shapes.format(shape) + "; use reshape");
        }
        return Transpose.apply(this);
    }

    /** {@code a.reshape(shape)}; one dimension may be -1 and is then inferred. */
    public Tensor reshape(int... newShape) {
        return Reshape.apply(this, Reshape.infer(newShape, data.length));
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
        return sum().div(data.length);
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

    // ---------------------------------------------------------------- linear algebra

    /** {@code a @ b} for 2-D tensors. */
    public Tensor matmul(Tensor other) {
        return MatMul.apply(this, other);
    }

    // ---------------------------------------------------------------- text

    /** The values as PyTorch prints them, e.g. {@code tensor([[ 1.2800, -1.3693]])}. */
    @Override
    public String toString() {
        return TensorFormat.format(shape, data);
    }
}
