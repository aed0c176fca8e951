package org.backpropgrader.grader.report;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.List;
import org.backpropgrader.grader.model.Check;

/**
 * A {@link Check} as JSON: its record components as Gson writes them, except that the numbers of a check that
 * compared no values (SHAPE, NOT_IMPLEMENTED, ERROR, TIMEOUT, MISSING, NOT_RUN) are {@code null}, so "not compared"
 * never reads as a student's NaN ({@code "NaN"}, see {@link StrictNumbers}). Any component added to {@code Check}
 * is written as the record's own adapter writes it.
 */
final class CheckJson implements TypeAdapterFactory {
    /** The numbers that mean nothing when nothing was compared. */
    static final List<String> MEASURES = List.of("maxdiff", "relerr");

    @Override
    @SuppressWarnings("unchecked")
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
        if (type.getRawType() != Check.class) {
            return null;
        }
        TypeAdapter<Check> record = gson.getDelegateAdapter(this, TypeToken.get(Check.class));
        TypeAdapter<JsonElement> tree = gson.getAdapter(JsonElement.class);
        return (TypeAdapter<T>) new TypeAdapter<Check>() {
            @Override
            public void write(JsonWriter out, Check check) throws IOException {
                if (check == null) {
                    out.nullValue();
                    return;
                }
                JsonElement json = record.toJsonTree(check);
                if (!check.compared() && json.isJsonObject()) {
                    JsonObject o = json.getAsJsonObject();
                    MEASURES.stream().filter(o::has).forEach(k -> o.add(k, JsonNull.INSTANCE));
                }
                tree.write(out, json);
            }

            @Override
            public Check read(JsonReader in) throws IOException {
                return record.read(in);
            }
        };
    }
}
