package org.backpropgrader.grader.policy;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.backpropgrader.grader.policy.PolicyText.Node;

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
 * <p>The JSON is read once, strictly (no comments, single quotes or NaN), by {@link PolicyText}, and every mistake
 * is reported with its line, column and JSON path: a syntax error, an unknown or repeated key, a value of the wrong
 * type or range, an unknown exercise or gradient.
 */
public final class PolicyLoader {
    private static final List<String> POLICY_FIELDS =
            List.of("seeds", "scoringMode", "shapes", "tolerance", "exercises", "limits", "include", "allowApis");
    private static final List<String> TOLERANCE_FIELDS = List.of("rtol", "atolScale", "atol", "atolMode");
    private static final List<String> EXERCISE_FIELDS = List.of("weight", "tolerance", "gradients");
    private static final List<String> GRADIENT_FIELDS = List.of("points", "tolerance");
    private static final List<String> LIMITS_FIELDS = List.of(
            "methodTimeoutMs",
            "submissionTimeoutMs",
            "heapMb",
            "stackKb",
            "outputCapBytes",
            "memoryMb",
            "processes",
            "fileSizeMb",
            "cpuSeconds");

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
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
            throw PolicyException.unreadable(
                    name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return parse(json, name);
    }

    /**
     * Parses policy JSON.
     *
     * @param sourceName what errors call the text, e.g. the file name
     */
    public static Policy parse(String json, String sourceName) throws PolicyException {
        return new PolicyLoader(sourceName).policy(PolicyText.read(json, sourceName));
    }

    // ---------------------------------------------------------------- the tree

    private Policy policy(Node root) throws PolicyException {
        Map<String, Node> o = object(root, POLICY_FIELDS, "field");
        Policy d = Policy.defaults();
        List<Long> seeds = o.containsKey("seeds") ? seeds(o.get("seeds")) : d.seeds();
        Mode mode = o.containsKey("scoringMode") ? scoringMode(o.get("scoringMode")) : d.scoringMode();
        ShapeRule shapes = o.containsKey("shapes") ? shapes(o.get("shapes")) : d.shapes();
        Tolerance tolerance = o.containsKey("tolerance") ? tolerance(o.get("tolerance")) : d.tolerance();
        Map<String, ExerciseRule> exercises =
                o.containsKey("exercises") ? exercises(o.get("exercises")) : d.exercises();
        Limits limits = o.containsKey("limits") ? limits(o.get("limits")) : d.limits();
        List<String> include = o.containsKey("include") ? include(o.get("include")) : d.include();
        List<String> allowApis = o.containsKey("allowApis") ? allowApis(o.get("allowApis")) : d.allowApis();
        return new Policy(seeds, mode, shapes, tolerance, exercises, limits, include, allowApis);
    }

    /** A non-empty array of distinct exercise ids: the exercises this homework grades. */
    private List<String> include(Node n) throws PolicyException {
        String expected = "a non-empty array of distinct exercise ids (" + String.join(", ", Exercises.ids()) + ")";
        if (!n.json().isJsonArray() || n.elements().isEmpty()) {
            throw mismatch(n, expected);
        }
        List<String> ids = new ArrayList<>();
        for (Node id : n.elements()) {
            if (!isString(id.json())) {
                throw mismatch(id, "an exercise id");
            }
            String text = id.json().getAsString();
            if (!Exercises.ids().contains(text) || ids.contains(text)) {
                throw mismatch(
                        id,
                        ids.contains(text)
                                ? "an exercise not listed before"
                                : "one of " + String.join(", ", Exercises.ids()));
            }
            ids.add(text);
        }
        return ids;
    }

    private List<String> allowApis(Node n) throws PolicyException {
        if (!n.json().isJsonArray()) {
            throw mismatch(n, "an array of APIs (" + ApiPattern.EXPECTED + ")");
        }
        List<String> patterns = new ArrayList<>();
        for (Node item : n.elements()) {
            if (!isString(item.json())) {
                throw mismatch(item, ApiPattern.EXPECTED);
            }
            try {
                ApiPattern.parse(item.json().getAsString());
            } catch (IllegalArgumentException bad) {
                throw mismatch(item, ApiPattern.EXPECTED);
            }
            patterns.add(item.json().getAsString());
        }
        return patterns;
    }

