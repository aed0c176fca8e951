package org.backpropgrader.reference;

import static org.backpropgrader.reference.TensorAssertions.assertBitIdentical;
import static org.backpropgrader.reference.TensorAssertions.assertTensor;
import static org.backpropgrader.reference.TensorAssertions.shape;
import static org.backpropgrader.reference.TensorAssertions.t;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * int64 index tensors and the ops of the makemore exercises: hand-computed values, the errors a student meets, and
 * Note [Bit-exact float32] for each backward a student writes in one line.
 */
class IndexTensorsTest {
    private final Generator g = new Generator(20240611);

    private static Tensor longs(int[] shape, long... values) {
        return Tensor.ofLongs(shape, values);
    }

    @Nested
    class Int64Tensors {
        @Test
        void randintWithInt64DtypeKeepsTheDrawsExact() {
            Tensor xb = new Generator(111111).randint(0, 27, Tensor.Dtype.INT64, 32, 3);
            assertEquals(Tensor.Dtype.INT64, xb.dtype());
            assertArrayEquals(shape(32, 3), xb.shape());
            long[] v = xb.toLongArray();
            float[] asFloats = new Generator(111111).randint(0, 27, 32, 3).toFloatArray();
            for (int i = 0; i < v.length; i++) {
                assertEquals(asFloats[i], (float) v[i], "same draws as the float32 randint");
            }
        }

        @Test
        void printsLikePyTorch() {
            assertEquals(
                    "tensor([[ 1, 26],\n        [ 0,  3]])",
                    longs(shape(2, 2), 1, 26, 0, 3).toString());
            assertEquals("tensor([0, 1, 2])", Tensor.arange(3).toString());
            assertEquals("tensor(7)", longs(shape(), 7).toString());
        }

        @Test
        void floatArithmeticOnAnIndexTensorSaysWhatToDo() {
            Tensor yb = Tensor.arange(3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> yb.mul(2));
            assertTrue(
                    e.getMessage().contains("expected a float32 tensor but got an int64 (index) tensor of shape [3]"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("toFloat()"), e.getMessage());
            assertThrows(IllegalArgumentException.class, yb::toFloatArray);
            assertThrows(IllegalArgumentException.class, () -> Tensor.ones(3).toLongArray());
        }

        @Test
        void reshapesAndConvertsToFloat() {
            Tensor xb = longs(shape(2, 3), 0, 1, 2, 3, 4, 5);
            assertEquals(Tensor.Dtype.INT64, xb.view(-1).dtype());
            assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5}, xb.view(-1).toLongArray());
            assertArrayEquals(shape(3, 2), xb.reshape(3, -1).shape());
            assertTensor(shape(2, 3), new float[] {0, 1, 2, 3, 4, 5}, xb.toFloat());
            assertEquals(5L, xb.getLong(1, 2));
        }

