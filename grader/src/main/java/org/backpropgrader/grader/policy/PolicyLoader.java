package org.backpropgrader.grader.policy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.grader.compare.ShapeRule;
import org.backpropgrader.grader.load.ApiPattern;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Seeds;
import org.backpropgrader.grader.policy.Policy.ExerciseRule;
import org.backpropgrader.grader.policy.Policy.GradientRule;
import org.backpropgrader.grader.policy.Policy.Limits;

/**
 * Reads a grading policy from JSON. Every field is optional and takes {@link Policy#defaults()}'s value:
 *
 * <pre>{@code
 * {"seeds": [111111, 7], "scoringMode": "isolated", "shapes": "strict",
 *  "tolerance": {"rtol": 1e-5, "atolScale": 1e-5},
 *  "exercises": {"mse-linear": {"weight": 2, "tolerance": {"rtol": 1e-4, "atol": 1e-8, "atolMode": "absolute"},
 *                               "gradients": {"X": {"points": 2}}}},
 *  "limits": {"methodTimeoutMs": 10000, "submissionTimeoutMs": 120000, "heapMb": 256, "stackKb": 1024,
 *             "outputCapBytes": 1048576, "memoryMb": 512, "processes": 128, "fileSizeMb": 64, "cpuSeconds": 250}}
 * }</pre>
 *
 * <p>{@code "allowApis": ["java.time.*", "java.util.concurrent.ThreadLocalRandom", "java.lang.System#getProperty"]}
 * lists APIs submissions may use on top of the built-in allowlist ({@link ApiPattern}).
 *
 * <p>A tolerance object has {@code rtol} and either {@code atolScale} (with {@code "atolMode": "scaled"}, the
 * default) or {@code atol} (with {@code "atolMode": "absolute"}); a part it leaves out takes
 * {@link Tolerance#DEFAULT}'s value.
 *
 * <p>The JSON is parsed strictly (no comments, single quotes or NaN), and every mistake is reported with its
 * JSON path: an unknown or repeated key, a value of the wrong type or range, an unknown exercise or gradient.
 */
public final class PolicyLoader {
    private static final List<String> POLICY_FIELDS =
            List.of("seeds", "scoringMode", "shapes", "tolerance", "exercises", "limits", "include", "allowApis");
    private static final List<String> TOLERANCE_FIELDS = List.of("rtol", "atolScale", "atol", "atolMode");
    private static final List<String> EXERCISE_FIELDS = List.of("weight", "tolerance", "gradients");
    private static final List<String> GRADIENT_FIELDS = List.of("points", "tolerance");
    private static final List<String> LIMITS_FIELDS =
            List.of("methodTimeoutMs", "submissionTimeoutMs", "heapMb", "stackKb", "outputCapBytes", "memoryMb",
                    "processes", "fileSizeMb", "cpuSeconds");

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern GSON_LOCATION =
            Pattern.compile("(?s)(.*?) at line (\\d+) column (\\d+) path (\\S*).*");
    private static final String NON_NEGATIVE = "a finite number >= 0";

    private final String file;

    private PolicyLoader(String file) {
        this.file = file;
    }

