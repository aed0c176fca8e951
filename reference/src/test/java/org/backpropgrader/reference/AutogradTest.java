package org.backpropgrader.reference;

import static org.backpropgrader.reference.TensorAssertions.assertBitIdentical;
import static org.backpropgrader.reference.TensorAssertions.assertTensor;
import static org.backpropgrader.reference.TensorAssertions.shape;
import static org.backpropgrader.reference.TensorAssertions.t;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link Autograd#gradients}: what it differentiates, how it seeds, sums and un-broadcasts. */
class AutogradTest {

    @Nested
    class LeavesAndIntermediates {
        @Test
        void gradientsOfLeavesAndOfAnIntermediate() {
            Tensor x = t(shape(3), 1, 2, 3);
            Tensor w = t(shape(3), 4, 5, 6);
            Tensor y = x.mul(w);
            Tensor z = y.sum();
            List<Tensor> g = Autograd.gradients(z, x, w, y, z);
            assertTensor(shape(3), new float[] {4, 5, 6}, g.get(0));
            assertTensor(shape(3), new float[] {1, 2, 3}, g.get(1));
            assertTensor(shape(3), new float[] {1, 1, 1}, g.get(2));
            assertTensor(shape(), new float[] {1}, g.get(3));
        }

        @Test
        void chainRuleThroughSeveralOps() {
            Tensor x = t(shape(2), 1, 2);
            Tensor loss = x.mul(3).add(1).pow(2).mean(); // mean((3x + 1)^2), d/dx = 3 * (3x + 1)
            assertTensor(
                    shape(2), new float[] {12, 21}, Autograd.gradients(loss, x).get(0));
        }
    }

    @Nested
    class Accumulation {
        @Test
        void tensorMultipliedByItselfGetsBothContributions() {
            Tensor x = t(shape(3), 1, -2, 3);
            assertTensor(
                    shape(3),
                    new float[] {2, -4, 6},
                    Autograd.gradients(x.mul(x).sum(), x).get(0));
        }

        @Test
        void tensorWithTwoConsumersGetsTheSumOfBothGradients() {
            Tensor x = t(shape(2), 0, 1);
            Tensor loss = x.exp().add(x.mul(2)).sum(); // d/dx = exp(x) + 2
            assertTensor(
                    shape(2),
                    new float[] {3, (float) Math.E + 2},
                    Autograd.gradients(loss, x).get(0));
        }

        @Test
        void intermediateUsedTwiceAccumulatesBeforeFlowingFurther() {
            Tensor x = t(shape(1), 2);
            Tensor y = x.mul(3);
            Tensor loss = y.mul(y).add(y).sum(); // y^2 + y, dy = 2y + 1 = 13, dx = 39
            List<Tensor> g = Autograd.gradients(loss, y, x);
            assertTensor(shape(1), new float[] {13}, g.get(0));
            assertTensor(shape(1), new float[] {39}, g.get(1));
        }
    }

    @Nested
    class Seeding {
        @Test
        void tensorTheOutputDoesNotDependOnGetsZerosOfItsShape() {
            Tensor x = t(shape(2), 1, 2);
            Tensor unrelated = Tensor.ones(2, 3);
            assertTensor(
                    shape(2, 3),
                    new float[6],
                    Autograd.gradients(x.sum(), unrelated).get(0));
        }

        @Test
        void gradOutputSeedsTheBackwardPass() {
            Tensor x = t(shape(2, 2), 1, 2, 3, 4);
            Tensor seed = t(shape(2, 2), 1, 10, 100, 1000);
            assertTensor(
                    shape(2, 2),
                    new float[] {3, 30, 300, 3000},
                    Autograd.gradients(x.mul(3), seed, List.of(x)).get(0));
        }

        @Test
        void defaultSeedIsOnesShapedLikeTheOutput() {
            Tensor x = t(shape(2), 1, 2);
            assertTensor(
                    shape(2),
                    new float[] {2, 2},
                    Autograd.gradients(x.mul(2), x).get(0));
        }

        @Test
        void gradOutputOfTheWrongShapeIsRejected() {
            Tensor x = t(shape(2), 1, 2);
            assertThrows(
                    ShapeMismatchException.class, () -> Autograd.gradients(x.mul(2), Tensor.ones(1, 2), List.of(x)));
        }

