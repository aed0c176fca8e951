package org.backpropgrader.grader.compare;

import static org.backpropgrader.grader.compare.GradientComparatorTest.shape;
import static org.backpropgrader.grader.compare.GradientComparatorTest.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Generator;
import org.backpropgrader.reference.Tensor;
import org.junit.jupiter.api.Test;

class HintsTest {
    private static final Tolerance DEFAULT = Tolerance.DEFAULT;
    private static final Tensor W = new Generator(7).randn(10, 1);

    private static Comparison compare(Tensor student, Tensor truth) {
        return GradientComparator.compare(student, truth, DEFAULT, ShapeRule.STRICT);
    }

    @Test
    void allZeroAnswerIsWrongWithAllZerosHint() {
        Comparison c = compare(Tensor.zerosLike(W), W);
        assertEquals(Status.WRONG, c.status());
        assertEquals("all zeros: did the gradient flow reach this tensor?", c.hint());
    }

    @Test
    void signFlippedGradientHintsSign() {
        assertEquals(
                "sign flipped: the negated values would match",
                compare(W.neg(), W).hint());
    }

    @Test
    void transposedGradientHintsTranspose() {
        Tensor square = new Generator(3).randn(4, 4);
        Comparison c = compare(square.T(), square);
        assertEquals(Status.WRONG, c.status());
        assertEquals("transposed: the transpose of your gradient would match", c.hint());

        Tensor wide = new Generator(3).randn(3, 5);
        Comparison s = compare(wide.T(), wide);
        assertEquals(Status.SHAPE, s.status());
        assertEquals("transposed: the transpose of your gradient would match", s.hint());
    }

    @Test
    void forgottenMeanFactorHintsBatchSize() {
        assertEquals(
                "off by a factor of 10 (the batch size): a forgotten or extra 1/N of the mean?",
                compare(W.mul(10), W).hint());
    }

    @Test
    void extraMeanFactorHintsOneOverBatchSize() {
        assertEquals(
                "off by a factor of 1/10 (the batch size): a forgotten or extra 1/N of the mean?",
                compare(W.div(10), W).hint());
    }

    @Test
    void exerciseBatchSizeIsNamedForAWeightWhoseFirstDimensionDiffers() {
        Truth truth = Truth.compute(Exercises.byId("mlp-softmax-max").orElseThrow(), 111111);
        Tensor dW1 = truth.gradient("W1"); // [10, 200], batch 100
        Comparison c = GradientComparator.compare(
                dW1.mul(100), dW1, DEFAULT, ShapeRule.STRICT, truth.exercise().batchSize());
        assertEquals("off by a factor of 100 (the batch size): a forgotten or extra 1/N of the mean?", c.hint());
        Comparison d = GradientComparator.compare(dW1.mul(10), dW1, DEFAULT, ShapeRule.STRICT, 100);
        assertEquals("off by a factor of 10 (the size of dimension 0): a forgotten or extra 1/10?", d.hint());
    }

    @Test
    void negativeBatchFactorHintsSignAndFactor() {
        assertEquals(
                "sign flipped and off by a factor of 10 (the batch size): a forgotten or extra 1/N of the mean?",
                compare(W.mul(-10), W).hint());
    }

    @Test
    void factorTwoIsNamed() {
        assertEquals(
                "off by a factor of 2: a factor 2 too many (the 2 of x**2 applied twice, or one path counted twice?)",
                compare(W.mul(2), W).hint());
        assertEquals(
                "off by a factor of 1/2: a factor 2 missing (the 2 of x**2, or a second path through the graph?)",
                compare(W.mul(0.5), W).hint());
    }

    @Test
    void otherConstantFactorIsEstimated() {
        assertEquals(
                "off by a constant factor: your values are 3.142 times the true ones",
                compare(W.mul(Math.PI), W).hint());
    }

    @Test
    void unrelatedValuesGetNoHint() {
        assertNull(compare(new Generator(8).randn(10, 1), W).hint());
    }

    @Test
    void closeAnswerGetsNoHint() {
        assertNull(Hints.of(W, W, DEFAULT));
    }

    @Test
    void nanValuesAreCountedAndLocated() {
        Tensor student = t(shape(3, 2), 1f, 2f, Float.NaN, 4f, Float.NaN, Float.NaN);
        Comparison c = compare(student, Tensor.ones(3, 2));
        assertEquals(
                "your gradient has 3 NaN values, the first at index (1, 0): look for a division by zero, "
                        + "a log of 0 or an overflow",
                c.hint());
    }

    @Test
    void nanAndInfinityAreCountedApart() {
        Tensor student = t(shape(3), Float.POSITIVE_INFINITY, Float.NaN, 1f);
        assertEquals(
                "your gradient has 1 NaN and 1 infinite values, the first at index (0,): look for a division "
                        + "by zero, a log of 0 or an overflow",
                compare(student, Tensor.ones(3)).hint());
    }

    @Test
    void infinityThatTheTruthSharesIsNotBlamed() {
        Tensor truth = t(shape(2), Float.POSITIVE_INFINITY, 1f);
        Comparison c = compare(t(shape(2), Float.POSITIVE_INFINITY, 3f), truth);
        assertEquals(Status.WRONG, c.status());
        assertNull(c.hint());
    }

    @Test
    void missingBroadcastSumHintsTheDimension() {
        // mse-linear's db written as dpred: [10, 1] where b is [1].
        Truth truth = Truth.compute(Exercises.byId("mse-linear").orElseThrow(), 111111);
        Comparison c = compare(truth.gradient("pred"), truth.gradient("b"));
        assertEquals(Status.SHAPE, c.status());
        assertEquals(
                "same values summed over dimension 0 would match: a missing sum over the broadcast dimension",
                c.hint());
    }