    /** Reads and parses the policy file; errors name the file as given. */
    public static Policy load(Path path) throws PolicyException {
        String name = path.toString();
        String json;
        try {
            json = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw PolicyException.unreadable(name, "no such file");
        } catch (AccessDeniedException e) {
            throw PolicyException.unreadable(name, "permission denied");
        } catch (CharacterCodingException e) {
            throw PolicyException.unreadable(name, "not UTF-8 text");
        } catch (IOException e) {
            throw PolicyException.unreadable(name, e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        }
        return parse(json, name);
    }

    /**
     * Parses policy JSON.
     *
     * @param sourceName what errors call the text, e.g. the file name
     */
    public static Policy parse(String json, String sourceName) throws PolicyException {
        PolicyLoader loader = new PolicyLoader(sourceName);
        JsonElement root = loader.parseStrictly(json);
        loader.rejectDuplicateKeys(json);
        return loader.policy(root);
    }

    // ---------------------------------------------------------------- syntax

    private JsonElement parseStrictly(String json) throws PolicyException {
        if (json.isBlank()) {
            throw PolicyException.malformed(file, "$", 1, 1, "the text is empty; an empty policy is {}");
        }
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        JsonElement root;
        try {
            root = JsonParser.parseReader(reader);
        } catch (JsonSyntaxException | JsonIOException e) {
            throw malformed(e);
        }
        try {
            if (reader.peek() == JsonToken.END_DOCUMENT) {
                return root;
            }
        } catch (IOException e) {
            // A strict reader refuses to peek at a second value: that is the same mistake.
        }
        Matcher at = GSON_LOCATION.matcher(reader.toString());
        boolean located = at.matches();
        throw PolicyException.malformed(file, "$", located ? Integer.parseInt(at.group(2)) : 0,
                located ? Integer.parseInt(at.group(3)) : 0, "text after the end of the JSON value");
    }

    /** Gson reports {@code <reason> at line L column C path P}; keep those parts, in our words where Gson's are about its API. */
    private PolicyException malformed(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        Matcher m = GSON_LOCATION.matcher(text);
        if (!m.matches()) {
            return PolicyException.malformed(file, "$", 0, 0, text.lines().findFirst().orElse(text));
        }
        String reason = m.group(1);
        if (reason.startsWith("Use JsonReader.setStrictness")) {
            reason = "not strict JSON (comments, single quotes, unquoted names and NaN are not allowed)";
        } else if (reason.equals("End of input")) {
            reason = "the text ends before the JSON value does";
        }
        String path = m.group(4).endsWith(".") ? m.group(4).substring(0, m.group(4).length() - 1) : m.group(4);
        return PolicyException.malformed(file, path, Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), reason);
    }

