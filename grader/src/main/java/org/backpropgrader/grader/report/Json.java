package org.backpropgrader.grader.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * The one Gson configuration every report uses. Every document it writes is strict JSON (RFC 8259): wrong gradients
 * are often NaN or infinite, but a non-finite number is written as the string {@code "NaN"}, {@code "Infinity"} or
 * {@code "-Infinity"} ({@link StrictNumbers}) and a number that was not compared as {@code null} ({@link CheckJson}),
 * never as a bare token that {@code JSON.parse} rejects; any other path to a non-finite number fails loudly instead
 * of writing one. Nulls are written too, so every report has the same keys whatever the verdict (a missing hint reads
 * {@code "hint": null}, not an absent key).
 */
public final class Json {
    /** Indented, for reports people open. */
    public static final Gson PRETTY = builder().setPrettyPrinting().create();
    /** One line, for large tensors and line-delimited protocols. */
    public static final Gson COMPACT = builder().create();

    private Json() {}

    private static GsonBuilder builder() {
        return new GsonBuilder()
                .serializeNulls()
                .disableHtmlEscaping()
                .registerTypeAdapter(double.class, StrictNumbers.PRIMITIVE_DOUBLE)
                .registerTypeAdapter(Double.class, StrictNumbers.DOUBLE)
                .registerTypeAdapter(float.class, StrictNumbers.PRIMITIVE_FLOAT)
                .registerTypeAdapter(Float.class, StrictNumbers.FLOAT)
                .registerTypeAdapterFactory(new CheckJson());
    }
}