    private List<Long> seeds(Node n) throws PolicyException {
        if (!n.json().isJsonArray() || n.elements().isEmpty()) {
            throw mismatch(n, "a non-empty array of integer seeds");
        }
        List<Long> seeds = new ArrayList<>();
        Map<Long, String> firstAt = new HashMap<>();
        for (Node element : n.elements()) {
            long seed = seed(element);
            String earlier = firstAt.putIfAbsent(seed, element.path());
            if (earlier != null) {
                String given = show(element.json());
                throw PolicyException.mismatch(
                        file,
                        element.path(),
                        element.at(),
                        "distinct seeds",
                        given
                                + ", already at " + earlier
                                + (given.equals(Seeds.toString(seed))
                                        ? ""
                                        : " (torch seeds " + given + " as " + Seeds.toString(seed) + ")"));
            }
            seeds.add(seed);
        }
        return seeds;
    }

    /** A seed as {@code torch.Generator().manual_seed} takes it: an integer in [-2^63, 2^64), see {@link Seeds}. */
    private long seed(Node n) throws PolicyException {
        if (isNumber(n.json()) && INTEGER.matcher(n.json().getAsString()).matches()) {
            Optional<Long> seed = Seeds.of(new BigInteger(n.json().getAsString()));
            if (seed.isPresent()) {
                return seed.get();
            }
        }
        throw mismatch(n, "an integer seed in torch's range [-2^63, 2^64)");
    }

    private Mode scoringMode(Node n) throws PolicyException {
        String s = choice(n, "isolated", "chained");
        return s.equals("isolated") ? Mode.ISOLATED : Mode.CHAINED;
    }

    private ShapeRule shapes(Node n) throws PolicyException {
        String s = choice(n, "strict", "squeeze");
        return s.equals("strict") ? ShapeRule.STRICT : ShapeRule.SQUEEZE;
    }

    private Tolerance tolerance(Node n) throws PolicyException {
        Map<String, Node> o = object(n, TOLERANCE_FIELDS, "field");
        Tolerance d = Tolerance.DEFAULT;
        Tolerance.Mode mode = o.containsKey("atolMode")
                ? (choice(o.get("atolMode"), "scaled", "absolute").equals("scaled")
                        ? Tolerance.Mode.SCALED
                        : Tolerance.Mode.ABSOLUTE)
                : Tolerance.Mode.SCALED;
        if (mode == Tolerance.Mode.SCALED && o.containsKey("atol")) {
            Node atol = o.get("atol");
            throw PolicyException.mismatch(
                    file,
                    atol.path(),
                    atol.nameAt(),
                    "atolScale for a floor scaled to max|t|, or atol with \"atolMode\": \"absolute\"",
                    "atol with atolMode \"scaled\"");
        }
        if (mode == Tolerance.Mode.ABSOLUTE && o.containsKey("atolScale")) {
            Node atolScale = o.get("atolScale");
            throw PolicyException.mismatch(
                    file, atolScale.path(), atolScale.nameAt(), "atol with \"atolMode\": \"absolute\"", "atolScale");
        }
        double rtol = o.containsKey("rtol") ? nonNegative(o.get("rtol")) : d.rtol();
        String atolKey = mode == Tolerance.Mode.SCALED ? "atolScale" : "atol";
        double atol = o.containsKey(atolKey) ? nonNegative(o.get(atolKey)) : d.atol();
        return new Tolerance(rtol, atol, mode);
    }

    private Map<String, ExerciseRule> exercises(Node n) throws PolicyException {
        Map<String, ExerciseRule> rules = new LinkedHashMap<>();
        for (Map.Entry<String, Node> entry : object(n, null, null).entrySet()) {
            Node rule = entry.getValue();
            Exercise<?, ?> exercise = Exercises.byId(entry.getKey())
                    .orElseThrow(() -> PolicyException.unknownKey(
                            file, rule.path(), rule.nameAt(), entry.getKey(), "exercise", Exercises.ids()));
            rules.put(exercise.id(), exerciseRule(exercise, rule));
        }
        return rules;
    }

    private ExerciseRule exerciseRule(Exercise<?, ?> exercise, Node n) throws PolicyException {
        Map<String, Node> o = object(n, EXERCISE_FIELDS, "field");
        Double weight = o.containsKey("weight") ? nonNegative(o.get("weight")) : null;
        Tolerance tolerance = o.containsKey("tolerance") ? tolerance(o.get("tolerance")) : null;
        Map<String, GradientRule> gradients = new LinkedHashMap<>();
        if (o.containsKey("gradients")) {
            List<String> names =
                    exercise.gradients().stream().map(Gradient::name).toList();
            for (Map.Entry<String, Node> entry :
                    object(o.get("gradients"), null, null).entrySet()) {
                Node rule = entry.getValue();
                if (!names.contains(entry.getKey())) {
                    throw PolicyException.unknownKey(
                            file, rule.path(), rule.nameAt(), entry.getKey(), "gradient of " + exercise.id(), names);
                }
                gradients.put(entry.getKey(), gradientRule(rule));
            }
        }
        return new ExerciseRule(weight, tolerance, gradients);
    }

