package org.backpropgrader.grader.classreport;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.backpropgrader.grader.batch.BatchLayout;
import org.backpropgrader.grader.batch.BatchStamp;
import org.backpropgrader.grader.batch.ContentHash;
import org.backpropgrader.grader.batch.ResultFile;
import org.backpropgrader.grader.report.GradeReport;

/**
 * A batch's results as the class report shows them: every {@code OUT/results/*.json}, each verified the way
 * {@code batch --resume} verifies a result before keeping it, and none dropped. A result that fails verification is
 * kept with the reason (shown and flagged in the report); one that cannot be read at all is kept as its id and the
 * reason.
 *
 * <p>Verification: the file holds a native report with a batch stamp ({@link ResultFile#inspect}); the report names
 * the submission its file is named after; it was graded under the batch's policy (the {@code policyHash} of
 * {@code summary.json}, else the one most results carry); and, when the submissions directory is given, its
 * submission's content still has the hash it was graded with.
 */
public final class ClassResults {
    /**
     * One result file.
     *
     * @param id the student id: the file's name without {@code .json}
     * @param report the report, or null when the file does not hold one
     * @param stamp the batch stamp, or null
     * @param problem why the result fails verification, or null when it stands
     */
    public record Entry(String id, GradeReport report, BatchStamp stamp, String problem) {
        public boolean verified() {
            return problem == null;
        }
    }

    /**
     * What the batch's own {@code summary.json} says about the run that wrote it (null fields when it is missing).
     *
     * @param policyHash the policy the batch graded with
     */
    public record Run(Integer graded, Integer resumed, Double wallTimeSeconds, String policyHash) {
        static final Run UNKNOWN = new Run(null, null, null, null);
    }

    /**
     * A batch's results, loaded from its output folder {@code out}.
     *
     * @param entries every result, sorted by id
     * @param policyHash the batch's policy hash (see the class comment), or null when no result has one
     */
    public record Loaded(Path out, List<Entry> entries, Run run, String policyHash) {
        public Loaded {
            entries = List.copyOf(entries);
        }
    }

    private ClassResults() {}

    /**
     * Reads and verifies every result of the batch in {@code out}.
     *
     * @param submissions the batch's submissions directory, to check that no submission changed since it was
     *     graded; null to skip that check
     * @throws NoSuchFileException when {@code out} has no {@code results} directory
     */
    public static Loaded load(Path out, Path submissions) throws IOException {
        return load(out, submissions, Map.of());
    }

    /**
     * {@link #load(Path, Path)}, taking the results in {@code readBack} (by student id) as read rather than parsing
     * their files again: {@code batch} has just read every result back for its summary and gradebook.
     */
    public static Loaded load(Path out, Path submissions, Map<String, ResultFile.Read> readBack) throws IOException {
        BatchLayout layout = new BatchLayout(out);
        Path results = layout.resultsDir();
        if (!Files.isDirectory(results)) {
            throw new NoSuchFileException(
                    results.toString(), null, "no results directory: is " + out + " the --out of a batch?");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(results, "*.json")) {
            for (Path p : s) {
                if (!p.getFileName().toString().startsWith(".")) {
                    files.add(p);
                }
            }
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        Run run = run(layout.summary());
        // Each result is parsed and its submission hashed on its own: in parallel, in the files' order.
        List<ResultFile.Inspection> inspections = files.parallelStream()
                .map(file -> {
                    ResultFile.Read read = readBack.get(id(file));
                    return read != null
                            ? new ResultFile.Inspection(read.report(), read.stamp(), null)
                            : ResultFile.inspect(file);
                })
                .toList();
        String policyHash = run.policyHash() != null ? run.policyHash() : mostCommonPolicy(inspections);
        List<Entry> entries = IntStream.range(0, files.size())
                .parallel()
                .mapToObj(i -> {
                    String id = id(files.get(i));
                    ResultFile.Inspection r = inspections.get(i);
                    return new Entry(id, r.report(), r.stamp(), problem(id, r, policyHash, submissions));
                })
                .toList();
        return new Loaded(out, entries, run, policyHash);
    }

    /** The student id a result file is named after: its name without {@code .json}. */
    private static String id(Path resultFile) {
        String name = resultFile.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }

    private static String problem(String id, ResultFile.Inspection r, String policyHash, Path submissions) {
        if (r.problem() != null) {
            return r.problem();
        }
        if (!id.equals(r.report().submission())) {
            return "the file is named " + id + ".json but its report is for submission '"
                    + r.report().submission() + "'";
        }
        if (policyHash != null && !policyHash.equals(r.stamp().policyHash())) {
            return "graded under another policy or grader version than the batch (policyHash "
                    + r.stamp().policyHash() + ", the batch's " + policyHash + ")";
        }
        if (submissions != null && r.stamp().entry() != null) {
            Path entry = submissions.resolve(r.stamp().entry());
            if (!Files.exists(entry)) {
                return "its submission " + entry + " is gone";
            }
            try {
                if (!ContentHash.submission(entry).equals(r.stamp().submissionHash())) {
                    return "its submission " + entry + " changed since it was graded";
                }
            } catch (IOException e) {
                return "its submission " + entry + " cannot be read: " + e.getMessage();
            }
        }
        return null;
    }

    private static String mostCommonPolicy(List<ResultFile.Inspection> inspections) {
        Map<String, Integer> counts = new HashMap<>();
        String best = null;
        for (ResultFile.Inspection r : inspections) {
            if (r.stamp() != null && r.stamp().policyHash() != null) {
                int n = counts.merge(r.stamp().policyHash(), 1, Integer::sum);
                if (best == null || n > counts.get(best)) {
                    best = r.stamp().policyHash();
                }
            }
        }
        return best;
    }

    /** The run figures of {@code summary.json}, read leniently: a report is still made without them. */
    static Run run(Path summary) {
        try {
            JsonElement root = JsonParser.parseString(Files.readString(summary, StandardCharsets.UTF_8));
            if (!root.isJsonObject()) {
                return Run.UNKNOWN;
            }
            JsonObject o = root.getAsJsonObject();
            return new Run(
                    integer(o, "graded"),
                    integer(o, "resumed"),
                    number(o, "wallTimeSeconds"),
                    o.has("policyHash") && o.get("policyHash").isJsonPrimitive()
                            ? o.get("policyHash").getAsString()
                            : null);
        } catch (IOException | JsonParseException | IllegalStateException | NumberFormatException e) {
            return Run.UNKNOWN;
        }
    }

    private static Integer integer(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsInt() : null;
    }

    private static Double number(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsDouble() : null;
    }
}
