package org.backpropgrader.grader.report;

import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * Floating-point numbers in strict JSON (RFC 8259 §6 has no NaN or Infinity, and {@code JSON.parse}, Gradescope and
 * LMSs reject the tokens). A finite value is a number, as Gson writes it; a non-finite one is the string
 * {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"}, as the Protocol Buffers JSON mapping spells them for
 * {@code float} and {@code double} (and as JavaScript's {@code Number()}, Python's {@code float()} and Java's
 * {@code Double.parseDouble} read them). Reading accepts a number, those three strings, and {@code null}: a boxed
 * value reads null as null, a primitive as NaN (a number that was not compared).
 */
final class StrictNumbers {
    static final String NAN = "NaN";
    static final String INFINITY = "Infinity";
    static final String NEGATIVE_INFINITY = "-Infinity";

    private StrictNumbers() {}

    /** The string a non-finite value is written as; null for a finite one. */
    static String name(double x) {
        if (Double.isNaN(x)) {
            return NAN;
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? INFINITY : NEGATIVE_INFINITY;
        }
        return null;
    }

    static final TypeAdapter<Double> DOUBLE = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else if (name(value) != null) {
                out.value(name(value));
            } else {
                out.value(value.doubleValue());
            }
        }

        @Override
        public Double read(JsonReader in) throws IOException {
            return readDouble(in, null);
        }
    };

    static final TypeAdapter<Double> PRIMITIVE_DOUBLE = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
            DOUBLE.write(out, value);
        }

        @Override
        public Double read(JsonReader in) throws IOException {
            return readDouble(in, Double.NaN);
        }
    };

    static final TypeAdapter<Float> FLOAT = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Float value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else if (name(value) != null) {
                out.value(name(value));
            } else {
                out.value((Number) value); // Float.toString: the shortest text that reads back to the same float
            }
        }

        @Override
        public Float read(JsonReader in) throws IOException {
            Double d = readDouble(in, null);
            return d == null ? null : d.floatValue();
        }
    };

    static final TypeAdapter<Float> PRIMITIVE_FLOAT = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Float value) throws IOException {
            FLOAT.write(out, value);
        }

        @Override
        public Float read(JsonReader in) throws IOException {
            return readDouble(in, Double.NaN).floatValue();
        }
    };

    private static Double readDouble(JsonReader in, Double whenNull) throws IOException {
        JsonToken token = in.peek();
        if (token == JsonToken.NULL) {
            in.nextNull();
            return whenNull;
        }
        if (token == JsonToken.STRING) {
            String s = in.nextString();
            return switch (s) {
                case NAN -> Double.NaN;
                case INFINITY -> Double.POSITIVE_INFINITY;
                case NEGATIVE_INFINITY -> Double.NEGATIVE_INFINITY;
                default ->
                    throw new JsonSyntaxException("expected a number, \"NaN\", \"Infinity\" or \"-Infinity\","
                            + " got \"" + s + "\" at " + in.getPath());
            };
        }
        return in.nextDouble();
    }
}