        @Test
        void oneHotTakesInt64Classes() {
            assertTensor(shape(2, 3), new float[] {0, 0, 1, 1, 0, 0}, Tensor.oneHot(longs(shape(2), 2, 0), 3));
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Tensor.oneHot(longs(shape(1), 3), 3));
            assertEquals("one_hot: class values must be in [0, 3), got 3 at flat index 0", e.getMessage());
        }
    }

    @Nested
    class Indexing {
        @Test
        void embeddingLookupPicksRowsForEveryIndex() {
            Tensor c = t(shape(3, 2), 0, 1, 10, 11, 20, 21);
            Tensor emb = c.index(longs(shape(2, 2), 2, 0, 2, -1));
            assertTensor(shape(2, 2, 2), new float[] {20, 21, 0, 1, 20, 21, 20, 21}, emb);
        }

        @Test
        void pickingOneElementPerRowIsRangeAndTargets() {
            Tensor logprobs = t(shape(2, 3), 1, 2, 3, 4, 5, 6);
            assertTensor(shape(2), new float[] {3, 4}, logprobs.index(Tensor.arange(2), longs(shape(2), 2, 0)));
        }

        @Test
        void outOfRangeIndexNamesTheDimensionAndSize() {
            Tensor c = Tensor.zeros(27, 10);
            IndexOutOfBoundsException e =
                    assertThrows(IndexOutOfBoundsException.class, () -> c.index(longs(shape(1), 27)));
            assertEquals("index: index 27 is out of bounds for dimension 0 with size 27", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> c.index(Tensor.ones(2)), "float indices are refused");
        }

        @Test
        void indexPutWithoutAccumulateKeepsTheLastValueAndWithAccumulateAddsAll() {
            Tensor z = Tensor.zeros(3);
            Tensor idx = longs(shape(3), 1, 1, 2);
            Tensor v = t(shape(3), 5, 7, 9);
            assertTensor(shape(3), new float[] {0, 7, 9}, z.indexPut(List.of(idx), v, false));
            assertTensor(shape(3), new float[] {0, 12, 9}, z.indexPut(List.of(idx), v, true));
            assertTensor(shape(3), new float[] {0, 2, 1}, z.indexPut(List.of(idx), Tensor.scalar(1), true));
        }

        @Test
        void indexAddAccumulatesRepeatedIndicesAlongAnyDimension() {
            Tensor z = Tensor.zeros(2, 3);
            Tensor src = t(shape(2, 2), 1, 2, 3, 4);
            assertTensor(shape(2, 3), new float[] {0, 0, 3, 0, 0, 7}, z.indexAdd(1, longs(shape(2), 2, 2), src));
            assertTensor(
                    shape(2, 3),
                    new float[] {0, 0, 0, 2, 4, 6},
                    z.indexAdd(0, longs(shape(2), 1, 1), t(shape(2, 3), 1, 2, 3, 1, 2, 3)));
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> z.indexAdd(0, longs(shape(1, 2), 0, 1), src));
            assertTrue(e.getMessage().contains("Index is supposed to be a vector"), e.getMessage());
        }

        @Test
        void embeddingBackwardIsTheOneLineIndexAddBitForBit() {
            Tensor c = g.randn(27, 10);
            Tensor xb = g.randint(0, 27, Tensor.Dtype.INT64, 32, 3);
            Tensor emb = c.index(xb);
            Tensor demb = g.randn(32, 3, 10);
            Tensor dC = Autograd.gradients(emb, demb, List.of(c)).get(0);
            assertBitIdentical(Tensor.zerosLike(c).indexAdd(0, xb.view(-1), demb.view(-1, 10)), dC);
            assertBitIdentical(Tensor.zerosLike(c).indexPut(List.of(xb), demb, true), dC);
            // The loop a student would write in Python, in float32, in the same order.
            float[] loop = new float[270];
            long[] idx = xb.toLongArray();
            float[] d = demb.toFloatArray();
            for (int k = 0; k < idx.length; k++) {
                for (int j = 0; j < 10; j++) {
                    loop[(int) idx[k] * 10 + j] += d[k * 10 + j];
                }
            }
            assertBitIdentical(Tensor.of(shape(27, 10), loop), dC);
        }
    }

    @Nested
    class BatchnormAndSoftmax {
        @Test
        void varDividesByNMinusOneWhenUnbiased() {
            Tensor x = t(shape(4, 1), 1, 2, 3, 4);
            assertTensor(shape(1, 1), new float[] {(float) (5.0 / 3)}, x.var(0, true, true));
            assertTensor(shape(1), new float[] {1.25f}, x.var(0, false, false));
            assertTensor(shape(1), new float[] {(float) (5.0 / 3)}, x.var(0));
        }

        @Test
        void powMinusHalfIsOneOverSqrtAsPyTorchComputesIt() {
            Tensor x = g.rand(100).add(1e-5);
            assertBitIdentical(x.sqrt().rdiv(1), x.pow(-0.5));
            assertTensor(shape(2), new float[] {2, 3}, t(shape(2), 4, 9).sqrt());
        }

        @Test
        void softmaxRowsAreNormalisedExponentials() {
            Tensor p = t(shape(1, 2), 0, (float) Math.log(3)).softmax(1);
            assertArrayEquals(shape(1, 2), p.shape());
            assertEquals(0.25f, p.get(0, 0), 1e-7);
            assertEquals(0.75f, p.get(0, 1), 1e-7);
        }

        @Test
        void crossEntropyIsTheMeanNegativeLogProbabilityOfTheTargets() {
            Tensor logits = t(shape(2, 2), 0, 0, 0, (float) Math.log(3));
            Tensor loss = Tensor.crossEntropy(logits, longs(shape(2), 1, 1));
            assertArrayEquals(new int[0], loss.shape());
            assertEquals((float) ((Math.log(2) + Math.log(4.0 / 3)) / 2), loss.item(), 1e-7);
            assertThrows(IndexOutOfBoundsException.class, () -> Tensor.crossEntropy(logits, longs(shape(2), 0, 2)));
        }

        @Test
        void crossEntropyGradientIsSoftmaxMinusOneHotOverNBitForBit() {
            Tensor logits = g.randn(32, 27);
            Tensor yb = g.randint(0, 27, Tensor.Dtype.INT64, 32);
            Tensor loss = Tensor.crossEntropy(logits, yb);
            Tensor dloss = Tensor.onesLike(loss);
            Tensor student =
                    logits.softmax(1).sub(Tensor.oneHot(yb, 27)).div(32).mul(dloss);
            assertBitIdentical(student, Autograd.gradients(loss, logits).get(0));
        }

        @Test
        void tanhGradientIsOneMinusHSquaredTimesGradInTheNotebooksOrder() {
            Tensor x = g.randn(32, 64);
            Tensor dh = g.randn(32, 64);
            Tensor h = x.tanh();
            assertBitIdentical(
                    h.pow(2).rsub(1).mul(dh),
                    Autograd.gradients(h, dh, List.of(x)).get(0));
        }

        @Test
        void pickGradientIsMinusOneHotOverNAtTheTargets() {
            Tensor logprobs = g.randn(32, 27);
            Tensor yb = g.randint(0, 27, Tensor.Dtype.INT64, 32);
            Tensor loss = logprobs.index(Tensor.arange(32), yb).mean().neg();
            Tensor dlogprobs = Autograd.gradients(loss, logprobs).get(0);
            Tensor expected = Tensor.oneHot(yb, 27).mul(-1.0 / 32);
            assertBitIdentical(expected, dlogprobs);
        }
    }
}
