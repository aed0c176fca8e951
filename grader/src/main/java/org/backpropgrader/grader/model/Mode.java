package org.backpropgrader.grader.model;

import com.google.gson.annotations.SerializedName;

/** Which upstream gradients a student's method receives. Reports spell it in lower case, as {@link #label()}. */
public enum Mode {
    /** The student's own upstream gradients, as in the notebook: an early mistake spoils what follows. */
    @SerializedName("chained")
    CHAINED,
    /** The true upstream gradients: each method is judged on its own local step. */
    @SerializedName("isolated")
    ISOLATED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
