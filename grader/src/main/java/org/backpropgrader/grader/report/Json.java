package org.backpropgrader.grader.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * The one Gson configuration every report uses. Wrong gradients are often NaN or infinite, so special floating
 * point values are written (as {@code NaN}, {@code Infinity}) rather than rejected. Nulls are written too, so every
 * report has the same keys whatever the verdict (a missing hint reads {@code "hint": null}, not an absent key).
 */
public final class Json {
    /** Indented, for reports people open. */
    public static final Gson PRETTY = builder().setPrettyPrinting().create();
    /** One line, for large tensors and line-delimited protocols. */
    public static final Gson COMPACT = builder().create();

    private Json() {}

    private static GsonBuilder builder() {
        return new GsonBuilder().serializeSpecialFloatingPointValues().serializeNulls().disableHtmlEscaping();
    }
}
