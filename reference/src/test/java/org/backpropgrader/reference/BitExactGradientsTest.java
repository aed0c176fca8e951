package org.backpropgrader.reference;

import static org.backpropgrader.reference.TensorAssertions.assertBitIdentical;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Note [Bit-exact float32] in {@link Autograd}: the textbook formula written with public ops gives autograd's
 * bits exactly (up to the sign of zero), which is what lets the grader report {@code EXACT}.
 */
class BitExactGradientsTest {
    private final Generator g = new Generator(20240611);

    @Test
    void expGradientIsResultTimesGrad() {
        Tensor x = g.randn(5, 7);
        Tensor grad = g.randn(5, 7);
        Tensor y = x.exp();
        assertBitIdentical(y.mul(grad), Autograd.gradients(y, grad, List.of(x)).get(0));
    }

    @Test
    void logGradientIsReciprocalTimesGrad() {
        Tensor x = g.rand(5, 7).add(0.01);
        Tensor grad = g.randn(5, 7);
        assertBitIdentical(
                x.rdiv(1).mul(grad),
                Autograd.gradients(x.log(), grad, List.of(x)).get(0));
    }

    @Test
    void sigmoidGradientIsYTimesOneMinusYTimesGrad() {
        Tensor x = g.randn(5, 7).mul(3);
        Tensor grad = g.randn(5, 7);
        Tensor y = x.sigmoid();
        assertBitIdentical(
                y.mul(y.rsub(1)).mul(grad),
                Autograd.gradients(y, grad, List.of(x)).get(0));
    }

    @Test
    void matmulGradientsAreGradTimesWTransposedAndXTransposedTimesGrad() {
        Tensor x = g.randn(13, 37);
        Tensor w = g.randn(37, 11);
        Tensor grad = g.randn(13, 11);
        List<Tensor> grads = Autograd.gradients(x.matmul(w), grad, List.of(x, w));
        assertBitIdentical(grad.matmul(w.T()), grads.get(0));
        assertBitIdentical(x.T().matmul(grad), grads.get(1));
    }

    @Test
    void meanOverRowsGradientIsOnesTimesOneOverN() {
        for (int n : new int[] {3, 6, 7, 100}) {
            Tensor x = g.randn(n, 4);
            Tensor mean = x.mean(0);
            assertBitIdentical(
                    Tensor.onesLike(x).mul(1.0 / n), Autograd.gradients(mean, x).get(0));
        }
    }

    @Test
    void broadcastBiasGradientIsGradSummedOverRows() {
        Tensor x = g.randn(9, 5);
        Tensor b = g.randn(5);
        Tensor grad = g.randn(9, 5);
        assertBitIdentical(
                grad.sum(0), Autograd.gradients(x.add(b), grad, List.of(b)).get(0));
    }
}
