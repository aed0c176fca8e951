package org.backpropgrader.reference;

import static org.backpropgrader.reference.TensorAssertions.assertTensor;
import static org.backpropgrader.reference.TensorAssertions.shape;
import static org.backpropgrader.reference.TensorAssertions.t;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Forward values of every op on tiny tensors, computed by hand. */
class TensorOpsTest {
    private static final float NAN = Float.NaN;

    /** [[1, 2, 3], [4, 5, 6]]. */
    private static Tensor m23() {
        return t(shape(2, 3), 1, 2, 3, 4, 5, 6);
    }

    @Nested
    class Broadcasting {
        @Test
        void matrixPlusRowVectorAddsTheRowToEveryRow() {
            assertTensor(shape(2, 3), new float[] {11, 22, 33, 14, 25, 36}, m23().add(t(shape(3), 10, 20, 30)));
        }

        @Test
        void columnTimesRowIsAnOuterProduct() {
            assertTensor(
                    shape(2, 3),
                    new float[] {3, 4, 5, 6, 8, 10},
                    t(shape(2, 1), 1, 2).mul(t(shape(1, 3), 3, 4, 5)));
        }

        @Test
        void zeroDimensionalOperandBroadcastsToAnyShape() {
            assertTensor(shape(1, 3), new float[] {2, 4, 6}, Tensor.scalar(2).mul(t(shape(1, 3), 1, 2, 3)));
            assertTensor(shape(), new float[] {5}, Tensor.scalar(2).add(Tensor.scalar(3)));
        }

        @Test
        void subAndDivBroadcastLikeAddAndMul() {
            assertTensor(
                    shape(2, 2), new float[] {4, 3, 6, 5}, t(shape(2, 1), 5, 7).sub(t(shape(2), 1, 2)));
            assertTensor(
                    shape(2, 2),
                    new float[] {0.25f, 0.5f, 0.125f, 0.25f},
                    t(shape(1, 2), 1, 2).div(t(shape(2, 1), 4, 8)));
        }

        @Test
        void mismatchedSizesFailInPyTorchsWording() {
            ShapeMismatchException e = assertThrows(
                    ShapeMismatchException.class, () -> Tensor.zeros(2, 3).add(Tensor.zeros(2, 4)));
            assertTrue(
                    e.getMessage()
                            .contains(
                                    "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1"),
                    e.getMessage());
            assertEquals("add", e.op());
            assertArrayEquals(shape(2, 3), e.firstShape());
            assertArrayEquals(shape(2, 4), e.secondShape());
        }

        @Test
        void mismatchDimensionCountsFromTheBroadcastShape() {
            ShapeMismatchException e = assertThrows(
                    ShapeMismatchException.class, () -> Tensor.zeros(3).mul(Tensor.zeros(2, 4)));
            assertTrue(
                    e.getMessage()
                            .contains(
                                    "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1"),
                    e.getMessage());
        }

        @Test
        void expandRepeatsSingletonsAndPrependsDimensions() {
            assertTensor(
                    shape(2, 3),
                    new float[] {1, 1, 1, 2, 2, 2},
                    t(shape(2, 1), 1, 2).expand(2, 3));
            assertTensor(
                    shape(2, 3),
                    new float[] {1, 2, 3, 1, 2, 3},
                    t(shape(3), 1, 2, 3).expand(2, 3));
            assertTensor(shape(2), new float[] {7, 7}, Tensor.scalar(7).expand(2));
        }

        @Test
        void expandOfANonSingletonDimensionFails() {
            ShapeMismatchException e = assertThrows(
                    ShapeMismatchException.class, () -> Tensor.zeros(3).expand(2, 4));
            assertTrue(
                    e.getMessage()
                            .contains("The expanded size of the tensor (4) must match the existing size (3)"
                                    + " at non-singleton dimension 1"),
                    e.getMessage());
        }

        @Test
        void sumToSizeSumsWhatBroadcastingRepeated() {
            assertTensor(shape(3), new float[] {5, 7, 9}, m23().sumToSize(3));
            assertTensor(shape(2, 1), new float[] {6, 15}, m23().sumToSize(2, 1));
            assertTensor(shape(1, 1), new float[] {21}, m23().sumToSize(1, 1));
            assertTensor(shape(), new float[] {21}, m23().sumToSize());
            assertTensor(shape(2, 3), m23().toFloatArray(), m23().sumToSize(2, 3));
        }

