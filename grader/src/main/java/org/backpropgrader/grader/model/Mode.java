package org.backpropgrader.grader.model;

/** Which upstream gradients a student's method receives. */
public enum Mode {
    /** The student's own upstream gradients, as in the notebook: an early mistake spoils what follows. */
    CHAINED,
    /** The true upstream gradients: each method is judged on its own local step. */
    ISOLATED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
