package org.backpropgrader.grader.compare;

import java.util.Locale;

/** How strictly a gradient's shape must match the true gradient's (policy field {@code shapes}). */
public enum ShapeRule {
    /** The shape must equal the true gradient's shape (the default). */
    STRICT,
    /**
     * A shape that differs only by singleton dimensions ({@code [1, 1]} against {@code [1]}) is compared by its
     * values; it can be close but never exact.
     */
    SQUEEZE;

    /** The policy file's spelling: {@code strict}, {@code squeeze}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
