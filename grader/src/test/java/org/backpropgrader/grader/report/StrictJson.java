package org.backpropgrader.grader.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * RFC 8259 as {@code JSON.parse} and LMS importers apply it: Gson's reader in strict mode, which refuses the
 * {@code NaN} and {@code Infinity} tokens (§6 has none), comments, single quotes, unquoted names, control characters
 * in strings and anything after the one value. {@link StrictJsonTest} pins that it does.
 */
public final class StrictJson {
    private StrictJson() {}

    /** The one JSON value in {@code text}; an {@link AssertionError} naming where it is not strict JSON. */
    public static JsonElement parse(String what, String text) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        try {
            JsonElement value = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new AssertionError(what + " is not strict JSON: text after the value at " + reader.getPath());
            }
            return value;
        } catch (JsonSyntaxException | JsonIOException | IOException e) {
            throw new AssertionError(what + " is not strict JSON: " + e.getMessage() + "\n" + excerpt(text), e);
        }
    }

    private static String excerpt(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
    }
}
