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
        Inspection i = inspect(file);
        return i.problem() == null ? Optional.of(new Read(i.report(), i.stamp())) : Optional.empty();
    }

    /**
     * What a result file holds and, if it cannot be used as {@link #read} uses it, why.
     *
     * @param report the report, or null when the file does not hold one
     * @param stamp the batch stamp, or null when there is none
     * @param problem why the result cannot be used ({@code "not JSON: …"}, {@code "no batch stamp"}), or null
     */
    public record Inspection(GradeReport report, BatchStamp stamp, String problem) {}

    /** The result in {@code file} with the reason it cannot be used, for a report that shows it rather than drop it. */
    public static Inspection inspect(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Inspection(null, null, "no such file");
        } catch (IOException e) {
            return new Inspection(null, null, "unreadable: " + e);
        }
        try {
            JsonElement root = JsonParser.parseString(text);
            if (!root.isJsonObject()) {
                return new Inspection(null, null, "not a JSON object");
            }
            JsonObject object = root.getAsJsonObject();
            JsonElement stampJson = object.remove(KEY);
            BatchStamp stamp = stampJson != null && stampJson.isJsonObject()
                    ? Json.COMPACT.fromJson(stampJson, BatchStamp.class)
                    : null;
            GradeReport report = Json.COMPACT.fromJson(object, GradeReport.class);
            if (report == null || report.submission() == null) {
                return new Inspection(null, stamp, "not a native report (no \"submission\")");
            }
            if (stamp == null) {
                return new Inspection(report, null, "no \"" + KEY + "\" stamp: not written by a batch");
            }
            if (stamp.submissionHash() == null || stamp.policyHash() == null) {
                return new Inspection(
                        report,
                        stamp,
                        "the \"" + KEY + "\" stamp lacks "
                                + (stamp.submissionHash() == null ? "submissionHash" : "policyHash"));
            }
            return new Inspection(report, stamp, null);
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException e) {
            return new Inspection(null, null, "not valid JSON (torn or edited?): " + e.getMessage());
        }
    }
}
