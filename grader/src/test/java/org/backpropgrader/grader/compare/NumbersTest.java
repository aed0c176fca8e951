package org.backpropgrader.grader.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.backpropgrader.exercises.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {
    @ParameterizedTest
    @CsvSource({
        "1e-5, 1e-05",
        "0.0123, 0.0123",
        "1e-4, 0.0001",
        "100, 100.0",
        "2.5e19, 2.5e+19",
        "1e16, 1e+16",
        "1234567, 1234567.0",
        "-0.5, -0.5",
        "1.00000001, 1.0",
        "1e-50, 1e-50",
        "NaN, nan",
        "Infinity, inf",
        "-Infinity, -inf",
        "-0.0, -0.0",
    })
    void reprPrintsLikePythonAtFloat32Precision(double x, String expected) {
        assertEquals(expected, Numbers.repr(x));
    }

    @Test
    void indexIsAPythonTuple() {
        assertEquals("(4, 0)", Numbers.index(8, new int[] {50, 2}));
        assertEquals("(3,)", Numbers.index(3, new int[] {5}));
        assertEquals("()", Numbers.index(0, new int[] {}));
    }

    @Test
    void toleranceSaysHowAtolIsRead() {
        assertEquals("rtol=1e-05, atolScale=1e-05", Numbers.describe(Tolerance.DEFAULT));
        assertEquals(
                "rtol=1e-05, atol=1e-08 absolute",
                Numbers.describe(new Tolerance(1e-5, 1e-8, Tolerance.Mode.ABSOLUTE)));
    }
}
