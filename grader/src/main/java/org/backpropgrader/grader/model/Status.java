package org.backpropgrader.grader.model;

/** The verdict on one gradient (for one seed and mode, or overall). Only {@link #EXACT} and {@link #CLOSE} earn points. */
public enum Status {
    /** Same shape, every element equal as floats. */
    EXACT,
    /** Within the tolerance everywhere. */
    CLOSE,
    /** Right shape, values outside the tolerance. */
    WRONG,
    /** A shape other than the true gradient's. */
    SHAPE,
    /** The method still throws the template's {@code UnsupportedOperationException}. */
    NOT_IMPLEMENTED,
    /** The method threw, returned null, or the code running it failed. */
    ERROR,
    /** The method did not return within the time limit. */
    TIMEOUT,
    /** The submission has no class implementing the exercise. */
    MISSING,
    /** Not run (yet): every gradient starts here, so a failure can never read as full marks. */
    NOT_RUN;

    public boolean earnsPoints() {
        return this == EXACT || this == CLOSE;
    }
}
