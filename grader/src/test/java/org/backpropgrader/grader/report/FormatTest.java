package org.backpropgrader.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void compactNumbersHaveThreeSignificantDigitsLikePython() {
        assertEquals("0", Format.compact(0));
        assertEquals("-", Format.compact(Double.NaN));
        assertEquals("inf", Format.compact(Double.POSITIVE_INFINITY));
        assertEquals("1", Format.compact(1));
        assertEquals("0.0123", Format.compact(0.012345));
        assertEquals("1.5e-07", Format.compact(1.5e-7));
        assertEquals("2.5e+19", Format.compact(2.5e19));
        assertEquals("-123", Format.compact(-123.4));
    }

    @Test
    void pointsDropTrailingZeros() {
        assertEquals("7", Format.points(7));
        assertEquals("1.25", Format.points(1.25));
        assertEquals("3.333", Format.points(10.0 / 3));
    }
}