        @Test
        void sumToSizeRejectsAShapeThatDoesNotBroadcast() {
            assertThrows(ShapeMismatchException.class, () -> m23().sumToSize(2));
            assertThrows(ShapeMismatchException.class, () -> m23().sumToSize(1, 2, 3));
        }
    }

    @Nested
    class ScalarOverloads {
        private final Tensor x = t(shape(3), 1, 2, 4);

        @Test
        void addSubMulDiv() {
            assertTensor(shape(3), new float[] {2, 3, 5}, x.add(1));
            assertTensor(shape(3), new float[] {0, 1, 3}, x.sub(1));
            assertTensor(shape(3), new float[] {2, 4, 8}, x.mul(2));
            assertTensor(shape(3), new float[] {0.25f, 0.5f, 1}, x.div(4));
        }

        @Test
        void reversedSubAndDiv() {
            assertTensor(shape(3), new float[] {0, -1, -3}, x.rsub(1));
            assertTensor(shape(3), new float[] {1, 0.5f, 0.25f}, x.rdiv(1));
            assertTensor(shape(3), new float[] {-1, -2, -4}, x.neg());
        }

        @Test
        void divByScalarIsATrueDivisionNotAMultiplyByTheReciprocal() {
            float[] v = {5, 7, 0.1f, 1e-3f, 123.456f};
            float[] expected = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                expected[i] = v[i] / 3f;
            }
            assertTensor(shape(5), expected, t(shape(5), v).div(3));
        }

        @Test
        void scalarIsRoundedToFloatBeforeUse() {
            assertTensor(
                    shape(1), new float[] {1f * (float) 0.1}, t(shape(1), 1).mul(0.1));
        }