    @Test
    void missingSumOverTwoDimensionsNamesBoth() {
        Comparison c = compare(Tensor.ones(2, 3), Tensor.full(shape(1), 6));
        assertEquals(
                "same values summed over dimensions 0 and 1 would match: a missing sum over the broadcast "
                        + "dimension",
                c.hint());
    }

    @Test
    void missingExpansionHintsRepeat() {
        Comparison c = compare(Tensor.full(shape(1), 0.2), Tensor.full(shape(5, 1), 0.2));
        assertEquals(
                "the same values repeated over dimension 0 would match: expand your gradient to the tensor's "
                        + "shape",
                c.hint());
    }

    @Test
    void missingSingletonDimHintsKeepdim() {
        Comparison c = compare(t(shape(3), 1f, 2f, 3f), t(shape(3, 1), 1f, 2f, 3f));
        assertEquals(Status.SHAPE, c.status());
        assertEquals("same values, missing singleton dimension: keep it with keepdim=True", c.hint());
    }

    @Test
    void extraSingletonDimWithWrongValuesSaysBoth() {
        Comparison c = compare(t(shape(1, 2), -1f, -2f), t(shape(2), 1f, 2f));
        assertEquals(
                "extra singleton dimension: drop keepdim; the values differ too: sign flipped: the negated "
                        + "values would match",
                c.hint());
    }

    @Test
    void declaredBatchSizeIsTheRowsOfTheBatchNotOfTheFirstLeaf() {
        for (Exercise<?, ?> e : Exercises.all()) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            java.util.Map<String, Tensor> tensors = ((Exercise) e).tensors(((Exercise) e).forward(111111));
            // The batch is what the loss averages over: X (x) for the notebook's five, the contexts Xb in makemore.
            Tensor batch = tensors.containsKey("Xb")
                    ? tensors.get("Xb")
                    : tensors.values().iterator().next();
            assertEquals(batch.size(0), e.batchSize(), e.id());
        }
        assertEquals(32, Exercises.byId("makemore-manual").orElseThrow().batchSize(), "not C's 27 rows");
    }

    @Test
    void makemoreHintNamesTheBatchSizeNotTheEmbeddingTableRows() {
        Truth truth = Truth.compute(Exercises.byId("makemore-manual").orElseThrow(), 111111);
        Tensor dW2 = truth.gradient("W2"); // [64, 27]: dimension 0 is neither the batch nor C's rows
        Comparison c = GradientComparator.compare(
                dW2.mul(32), dW2, DEFAULT, ShapeRule.STRICT, truth.exercise().batchSize());
        assertEquals("off by a factor of 32 (the batch size): a forgotten or extra 1/N of the mean?", c.hint());
    }

    /** Each kind of mistake carries its own stable code beside the text: a report counts codes, never sentences. */
    @Test
    void everyKindOfMistakeCarriesItsStableCode() {
        Tensor square = new Generator(3).randn(4, 4);
        Tensor wide = new Generator(3).randn(3, 5);
        Truth mse = Truth.compute(Exercises.byId("mse-linear").orElseThrow(), 111111);
        assertEquals(
                "non-finite",
                compare(t(shape(2), Float.NaN, 1f), Tensor.ones(2)).hintCode());
        assertEquals("zeros", compare(Tensor.zerosLike(W), W).hintCode());
        assertEquals("sign", compare(W.neg(), W).hintCode());
        assertEquals("transpose", compare(square.T(), square).hintCode());
        assertEquals("transpose", compare(wide.T(), wide).hintCode());
        assertEquals("batch-size", compare(W.mul(10), W).hintCode());
        assertEquals("batch-size", compare(W.mul(-0.1), W).hintCode());
        assertEquals("factor-2", compare(W.mul(2), W).hintCode());
        assertEquals("factor-2", compare(W.mul(0.5), W).hintCode());
        assertEquals("scale", compare(W.mul(Math.PI), W).hintCode());
        assertEquals(
                "keepdim",
                compare(t(shape(3), 1f, 2f, 3f), t(shape(3, 1), 1f, 2f, 3f)).hintCode());
        assertEquals(
                "keepdim",
                compare(t(shape(1, 2), -1f, -2f), t(shape(2), 1f, 2f)).hintCode());
        assertEquals(
                "reshape",
                compare(t(shape(1, 3, 1), 1f, 2f, 3f), t(shape(3, 1, 1), 1f, 2f, 3f))
                        .hintCode());
        assertEquals(
                "missing-sum", compare(mse.gradient("pred"), mse.gradient("b")).hintCode());
        assertEquals(
                "missing-expand",
                compare(Tensor.full(shape(1), 0.2), Tensor.full(shape(5, 1), 0.2))
                        .hintCode());
        assertEquals("shape", compare(Tensor.ones(7), Tensor.ones(3)).hintCode());
        assertEquals("other", compare(new Generator(8).randn(10, 1), W).hintCode());
    }

    @Test
    void passingAnswerHasNoCode() {
        assertNull(compare(W, W).hintCode());
        assertNull(GradientComparator.compare(W.mul(1 + 1e-7), W, DEFAULT, ShapeRule.STRICT)
                .hintCode());
        assertNull(Hints.hint(W, W, DEFAULT, 0));
    }

    @Test
    void codesAreDistinctAndReadBack() {
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (Hints.Kind k : Hints.Kind.values()) {
            assertTrue(codes.add(k.code()), "two kinds share " + k.code());
            assertTrue(k.code().matches("[a-z0-9]+(-[a-z0-9]+)*"), k.code());
            assertEquals(k, Hints.Kind.ofCode(k.code()));
        }
        assertNull(Hints.Kind.ofCode("sign flipped"));
    }
}