    private GradientRule gradientRule(Node n) throws PolicyException {
        Map<String, Node> o = object(n, GRADIENT_FIELDS, "field");
        Double points = o.containsKey("points") ? nonNegative(o.get("points")) : null;
        Tolerance tolerance = o.containsKey("tolerance") ? tolerance(o.get("tolerance")) : null;
        return new GradientRule(points, tolerance);
    }

    private Limits limits(Node n) throws PolicyException {
        Map<String, Node> o = object(n, LIMITS_FIELDS, "field");
        Limits d = Limits.defaults();
        long methodTimeoutMs =
                o.containsKey("methodTimeoutMs") ? positiveLong(o.get("methodTimeoutMs")) : d.methodTimeoutMs();
        long submissionTimeoutMs = o.containsKey("submissionTimeoutMs")
                ? positiveLong(o.get("submissionTimeoutMs"))
                : d.submissionTimeoutMs();
        int heapMb = o.containsKey("heapMb") ? positiveInt(o.get("heapMb")) : d.heapMb();
        return new Limits(
                methodTimeoutMs,
                submissionTimeoutMs,
                heapMb,
                o.containsKey("stackKb") ? positiveInt(o.get("stackKb")) : d.stackKb(),
                o.containsKey("outputCapBytes") ? positiveLong(o.get("outputCapBytes")) : d.outputCapBytes(),
                o.containsKey("memoryMb") ? positiveInt(o.get("memoryMb")) : Limits.defaultMemoryMb(heapMb),
                o.containsKey("processes") ? positiveInt(o.get("processes")) : Limits.DEFAULT_PROCESSES,
                o.containsKey("fileSizeMb") ? positiveInt(o.get("fileSizeMb")) : Limits.DEFAULT_FILE_SIZE_MB,
                o.containsKey("cpuSeconds")
                        ? positiveLong(o.get("cpuSeconds"))
                        : Limits.defaultCpuSeconds(submissionTimeoutMs));
    }

    // ---------------------------------------------------------------- values

    /**
     * An object's fields, all of them in {@code known} (any when {@code known} is null); an unknown one is named where
     * its key stands.
     */
    private Map<String, Node> object(Node n, List<String> known, String what) throws PolicyException {
        if (!n.json().isJsonObject()) {
            throw mismatch(n, "an object");
        }
        if (known != null) {
            for (Map.Entry<String, Node> member : n.members().entrySet()) {
                if (!known.contains(member.getKey())) {
                    Node value = member.getValue();
                    throw PolicyException.unknownKey(file, value.path(), value.nameAt(), member.getKey(), what, known);
                }
            }
        }
        return n.members();
    }

    private String choice(Node n, String first, String second) throws PolicyException {
        if (isString(n.json())) {
            String s = n.json().getAsString();
            if (s.equals(first) || s.equals(second)) {
                return s;
            }
        }
        throw mismatch(n, quote(first) + " or " + quote(second));
    }

    private double nonNegative(Node n) throws PolicyException {
        if (isNumber(n.json())) {
            double v = n.json().getAsDouble();
            if (Double.isFinite(v) && v >= 0) {
                return v;
            }
        }
        throw mismatch(n, NON_NEGATIVE);
    }

    private long positiveLong(Node n) throws PolicyException {
        return integer(n, "a positive integer", 1, Long.MAX_VALUE);
    }

    private int positiveInt(Node n) throws PolicyException {
        return (int) integer(n, "a positive integer up to " + Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
    }

    /** A JSON number written as an integer (no fraction, no exponent) within {@code [min, max]}. */
    private long integer(Node n, String expected, long min, long max) throws PolicyException {
        if (isNumber(n.json())) {
            String text = n.json().getAsString();
            if (INTEGER.matcher(text).matches()) {
                BigInteger v = new BigInteger(text);
                if (v.compareTo(BigInteger.valueOf(min)) >= 0 && v.compareTo(BigInteger.valueOf(max)) <= 0) {
                    return v.longValue();
                }
            }
        }
        throw mismatch(n, expected);
    }

    /** {@code n} is not {@code expected}: named by its path, where it starts, and shown as written. */
    private PolicyException mismatch(Node n, String expected) {
        return PolicyException.mismatch(file, n.path(), n.at(), expected, show(n.json()));
    }

    private static boolean isNumber(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
    }

    private static boolean isString(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    static String quote(String s) {
        return new JsonPrimitive(s).toString();
    }

    /** A JSON value as it was written (numbers keep their text), cut to 40 characters. */
    private static String show(JsonElement e) {
        String text = e.toString();
        return text.length() <= 40 ? text : text.substring(0, 39) + "…";
    }
}