        @Test
        void powWithCommonAndGeneralExponents() {
            assertTensor(shape(3), new float[] {1, 4, 16}, x.pow(2));
            assertTensor(shape(3), new float[] {1, 8, 64}, x.pow(3));
            assertTensor(shape(3), new float[] {1, (float) Math.sqrt(2), 2}, x.pow(0.5));
            assertTensor(shape(3), new float[] {1, 0.5f, 0.25f}, x.pow(-1));
            assertTensor(shape(3), new float[] {1, 0.25f, 0.0625f}, x.pow(-2));
            assertTensor(shape(3), new float[] {1, 1, 1}, x.pow(0));
            assertTensor(shape(3), new float[] {1, (float) StrictMath.pow(2, 1.5), 8}, x.pow(1.5));
        }
    }

    @Nested
    class Unary {
        @Test
        void reluZeroesNonPositivesAndKeepsNan() {
            assertTensor(
                    shape(5),
                    new float[] {0, 0, 2, 0, NAN},
                    t(shape(5), -1, 0, 2, -0f, NAN).relu());
        }

        @Test
        void sigmoid() {
            assertTensor(
                    shape(3),
                    new float[] {0.5f, (float) (1 / (1 + Math.exp(-2))), 1},
                    t(shape(3), 0, 2, 100).sigmoid());
            assertEquals(0f, t(shape(1), -200).sigmoid().item());
        }

        @Test
        void tanh() {
            assertTensor(
                    shape(3),
                    new float[] {0, (float) Math.tanh(1), -1},
                    t(shape(3), 0, 1, -50).tanh());
        }

        @Test
        void expAndLog() {
            assertTensor(
                    shape(3),
                    new float[] {1, (float) Math.E, Float.POSITIVE_INFINITY},
                    t(shape(3), 0, 1, 100).exp());
            assertTensor(
                    shape(4),
                    new float[] {0, Float.NEGATIVE_INFINITY, NAN, (float) Math.log(10)},
                    t(shape(4), 1, 0, -1, 10).log());
        }

        @Test
        void gtIsAZeroOneMaskAndNanIsNotGreater() {
            assertTensor(
                    shape(4),
                    new float[] {0, 0, 1, 0},
                    t(shape(4), -1, 0, 2, NAN).gt(0));
            assertTensor(shape(2), new float[] {0, 1}, t(shape(2), 1.5f, 2.5f).gt(2));
        }
    }

    @Nested
    class Reductions {
        @Test
        void sumOfAllElementsIsZeroDimensional() {
            assertTensor(shape(), new float[] {21}, m23().sum());
        }

        @Test
        void sumOverADimension() {
            assertTensor(shape(3), new float[] {5, 7, 9}, m23().sum(0));
            assertTensor(shape(2), new float[] {6, 15}, m23().sum(1));
            assertTensor(shape(2), new float[] {6, 15}, m23().sum(-1));
        }

        @Test
        void sumKeepingTheDimension() {
            assertTensor(shape(2, 1), new float[] {6, 15}, m23().sum(1, true));
            assertTensor(shape(1, 3), new float[] {5, 7, 9}, m23().sum(0, true));
        }

        @Test
        void sumOfZeroDimensionalTensorIsItself() {
            assertTensor(shape(), new float[] {4}, Tensor.scalar(4).sum(0));
            assertTensor(shape(), new float[] {4}, Tensor.scalar(4).sum());
        }

        @Test
        void meanVariants() {
            assertTensor(shape(), new float[] {3.5f}, m23().mean());
            assertTensor(shape(3), new float[] {2.5f, 3.5f, 4.5f}, m23().mean(0));
            assertTensor(shape(2, 1), new float[] {2, 5}, m23().mean(1, true));
            assertTensor(shape(1, 3), new float[] {2.5f, 3.5f, 4.5f}, m23().mean(0, true));
        }

        @Test
        void reducingAMissingDimensionFails() {
            assertThrows(IndexOutOfBoundsException.class, () -> m23().sum(2));
            assertThrows(IndexOutOfBoundsException.class, () -> m23().max(-3));
        }

        @Test
        void maxGivesValuesAndIndices() {
            Tensor.MaxResult r = t(shape(2, 3), 1, 5, 2, 9, 4, 6).max(1);
            assertTensor(shape(2), new float[] {5, 9}, r.values());
            assertTensor(shape(2), new float[] {1, 0}, r.indices());
        }

        @Test
        void maxKeepingTheDimension() {
            Tensor.MaxResult r = t(shape(2, 3), 1, 5, 2, 9, 4, 6).max(1, true);
            assertTensor(shape(2, 1), new float[] {5, 9}, r.values());
            assertTensor(shape(2, 1), new float[] {1, 0}, r.indices());
            Tensor.MaxResult c = t(shape(2, 3), 1, 5, 2, 9, 4, 6).max(0, true);
            assertTensor(shape(1, 3), new float[] {9, 5, 6}, c.values());
            assertTensor(shape(1, 3), new float[] {1, 0, 1}, c.indices());
        }

        @Test
        void maxTiesGoToTheFirstIndex() {
            Tensor.MaxResult r = t(shape(1, 4), 1, 3, 3, 3).max(1);
            assertTensor(shape(1), new float[] {3}, r.values());
            assertTensor(shape(1), new float[] {1}, r.indices());
        }

        @Test
        void maxPropagatesTheFirstNan() {
            Tensor.MaxResult r = t(shape(2, 3), 1, NAN, 5, NAN, 2, NAN).max(1);
            assertTensor(shape(2), new float[] {NAN, NAN}, r.values());
            assertTensor(shape(2), new float[] {1, 0}, r.indices());
        }

        @Test
        void maxOfZeroDimensionalTensorIsItselfAtIndexZero() {
            Tensor.MaxResult r = Tensor.scalar(4).max(0);
            assertTensor(shape(), new float[] {4}, r.values());
            assertTensor(shape(), new float[] {0}, r.indices());
        }
    }

    @Nested
    class LinearAlgebra {
        @Test
        void matmulOfTwoMatrices() {
            Tensor w = t(shape(3, 2), 1, 0, 0, 1, 1, 1);
            assertTensor(shape(2, 2), new float[] {4, 5, 10, 11}, m23().matmul(w));
        }

        @Test
        void matmulShapeMismatchFailsInPyTorchsWording() {
            ShapeMismatchException e = assertThrows(
                    ShapeMismatchException.class, () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)));
            assertTrue(
                    e.getMessage().contains("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)"), e.getMessage());
            assertEquals("matmul", e.op());
        }

        @Test
        void matmulNeedsTwoMatrices() {
            assertThrows(ShapeMismatchException.class, () -> Tensor.zeros(3).matmul(Tensor.zeros(3, 2)));
        }

        @Test
        void transposeSwapsRowsAndColumns() {
            assertTensor(shape(3, 2), new float[] {1, 4, 2, 5, 3, 6}, m23().T());
        }

        @Test
        void transposeOfAVectorIsTheVector() {
            Tensor v = t(shape(3), 1, 2, 3);
            assertSame(v, v.T());
            assertThrows(
                    IllegalArgumentException.class, () -> Tensor.zeros(1, 2, 3).T());
        }
    }

    @Nested
    class ShapeAndInspection {
        @Test
        void reshapeInfersTheMinusOneDimension() {
            assertTensor(shape(6), m23().toFloatArray(), m23().reshape(-1));
            assertTensor(shape(3, 2), m23().toFloatArray(), m23().reshape(3, -1));
            assertTensor(shape(1, 6, 1), m23().toFloatArray(), m23().reshape(1, -1, 1));
        }

        @Test
        void badReshapeFailsInPyTorchsWording() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m23().reshape(4, -1));
            assertEquals("shape '[4, -1]' is invalid for input of size 6", e.getMessage());
            IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> m23().reshape(5));
            assertEquals("shape '[5]' is invalid for input of size 6", f.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m23().reshape(-1, -1));
        }

        @Test
        void oneHotOfIndices() {
            assertTensor(shape(3, 3), new float[] {1, 0, 0, 0, 0, 1, 0, 1, 0}, Tensor.oneHot(t(shape(3), 0, 2, 1), 3));
            Tensor indices = t(shape(2, 3), 1, 5, 2, 9, 4, 6).max(1, true).indices();
            assertTensor(shape(2, 1, 3), new float[] {0, 1, 0, 1, 0, 0}, Tensor.oneHot(indices, 3));
        }

        @Test
        void oneHotRejectsOutOfRangeClasses() {
            assertThrows(IllegalArgumentException.class, () -> Tensor.oneHot(t(shape(1), 3), 3));
            assertThrows(IllegalArgumentException.class, () -> Tensor.oneHot(t(shape(1), 0.5f), 3));
        }

        @Test
        void itemOfAOneElementTensor() {
            assertEquals(2.5f, Tensor.scalar(2.5).item());
            assertEquals(7f, t(shape(1, 1), 7).item());
        }

        @Test
        void itemOfSeveralElementsFailsInPyTorchsWording() {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class, () -> Tensor.zeros(2).item());
            assertEquals("a Tensor with 2 elements cannot be converted to Scalar", e.getMessage());
        }

        @Test
        void getSizeAndShape() {
            Tensor x = m23();
            assertEquals(6f, x.get(1, 2));
            assertEquals(4f, x.get(-1, 0));
            assertEquals(2, x.size(0));
            assertEquals(3, x.size(-1));
            assertArrayEquals(shape(2, 3), x.shape());
            assertEquals(2, x.dim());
            assertEquals(6, x.numel());
            assertThrows(IndexOutOfBoundsException.class, () -> x.get(2, 0));
            assertThrows(IllegalArgumentException.class, () -> x.get(0));
        }

        @Test
        void zeroDimensionalTensorHasNoSizes() {
            Tensor s = Tensor.scalar(1);
            assertArrayEquals(new int[0], s.shape());
            assertEquals(1f, s.get());
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> s.size(0));
            assertTrue(e.getMessage().contains("tensor has no dimensions"), e.getMessage());
        }

        @Test
        void tensorsAreImmutable() {
            float[] values = {1, 2};
            Tensor x = t(shape(2), values);
            values[0] = 99;
            x.shape()[0] = 5;
            x.toFloatArray()[1] = 99;
            x.add(1);
            x.reshape(1, 2);
            assertTensor(shape(2), new float[] {1, 2}, x);
        }

        @Test
        void creationHelpers() {
            assertTensor(shape(2), new float[] {1, 1}, Tensor.onesLike(Tensor.zeros(2)));
            assertTensor(shape(1, 2), new float[] {0, 0}, Tensor.zerosLike(Tensor.ones(1, 2)));
            assertTensor(shape(2), new float[] {1.5f, 1.5f}, Tensor.full(shape(2), 1.5));
            assertThrows(IllegalArgumentException.class, () -> Tensor.of(shape(2, 2), 1, 2, 3));
            assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(-1));
        }
    }
}