    /** Gson keeps the last of two equal keys silently; a policy with a key twice is a mistake worth naming. */
    private void rejectDuplicateKeys(String json) throws PolicyException {
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            scanForDuplicates(reader);
        } catch (IOException e) {
            throw malformed(e); // not reached: the text has parsed already
        }
    }

    private void scanForDuplicates(JsonReader reader) throws IOException, PolicyException {
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                reader.beginObject();
                Set<String> seen = new HashSet<>();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (!seen.add(name)) {
                        throw PolicyException.mismatch(file, reader.getPath(), "each field once",
                                quote(name) + " a second time");
                    }
                    scanForDuplicates(reader);
                }
                reader.endObject();
            }
            case BEGIN_ARRAY -> {
                reader.beginArray();
                while (reader.hasNext()) {
                    scanForDuplicates(reader);
                }
                reader.endArray();
            }
            default -> reader.skipValue();
        }
    }

    // ---------------------------------------------------------------- the tree

    private Policy policy(JsonElement root) throws PolicyException {
        JsonObject o = object(root, "$", POLICY_FIELDS, "field");
        Policy d = Policy.defaults();
        List<Long> seeds = o.has("seeds") ? seeds(o.get("seeds"), "$.seeds") : d.seeds();
        Mode mode = o.has("scoringMode") ? scoringMode(o.get("scoringMode"), "$.scoringMode") : d.scoringMode();
        ShapeRule shapes = o.has("shapes") ? shapes(o.get("shapes"), "$.shapes") : d.shapes();
        Tolerance tolerance = o.has("tolerance") ? tolerance(o.get("tolerance"), "$.tolerance") : d.tolerance();
        Map<String, ExerciseRule> exercises = o.has("exercises") ? exercises(o.get("exercises"), "$.exercises")
                : d.exercises();
        Limits limits = o.has("limits") ? limits(o.get("limits"), "$.limits") : d.limits();
        List<String> include = o.has("include") ? include(o.get("include"), "$.include") : d.include();
        List<String> allowApis = o.has("allowApis") ? allowApis(o.get("allowApis"), "$.allowApis") : d.allowApis();
        return new Policy(seeds, mode, shapes, tolerance, exercises, limits, include, allowApis);
    }

    /** A non-empty array of distinct exercise ids: the exercises this homework grades. */
    private List<String> include(JsonElement e, String path) throws PolicyException {
        String expected = "a non-empty array of distinct exercise ids (" + String.join(", ", Exercises.ids()) + ")";
        if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw PolicyException.mismatch(file, path, expected, show(e));
        }
        List<String> ids = new ArrayList<>();
        JsonArray a = e.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
            JsonElement id = a.get(i);
            String at = path + "[" + i + "]";
            if (!id.isJsonPrimitive() || !id.getAsJsonPrimitive().isString()) {
                throw PolicyException.mismatch(file, at, "an exercise id", show(id));
            }
            if (Exercises.byId(id.getAsString()).isEmpty() || ids.contains(id.getAsString())) {
                throw PolicyException.mismatch(file, at, ids.contains(id.getAsString()) ? "an exercise not listed before"
                        : "one of " + String.join(", ", Exercises.ids()), show(id));
            }
            ids.add(id.getAsString());
        }
        return ids;
    }

    private List<String> allowApis(JsonElement e, String path) throws PolicyException {
        if (!e.isJsonArray()) {
            throw PolicyException.mismatch(file, path, "an array of APIs (" + ApiPattern.EXPECTED + ")", show(e));
        }
        JsonArray a = e.getAsJsonArray();
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String at = path + "[" + i + "]";
            JsonElement item = a.get(i);
            if (!isString(item)) {
                throw PolicyException.mismatch(file, at, ApiPattern.EXPECTED, show(item));
            }
            try {
                ApiPattern.parse(item.getAsString());
            } catch (IllegalArgumentException bad) {
                throw PolicyException.mismatch(file, at, ApiPattern.EXPECTED, show(item));
            }
            patterns.add(item.getAsString());
        }
        return patterns;
    }

    private List<Long> seeds(JsonElement e, String path) throws PolicyException {
        String expected = "a non-empty array of integer seeds";
        if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw PolicyException.mismatch(file, path, expected, show(e));
        }
        JsonArray a = e.getAsJsonArray();
        List<Long> seeds = new ArrayList<>();
        Map<Long, String> firstAt = new HashMap<>();
        for (int i = 0; i < a.size(); i++) {
            String at = path + "[" + i + "]";
            long seed = seed(a.get(i), at);
            String earlier = firstAt.putIfAbsent(seed, at);
            if (earlier != null) {
                String given = show(a.get(i));
                throw PolicyException.mismatch(file, at, "distinct seeds", given + ", already at " + earlier
                        + (given.equals(Seeds.toString(seed)) ? ""
                                : " (torch seeds " + given + " as " + Seeds.toString(seed) + ")"));
            }
            seeds.add(seed);
        }
        return seeds;
    }

    /** A seed as {@code torch.Generator().manual_seed} takes it: an integer in [-2^63, 2^64), see {@link Seeds}. */
    private long seed(JsonElement e, String path) throws PolicyException {
        if (isNumber(e) && INTEGER.matcher(e.getAsString()).matches()) {
            Optional<Long> seed = Seeds.of(new BigInteger(e.getAsString()));
            if (seed.isPresent()) {
                return seed.get();
            }
        }
        throw PolicyException.mismatch(file, path, "an integer seed in torch's range [-2^63, 2^64)", show(e));
    }

    private Mode scoringMode(JsonElement e, String path) throws PolicyException {
        String s = choice(e, path, "isolated", "chained");
        return s.equals("isolated") ? Mode.ISOLATED : Mode.CHAINED;
    }

    private ShapeRule shapes(JsonElement e, String path) throws PolicyException {
        String s = choice(e, path, "strict", "squeeze");
        return s.equals("strict") ? ShapeRule.STRICT : ShapeRule.SQUEEZE;
    }

    private Tolerance tolerance(JsonElement e, String path) throws PolicyException {
        JsonObject o = object(e, path, TOLERANCE_FIELDS, "field");
        Tolerance d = Tolerance.DEFAULT;
        Tolerance.Mode mode = o.has("atolMode")
                ? (choice(o.get("atolMode"), path + ".atolMode", "scaled", "absolute").equals("scaled")
                        ? Tolerance.Mode.SCALED : Tolerance.Mode.ABSOLUTE)
                : Tolerance.Mode.SCALED;
        if (mode == Tolerance.Mode.SCALED && o.has("atol")) {
            throw PolicyException.mismatch(file, path + ".atol",
                    "atolScale for a floor scaled to max|t|, or atol with \"atolMode\": \"absolute\"",
                    "atol with atolMode \"scaled\"");
        }
        if (mode == Tolerance.Mode.ABSOLUTE && o.has("atolScale")) {
            throw PolicyException.mismatch(file, path + ".atolScale", "atol with \"atolMode\": \"absolute\"",
                    "atolScale");
        }
        double rtol = o.has("rtol") ? nonNegative(o.get("rtol"), path + ".rtol") : d.rtol();
        String atolKey = mode == Tolerance.Mode.SCALED ? "atolScale" : "atol";
        double atol = o.has(atolKey) ? nonNegative(o.get(atolKey), path + "." + atolKey) : d.atol();
        return new Tolerance(rtol, atol, mode);
    }

    private Map<String, ExerciseRule> exercises(JsonElement e, String path) throws PolicyException {
        JsonObject o = object(e, path, null, null);
        Map<String, ExerciseRule> rules = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : o.entrySet()) {
            String at = path + "." + entry.getKey();
            Exercise<?, ?> exercise = Exercises.byId(entry.getKey()).orElseThrow(
                    () -> PolicyException.unknownKey(file, at, entry.getKey(), "exercise", Exercises.ids()));
            rules.put(exercise.id(), exerciseRule(exercise, entry.getValue(), at));
        }
        return rules;
    }

    private ExerciseRule exerciseRule(Exercise<?, ?> exercise, JsonElement e, String path) throws PolicyException {
        JsonObject o = object(e, path, EXERCISE_FIELDS, "field");
        Double weight = o.has("weight") ? nonNegative(o.get("weight"), path + ".weight") : null;
        Tolerance tolerance = o.has("tolerance") ? tolerance(o.get("tolerance"), path + ".tolerance") : null;
        Map<String, GradientRule> gradients = new LinkedHashMap<>();
        if (o.has("gradients")) {
            String gpath = path + ".gradients";
            List<String> names = exercise.gradients().stream().map(Gradient::name).toList();
            for (Map.Entry<String, JsonElement> entry : object(o.get("gradients"), gpath, null, null).entrySet()) {
                String at = gpath + "." + entry.getKey();
                if (!names.contains(entry.getKey())) {
                    throw PolicyException.unknownKey(file, at, entry.getKey(), "gradient of " + exercise.id(),
                            names);
                }
                gradients.put(entry.getKey(), gradientRule(entry.getValue(), at));
            }
        }
        return new ExerciseRule(weight, tolerance, gradients);
    }

    private GradientRule gradientRule(JsonElement e, String path) throws PolicyException {
        JsonObject o = object(e, path, GRADIENT_FIELDS, "field");
        Double points = o.has("points") ? nonNegative(o.get("points"), path + ".points") : null;
        Tolerance tolerance = o.has("tolerance") ? tolerance(o.get("tolerance"), path + ".tolerance") : null;
        return new GradientRule(points, tolerance);
    }

    private Limits limits(JsonElement e, String path) throws PolicyException {
        JsonObject o = object(e, path, LIMITS_FIELDS, "field");
        Limits d = Limits.defaults();
        String positiveLong = "a positive integer";
        String positiveInt = "a positive integer up to " + Integer.MAX_VALUE;
        long methodTimeoutMs = o.has("methodTimeoutMs") ? integer(o.get("methodTimeoutMs"), path + ".methodTimeoutMs",
                positiveLong, 1, Long.MAX_VALUE) : d.methodTimeoutMs();
        long submissionTimeoutMs = o.has("submissionTimeoutMs") ? integer(o.get("submissionTimeoutMs"),
                path + ".submissionTimeoutMs", positiveLong, 1, Long.MAX_VALUE) : d.submissionTimeoutMs();
        int heapMb = o.has("heapMb") ? (int) integer(o.get("heapMb"), path + ".heapMb", positiveInt, 1,
                Integer.MAX_VALUE) : d.heapMb();
        return new Limits(methodTimeoutMs, submissionTimeoutMs, heapMb,
                o.has("stackKb") ? (int) integer(o.get("stackKb"), path + ".stackKb", positiveInt, 1,
                        Integer.MAX_VALUE) : d.stackKb(),
                o.has("outputCapBytes") ? integer(o.get("outputCapBytes"), path + ".outputCapBytes",
                        positiveLong, 1, Long.MAX_VALUE) : d.outputCapBytes(),
                o.has("memoryMb") ? (int) integer(o.get("memoryMb"), path + ".memoryMb", positiveInt, 1,
                        Integer.MAX_VALUE) : Limits.defaultMemoryMb(heapMb),
                o.has("processes") ? (int) integer(o.get("processes"), path + ".processes", positiveInt, 1,
                        Integer.MAX_VALUE) : Limits.DEFAULT_PROCESSES,
                o.has("fileSizeMb") ? (int) integer(o.get("fileSizeMb"), path + ".fileSizeMb", positiveInt, 1,
                        Integer.MAX_VALUE) : Limits.DEFAULT_FILE_SIZE_MB,
                o.has("cpuSeconds") ? integer(o.get("cpuSeconds"), path + ".cpuSeconds", positiveLong, 1,
                        Long.MAX_VALUE) : Limits.defaultCpuSeconds(submissionTimeoutMs));
    }

    // ---------------------------------------------------------------- values

    /** An object whose keys are all in {@code known} (any keys when {@code known} is null). */
    private JsonObject object(JsonElement e, String path, List<String> known, String what) throws PolicyException {
        if (!e.isJsonObject()) {
            throw PolicyException.mismatch(file, path, "an object", show(e));
        }
        JsonObject o = e.getAsJsonObject();
        if (known != null) {
            for (String key : o.keySet()) {
                if (!known.contains(key)) {
                    throw PolicyException.unknownKey(file, path + "." + key, key, what, known);
                }
            }
        }
        return o;
    }

    private String choice(JsonElement e, String path, String first, String second) throws PolicyException {
        if (isString(e)) {
            String s = e.getAsString();
            if (s.equals(first) || s.equals(second)) {
                return s;
            }
        }
        throw PolicyException.mismatch(file, path, quote(first) + " or " + quote(second), show(e));
    }

    private double nonNegative(JsonElement e, String path) throws PolicyException {
        if (isNumber(e)) {
            double v = e.getAsDouble();
            if (Double.isFinite(v) && v >= 0) {
                return v;
            }
        }
        throw PolicyException.mismatch(file, path, NON_NEGATIVE, show(e));
    }

    /** A JSON number written as an integer (no fraction, no exponent) within {@code [min, max]}. */
    private long integer(JsonElement e, String path, String expected, long min, long max) throws PolicyException {
        if (isNumber(e)) {
            String text = e.getAsString();
            if (INTEGER.matcher(text).matches()) {
                BigInteger v = new BigInteger(text);
                if (v.compareTo(BigInteger.valueOf(min)) >= 0 && v.compareTo(BigInteger.valueOf(max)) <= 0) {
                    return v.longValue();
                }
            }
        }
        throw PolicyException.mismatch(file, path, expected, show(e));
    }

    private static boolean isNumber(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
    }

    private static boolean isString(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    private static String quote(String s) {
        return new JsonPrimitive(s).toString();
    }

    /** A JSON value as it was written (numbers keep their text), cut to 40 characters. */
    private static String show(JsonElement e) {
        String text = e.toString();
        return text.length() <= 40 ? text : text.substring(0, 39) + "…";
    }
}
