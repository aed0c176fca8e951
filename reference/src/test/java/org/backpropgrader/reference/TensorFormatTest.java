package org.backpropgrader.reference;

import static org.backpropgrader.reference.TensorAssertions.shape;
import static org.backpropgrader.reference.TensorAssertions.t;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link Tensor#toString()} against what PyTorch (default print options) prints for the same values. */
class TensorFormatTest {

    @Nested
    class FixedPoint {
        @Test
        void rowVectorPadsPositivesToTheWidthOfNegatives() {
            assertEquals(
                    "tensor([[ 1.2800, -1.3693]])",
                    t(shape(1, 2), 1.28f, -1.3693f).toString());
        }

        @Test
        void zeroDimensionalTensorHasNoBrackets() {
            assertEquals("tensor(1.1765)", Tensor.scalar(1.1765).toString());
        }

        @Test
        void exactTiesRoundToEvenAsPythonDoes() {
            // 0.03125 is exact in binary: Python's '{:.4f}' gives 0.0312, String.format would give 0.0313.
            assertEquals("tensor([0.0312, 1.0000])", t(shape(2), 0.03125f, 1f).toString());
        }

        @Test
        void nanIsPaddedToTheWidthOfTheNumbers() {
            assertEquals(
                    "tensor([1.5000,    nan])", t(shape(2), 1.5f, Float.NaN).toString());
        }

        @Test
        void matrixRowsAlignUnderTheFirstBracket() {
            assertEquals(
                    "tensor([[ 0.5000, -1.2500],\n        [ 2.0000,  3.7500]])",
                    t(shape(2, 2), 0.5f, -1.25f, 2f, 3.75f).toString());
        }
    }

    @Nested
    class WholeNumbers {
        @Test
        void wholeFloatsPrintWithATrailingDot() {
            assertEquals("tensor([1., 2.])", t(shape(2), 1f, 2f).toString());
        }

        @Test
        void columnsAreRightAligned() {
            assertEquals("tensor([100.,   1.])", t(shape(2), 100f, 1f).toString());
        }

        @Test
        void zerosAndNegativeZero() {
            assertEquals("tensor([0., 0., 0.])", Tensor.zeros(3).toString());
            assertEquals("tensor([-0.])", t(shape(1), -0f).toString());
        }

        @Test
        void nonFiniteValuesDoNotWidenTheColumns() {
            assertEquals(
                    "tensor([1., inf])",
                    t(shape(2), 1f, Float.POSITIVE_INFINITY).toString());
            assertEquals("tensor([0., nan])", t(shape(2), 0f, Float.NaN).toString());
        }

        @Test
        void threeDimensionsSeparateBlocksWithABlankLine() {
            assertEquals(
                    "tensor([[[0., 0.]],\n\n        [[0., 0.]]])",
                    Tensor.zeros(2, 1, 2).toString());
        }

        @Test
        void longRowsWrapAtEightyCharacters() {
            float[] v = new float[20];
            for (int i = 0; i < v.length; i++) {
                v[i] = i;
            }
            assertEquals(
                    "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
                            + "        14., 15., 16., 17., 18., 19.])",
                    t(shape(20), v).toString());
        }
    }

    @Nested
    class Scientific {
        @Test
        void smallValuesSwitchToScientific() {
            assertEquals(
                    "tensor([1.0000e-05, 1.0000e+00])", t(shape(2), 1e-5f, 1f).toString());
        }

        @Test
        void negativeValuesKeepColumnsAligned() {
            assertEquals(
                    "tensor([-1.0000e-05,  1.0000e+00])",
                    t(shape(2), -1e-5f, 1f).toString());
        }

        @Test
        void wholeNumbersSpanningMoreThanAThousandTimesSwitchToScientific() {
            assertEquals(
                    "tensor([1.0000e+00, 1.0000e+04])", t(shape(2), 1f, 10000f).toString());
        }

        @Test
        void hugeWholeNumber() {
            assertEquals("tensor(1.0000e+10)", Tensor.scalar(1e10).toString());
        }
    }

    @Nested
    class Summarised {
        @Test
        void moreThanAThousandElementsShowThreeAtEachEnd() {
            float[] v = new float[1001];
            for (int i = 0; i < v.length; i++) {
                v[i] = i;
            }
            assertEquals(
                    "tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.])",
                    t(shape(1001), v).toString());
        }

        @Test
        void aThousandElementsAreNotSummarised() {
            String s = Tensor.zeros(1000).toString();
            assertEquals(1000, s.split("0\\.", -1).length - 1);
        }

        @Test
        void matrixElidesRowsAndColumns() {
            String row = "[0., 0., 0.,  ..., 0., 0., 0.]";
            String sep = ",\n        ";
            assertEquals(
                    "tensor([" + row + sep + row + sep + row + sep + "..." + sep + row + sep + row + sep + row + "])",
                    Tensor.zeros(40, 30).toString());
        }

        @Test
        void styleIsChosenFromThePrintedEdgesOnly() {
            float[] v = new float[2000];
            java.util.Arrays.fill(v, 1.5f);
            v[1000] = 1e-6f; // hidden by "...": PyTorch does not switch to scientific for it
            assertEquals(
                    "tensor([1.5000, 1.5000, 1.5000,  ..., 1.5000, 1.5000, 1.5000])",
                    t(shape(2000), v).toString());
        }
    }

    @Nested
    class Empty {
        @Test
        void emptyVector() {
            assertEquals("tensor([])", Tensor.zeros(0).toString());
        }

        @Test
        void emptyMatrixShowsItsSize() {
            assertEquals("tensor([], size=(2, 0))", Tensor.zeros(2, 0).toString());
        }
    }
}
