package org.backpropgrader.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.backpropgrader.reference.Autograd;
import org.backpropgrader.reference.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The largest product of {@code mlp-softmax-max}, 100×200 @ 200×300 (12 MFLOP): the engine's kernel (through
 * {@code Tensor.matmul} with no graph recorded, so nothing but the kernel and one allocation), the kernel it
 * replaced, and the textbook loop. All three give the same bits (Note [Matmul summation order]).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Threads(1)
public class MatMulProduct {
    static final int M = 100;
    static final int K = 200;
    static final int N = 300;

    private float[] a;
    private float[] b;
    private Tensor ta;
    private Tensor tb;

    @Setup
    public void draw() {
        Random random = new Random(2);
        a = MlpForwardBackward.gaussian(random, M * K);
        b = MlpForwardBackward.gaussian(random, K * N);
        ta = Tensor.of(new int[] {M, K}, a);
        tb = Tensor.of(new int[] {K, N}, b);
    }

    @Benchmark
    @SuppressWarnings("try") // the NoGrad resource is a scope guard: what it does is enter and leave the scope
    public Tensor engineKernel() {
        try (Autograd.NoGrad scope = Autograd.noGrad()) {
            return ta.matmul(tb);
        }
    }

    @Benchmark
    public float[] previousKernel() {
        return MatMulShapes.previousKernel(a, b, M, K, N);
    }

    @Benchmark
    public float[] textbookLoop() {
        return MatMulShapes.textbook(a, b, M, K, N);
    }
}
