package org.backpropgrader.grader.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Tensor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GradientComparatorTest {
    private static final Tolerance DEFAULT = Tolerance.DEFAULT;
    private static final Tolerance ALLCLOSE = new Tolerance(1e-5, 1e-8, Tolerance.Mode.ABSOLUTE);

    static Tensor t(int[] shape, float... values) {
        return Tensor.of(shape, values);
    }

    static int[] shape(int... dims) {
        return dims;
    }

    private static Comparison compare(Tensor student, Tensor truth) {
        return GradientComparator.compare(student, truth, DEFAULT, ShapeRule.STRICT);
    }

    @Nested
    class Exact {
        @Test
        void identicalValuesAreExactWithZeroDifference() {
            Tensor truth = t(shape(2, 2), 1f, -2f, 3.5f, 0f);
            Comparison c = compare(t(shape(2, 2), 1f, -2f, 3.5f, 0f), truth);
            assertEquals(Status.EXACT, c.status());
            assertTrue(c.exact());
            assertTrue(c.close());
            assertEquals(0.0, c.maxdiff());
            assertEquals(0.0, c.relerr());
            assertNull(c.hint());
            assertNull(c.message());
        }

        @Test
        void negativeZeroEqualsZeroForExact() {
            Comparison c = compare(t(shape(3), -0f, 1f, -0f), t(shape(3), 0f, 1f, 0f));
            assertEquals(Status.EXACT, c.status());
            assertEquals(0.0, c.maxdiff());
        }

        @Test
        void equalInfinitiesAreExactAndCountNoDifference() {
            Comparison c = compare(t(shape(2), Float.POSITIVE_INFINITY, 2f), t(shape(2), Float.POSITIVE_INFINITY, 2f));
            assertEquals(Status.EXACT, c.status());
            assertEquals(0.0, c.maxdiff());
        }

        @Test
        void zeroDimensionalTensorsCompare() {
            assertEquals(
                    Status.EXACT,
                    compare(Tensor.scalar(1.5), Tensor.scalar(1.5)).status());
            assertEquals(
                    Status.WRONG,
                    compare(Tensor.scalar(1.5), Tensor.scalar(-1.5)).status());
        }
    }

    @Nested
    class Close {
        @Test
        void relativeNoiseWithinRtolIsCloseNotExact() {
            Comparison c = compare(t(shape(2), 1.000001f, 100f), t(shape(2), 1f, 100f));
            assertEquals(Status.CLOSE, c.status());
            assertFalse(c.exact());
            assertTrue(c.close());
            assertEquals((double) 1.000001f - 1.0, c.maxdiff());
            assertEquals(c.maxdiff() / 100, c.relerr(), 1e-18);
            assertNull(c.hint());
            assertNull(c.message());
        }

        @Test
        void scaledFloorAcceptsCancellationNoiseThatAllcloseRejects() {
            // A tiny element next to a large one: its absolute error 1e-4 is 1e-7 of the tensor's magnitude.
            Tensor truth = t(shape(2), 1000f, 1e-4f);
            Tensor student = t(shape(2), 1000f, 0f);
            assertEquals(Status.CLOSE, compare(student, truth).status());
            assertEquals(
                    Status.WRONG,
                    GradientComparator.compare(student, truth, ALLCLOSE, ShapeRule.STRICT)
                            .status());
        }

        @Test
        void equalInfinitiesNextToNoiseAreClose() {
            Comparison c =
                    compare(t(shape(2), Float.NEGATIVE_INFINITY, 1.000001f), t(shape(2), Float.NEGATIVE_INFINITY, 1f));
            assertEquals(Status.CLOSE, c.status());
            assertTrue(Double.isFinite(c.maxdiff()));
        }
    }

    @Nested
    class NonFinite {
        @Test
        void nanIsNeverClose() {
            Comparison c = compare(t(shape(2), Float.NaN, 1f), t(shape(2), Float.NaN, 1f));
            assertEquals(Status.WRONG, c.status());
            assertFalse(c.exact());
            assertFalse(c.close());
            assertTrue(Double.isNaN(c.maxdiff()));
            assertTrue(Double.isNaN(c.relerr()));
        }

        @Test
        void nanInStudentMakesMaxdiffNanWhateverElseDiffers() {
            Comparison c = compare(t(shape(3), 5f, Float.NaN, 9f), t(shape(3), 1f, 1f, 1f));
            assertTrue(Double.isNaN(c.maxdiff()));
        }

        @Test
        void infinityWhereTruthIsFiniteMakesMaxdiffInfinite() {
            Comparison c = compare(t(shape(2), Float.POSITIVE_INFINITY, 1f), t(shape(2), 3f, 1f));
            assertEquals(Status.WRONG, c.status());
            assertEquals(Double.POSITIVE_INFINITY, c.maxdiff());
        }

        @Test
        void oppositeInfinitiesAreWrong() {
            Comparison c = compare(t(shape(1), Float.NEGATIVE_INFINITY), t(shape(1), Float.POSITIVE_INFINITY));
            assertEquals(Status.WRONG, c.status());
            assertEquals(Double.POSITIVE_INFINITY, c.maxdiff());
        }
    }

    @Nested
    class Wrong {
        @Test
        void relerrIsMaxdiffOverLargestTrueMagnitude() {
            Comparison c = compare(t(shape(2), 1f, 6f), t(shape(2), 1f, 4f));
            assertEquals(2.0, c.maxdiff());
            assertEquals(0.5, c.relerr());
        }

        @Test
        void relerrIsMaxdiffWhenTruthIsAllZero() {
            Comparison c = compare(t(shape(2), 0f, 0.25f), t(shape(2), 0f, 0f));
            assertEquals(Status.WRONG, c.status());
            assertEquals(0.25, c.relerr());
        }

        @Test
        void mismatchMessageFollowsAssertClose() {
            float[] truth = new float[100];
            float[] student = new float[100];
            for (int i = 0; i < 100; i++) {
                truth[i] = i + 1;
                student[i] = i + 1;
            }
            student[3] += 0.5f; // index (1, 1) of [50, 2]: relative 0.125
            student[8] += 1f; // index (4, 0): absolute 1, relative 1/9
            student[99] -= 0.25f; // relative 0.0025
            Comparison c = compare(t(shape(50, 2), student), t(shape(50, 2), truth));
            assertEquals(Status.WRONG, c.status());
            assertEquals(
                    "Mismatched elements: 3 / 100 (3.0%)\n"
                            + "Greatest absolute difference: 1.0 at index (4, 0) (up to 0.001 allowed)\n"
                            + "Greatest relative difference: 0.125 at index (1, 1) (up to 1e-05 allowed)",
                    c.message());
        }

        @Test
        void mismatchMessageOfOneDimensionalTensorUsesPythonTuple() {
            Comparison c =
                    GradientComparator.compare(t(shape(2), 1f, 0f), t(shape(2), 1f, 1e-7f), ALLCLOSE, ShapeRule.STRICT);
            assertEquals(
                    "Mismatched elements: 1 / 2 (50.0%)\n"
                            + "Greatest absolute difference: 1e-07 at index (1,) (up to 1e-08 allowed)\n"
                            + "Greatest relative difference: 1.0 at index (1,) (up to 1e-05 allowed)",
                    c.message());
        }

        @Test
        void mismatchAgainstZeroHasInfiniteRelativeDifference() {
            Comparison c = compare(t(shape(2), 1f, 1f), t(shape(2), 1f, 0f));
            assertTrue(c.message().contains("Greatest relative difference: inf at index (1,)"), c.message());
        }
    }

    @Nested
    class Shapes {
        @Test
        void shapeMismatchMessageNamesBothShapes() {
            Comparison c = compare(Tensor.zeros(10, 1), Tensor.ones(1, 10));
            assertEquals(Status.SHAPE, c.status());
            assertFalse(c.close());
            assertTrue(Double.isNaN(c.maxdiff()));
            assertTrue(Double.isNaN(c.relerr()));
            assertEquals("shape [10, 1] != expected [1, 10]", c.message());
        }

        /** The notebook's own {@code db} in bce-logistic: {@code dlogits.sum(0, keepdim=True)}, [1, 1] against b's [1]. */
        @Test
        void bShapedOneByOneIsShapeWithDropKeepdimHint() {
            Truth truth = Truth.compute(Exercises.byId("bce-logistic").orElseThrow(), 111111);
            Tensor db = truth.gradient("logits").sum(0, true);
            Comparison c = compare(db, truth.gradient("b"));
            assertEquals(Status.SHAPE, c.status());
            assertEquals("shape [1, 1] != expected [1]", c.message());
            assertEquals("same values, extra singleton dimension: drop keepdim", c.hint());
        }

        @Test
        void squeezePolicyAcceptsExtraSingletonDim() {
            Truth truth = Truth.compute(Exercises.byId("bce-logistic").orElseThrow(), 111111);
            Tensor db = truth.gradient("logits").sum(0, true);
            Comparison c = GradientComparator.compare(db, truth.gradient("b"), DEFAULT, ShapeRule.SQUEEZE);
            assertEquals(Status.CLOSE, c.status());
            assertFalse(c.exact(), "exact requires the same shape");
            assertTrue(c.close());
            assertEquals(0.0, c.maxdiff());
            assertEquals("shape [1, 1] compared as [1] (shapes: squeeze)", c.message());
        }

        @Test
        void squeezePolicyAcceptsMissingSingletonDim() {
            Comparison c = GradientComparator.compare(
                    t(shape(3), 1f, 2f, 3f), t(shape(3, 1), 1f, 2f, 3f), DEFAULT, ShapeRule.SQUEEZE);
            assertEquals(Status.CLOSE, c.status());
        }

        @Test
        void squeezePolicyStillJudgesValues() {
            Comparison c = GradientComparator.compare(
                    t(shape(1, 2), -1f, -2f), t(shape(2), 1f, 2f), DEFAULT, ShapeRule.SQUEEZE);
            assertEquals(Status.WRONG, c.status());
            assertEquals("sign flipped: the negated values would match", c.hint());
            assertTrue(
                    c.message()
                            .startsWith("shape [1, 2] compared as [2] (shapes: squeeze)\nMismatched elements: 2 / 2"),
                    c.message());
        }

        @Test
        void squeezePolicyRejectsShapesThatDifferInMoreThanSingletons() {
            Comparison c =
                    GradientComparator.compare(Tensor.zeros(2, 3), Tensor.zeros(3, 2), DEFAULT, ShapeRule.SQUEEZE);
            assertEquals(Status.SHAPE, c.status());
        }
    }

    @org.junit.jupiter.api.Test
    void anInt64AnswerIsWrongWithAMessageNotAGraderCrash() {
        Comparison c =
                GradientComparator.compare(Tensor.arange(3), Tensor.ones(3), Tolerance.DEFAULT, ShapeRule.STRICT);
        assertEquals(Status.WRONG, c.status());
        assertEquals("an int64 (index) tensor is not a gradient: gradients are float32", c.hint());
        assertEquals("dtype torch.int64 != expected torch.float32", c.message());
    }
}
