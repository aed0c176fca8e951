package org.backpropgrader.bench;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.backpropgrader.exercises.mlpsoftmaxmax.MlpSoftmaxMax;
import org.backpropgrader.exercises.mlpsoftmaxmax.MlpSoftmaxMaxForward;
import org.backpropgrader.reference.Autograd;
import org.backpropgrader.reference.Generator;
import org.backpropgrader.reference.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the grader does per exercise and seed, for its largest exercise: the {@code mlp-softmax-max} forward graph
 * (seed 111111) and autograd's gradients of all 18 checked tensors. The baseline, measured in the same run, is
 * only the matrix arithmetic of that pass (its nine products, 55.2 MFLOP) done with the textbook triple loop.
 * {@code bench/torch_mlp.py} times PyTorch on the same graph, shapes and seed; {@code Report} prints the ratio.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Threads(1)
public class MlpForwardBackward {
    private Tensor X;
    private Tensor W1;
    private Tensor b1;
    private Tensor W2;
    private Tensor b2;
    private Tensor W3;
    private Tensor b3;
    private float[][] left;
    private float[][] right;

    @Setup
    public void drawLeaves() {
        MlpSoftmaxMaxForward f = MlpSoftmaxMax.forward(new Generator(111111));
        X = f.X();
        W1 = f.W1();
        b1 = f.b1();
        W2 = f.W2();
        b2 = f.b2();
        W3 = f.W3();
        b3 = f.b3();
        Random random = new Random(1);
        left = new float[MatMulShapes.MLP.length][];
        right = new float[MatMulShapes.MLP.length][];
        for (int s = 0; s < MatMulShapes.MLP.length; s++) {
            int[] shape = MatMulShapes.MLP[s];
            left[s] = gaussian(random, shape[0] * shape[1]);
            right[s] = gaussian(random, shape[1] * shape[2]);
        }
    }

    /** MlpSoftmaxMax's forward graph on the pre-drawn leaves. */
    private MlpSoftmaxMaxForward forward() {
        return MlpSoftmaxMax.forward(X, W1, b1, W2, b2, W3, b3);
    }

    @Benchmark
    public List<Tensor> forwardAndAutograd() {
        MlpSoftmaxMaxForward f = forward();
        return Autograd.gradients(
                f.loss(),
                f.logits(),
                f.outputs(),
                f.probs(),
                f.h3_sum_inv(),
                f.h3_sum(),
                f.h3(),
                f.h3_preact(),
                f.h2(),
                f.W3(),
                f.b3(),
                f.h2_preact(),
                f.h1(),
                f.W2(),
                f.b2(),
                f.h1_preact(),
                f.X(),
                f.W1(),
                f.b1());
    }

    /**
     * The same pass in a JVM that compiles with C1 only, as the grader's child JVM does ({@code
     * -XX:TieredStopAtLevel=1}): the speed of the engine's ops when a student's own backward calls them there.
     */
    @Benchmark
    @Fork(jvmArgsAppend = "-XX:TieredStopAtLevel=1")
    public List<Tensor> forwardAndAutogradC1Only() {
        return forwardAndAutograd();
    }

    @Benchmark
    public void baselineTextbookMatmuls(Blackhole bh) {
        for (int s = 0; s < MatMulShapes.MLP.length; s++) {
            int[] shape = MatMulShapes.MLP[s];
            bh.consume(MatMulShapes.textbook(left[s], right[s], shape[0], shape[1], shape[2]));
        }
    }

    static float[] gaussian(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