        @Test
        @SuppressWarnings("try") // the NoGrad resource is a scope guard: what it does is enter and leave the scope
        void opsInsideNoGradRecordNoGraph() {
            Tensor x = t(shape(2), 1, 2);
            Tensor y;
            try (Autograd.NoGrad scope = Autograd.noGrad()) {
                y = x.mul(2);
            }
            assertTensor(shape(2), new float[] {0, 0}, Autograd.gradients(y, x).get(0));
            assertTensor(
                    shape(2),
                    new float[] {2, 2},
                    Autograd.gradients(x.mul(2), x).get(0));
        }
    }

    @Nested
    class DeepGraphs {
        @Test
        void chainOfTenThousandOpsDoesNotOverflowASmallStack() throws InterruptedException {
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread worker = new Thread(
                    null,
                    () -> {
                        try {
                            Tensor x = t(shape(2), 1, 2);
                            Tensor y = x;
                            for (int i = 0; i < 10_000; i++) {
                                y = i % 2 == 0 ? y.add(1) : y.mul(1);
                            }
                            outcome.set(Autograd.gradients(y.sum(), x).get(0));
                        } catch (Throwable e) {
                            outcome.set(e);
                        }
                    },
                    "small-stack",
                    256 * 1024);
            worker.start();
            worker.join();
            if (outcome.get() instanceof Throwable) {
                throw new AssertionError("backward pass failed", (Throwable) outcome.get());
            }
            assertTensor(shape(2), new float[] {1, 1}, (Tensor) outcome.get());
        }
    }

    @Nested
    class BroadcastingBackward {
        @Test
        void biasAddedToEveryRowGetsTheColumnSumsOfTheGradient() {
            Generator g = new Generator(3);
            Tensor x = g.randn(4, 3);
            Tensor b = g.randn(3);
            Tensor grad = g.randn(4, 3);
            List<Tensor> grads = Autograd.gradients(x.add(b), grad, List.of(x, b));
            assertBitIdentical(grad, grads.get(0));
            assertBitIdentical(grad.sum(0), grads.get(1));
        }

        @Test
        void columnOperandOfAProductSumsOverRows() {
            Tensor col = t(shape(2, 1), 1, 2);
            Tensor row = t(shape(1, 3), 3, 4, 5);
            List<Tensor> g = Autograd.gradients(col.mul(row).sum(), col, row);
            assertTensor(shape(2, 1), new float[] {12, 12}, g.get(0));
            assertTensor(shape(1, 3), new float[] {3, 3, 3}, g.get(1));
        }

        @Test
        void zeroDimensionalOperandSumsEverything() {
            Tensor s = Tensor.scalar(2);
            Tensor x = t(shape(2, 2), 1, 2, 3, 4);
            assertTensor(
                    shape(),
                    new float[] {10},
                    Autograd.gradients(x.mul(s).sum(), s).get(0));
        }
    }

    @Nested
    class SelectingOps {
        @Test
        void maxSendsTheGradientToTheFirstMaximumOnly() {
            Tensor x = t(shape(2, 3), 1, 3, 3, 5, 2, 5);
            assertTensor(
                    shape(2, 3),
                    new float[] {0, 1, 0, 1, 0, 0},
                    Autograd.gradients(x.max(1).values().sum(), x).get(0));
        }

        @Test
        void maxWithKeepdimBackward() {
            Tensor x = t(shape(2, 2), 1, 2, 4, 3);
            Tensor seed = t(shape(2, 1), 10, 20);
            assertTensor(
                    shape(2, 2),
                    new float[] {0, 10, 20, 0},
                    Autograd.gradients(x.max(1, true).values(), seed, List.of(x))
                            .get(0));
        }

        @Test
        void reluPassesGradientOnlyWherePositive() {
            Tensor x = t(shape(3), -1, 0, 2);
            assertTensor(
                    shape(3),
                    new float[] {0, 0, 1},
                    Autograd.gradients(x.relu().sum(), x).get(0));
        }
    }

    @Test
    void autogradIsOnByDefault() {
        assertTrue(Autograd.isEnabled());
    }
}
