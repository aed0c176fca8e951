package org.backpropgrader.grader.batch;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.backpropgrader.grader.report.GradeReport;
import org.backpropgrader.grader.report.Json;
import org.backpropgrader.grader.report.NativeJson;

/**
 * A batch's native result: the {@link NativeJson} report with one more top-level key, {@code "batch"} (a
 * {@link BatchStamp}), after the report's own keys. Readers of the native format that do not know the key ignore it.
 */
public final class ResultFile {
    static final String KEY = "batch";

    /** A result read back from disk. */
    public record Read(GradeReport report, BatchStamp stamp) {}

    private ResultFile() {}

    public static String toJson(GradeReport report, BatchStamp stamp) {
        JsonObject tree = Json.PRETTY.toJsonTree(report).getAsJsonObject();
        tree.add(KEY, Json.PRETTY.toJsonTree(stamp));
        return Json.PRETTY.toJson(tree) + "\n";
    }

    /**
     * The result in {@code file}, or empty when there is none or it cannot be used: missing, torn, not JSON, not a
     * report, or without a batch stamp. Such a submission is simply graded again.
     */
    public static Optional<Read> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            JsonElement root = JsonParser.parseString(text);
            if (!root.isJsonObject()) {
                return Optional.empty();
            }
            JsonObject object = root.getAsJsonObject();
            JsonElement stampJson = object.remove(KEY);
            if (stampJson == null || !stampJson.isJsonObject()) {
                return Optional.empty();
            }
            BatchStamp stamp = Json.COMPACT.fromJson(stampJson, BatchStamp.class);
            GradeReport report = Json.COMPACT.fromJson(object, GradeReport.class);
            if (report == null || report.submission() == null || stamp.submissionHash() == null
                    || stamp.policyHash() == null) {
                return Optional.empty();
            }
            return Optional.of(new Read(report, stamp));
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
