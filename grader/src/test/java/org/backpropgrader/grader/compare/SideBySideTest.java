package org.backpropgrader.grader.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.reference.Tensor;
import org.junit.jupiter.api.Test;

class SideBySideTest {
    @Test
    void matrixIsPrintedLikePyTorch_besideTheExpectedOne_withMismatchesMarkedAndTheWorstIndex() {
        Tensor yours = Tensor.of(new int[] {2, 3}, 0.1f, -0.2f, 0.3f, 0.4f, 0.5f, -0.6f);
        Tensor expected = Tensor.of(new int[] {2, 3}, 0.1f, -0.2f, 0.3f, 0.4f, 0.05f, 0.6f);

        assertEquals("""
                yours                                      expected
                tensor([[  0.1000,  -0.2000,   0.3000],    tensor([[  0.1000,  -0.2000,   0.3000],
                        [  0.4000, * 0.5000, *-0.6000]])           [  0.4000,   0.0500,   0.6000]])
                Mismatched elements: 2 / 6 (33.3%), marked *
                Greatest absolute difference: 1.2 at index (1, 2) (yours -0.6, expected 0.6)
                """, SideBySide.render(yours, expected, Tolerance.DEFAULT));
    }

    @Test
    void differentShapesAreShownWhole_andNamed() {
        Tensor yours = Tensor.of(new int[] {1, 2}, 1f, 2f);
        Tensor expected = Tensor.of(new int[] {2}, 1f, 2f);

        String text = SideBySide.render(yours, expected, Tolerance.DEFAULT);

        assertTrue(text.contains("tensor([[ 1.0000,  2.0000]])   tensor([ 1.0000,  2.0000])"), text);
        assertTrue(text.endsWith("shape [1, 2] != expected [2]\n"), text);
    }

    @Test
    void tinyOrHugeValuesUseScientificNotation_andNaNReadsNan() {
        Tensor yours = Tensor.of(new int[] {2}, Float.NaN, 3e-7f);
        Tensor expected = Tensor.of(new int[] {2}, 1e-7f, 3e-7f);

        String text = SideBySide.render(yours, expected, Tolerance.DEFAULT);

        assertTrue(text.contains("tensor([*       nan,  3.0000e-07])   tensor([ 1.0000e-07,  3.0000e-07])"), text);
        assertTrue(text.contains("Greatest absolute difference: nan at index (0,)"), text);
    }

    @Test
    void longTensorsAreSummarisedAsPyTorchDoes() {
        float[] v = new float[200];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Tensor t = Tensor.of(new int[] {200}, v);

        String text = SideBySide.render(t, t, Tolerance.DEFAULT);

        assertTrue(
                text.contains("tensor([   0.0000,    1.0000,    2.0000, ...,  197.0000,  198.0000,  199.0000])"), text);
        assertTrue(text.contains("Mismatched elements: 0 / 200 (0.0%)"), text);
    }
}
