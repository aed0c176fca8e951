package org.backpropgrader.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.backpropgrader.reference.Autograd;
import org.backpropgrader.reference.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The three makemore exercises for seed 111111 against real PyTorch ({@code fixtures/makemore-seed-111111.json}, see
 * {@code fixtures/PROVENANCE.md}): the float leaves bit for bit, {@code Xb} and {@code Yb} value for value as int64,
 * every forward value and every autograd gradient in the file within 1e-5 normwise ({@code ||ours - torch|| /
 * ||torch||}), and the gradients that are zero in exact arithmetic against the magnitude of the gradient they are
 * summed from, as the file says to compare them.
 */
class MakemoreGoldenSeed111111Test {
    private static final long SEED = 111111;
    private static final double MAX_NORMWISE_ERROR = 1e-5;
    private static final Map<String, Double> WORST = new LinkedHashMap<>();

    private static JsonObject golden;

    @BeforeAll
    static void load() throws IOException {
        try (Reader in = new InputStreamReader(
                MakemoreGoldenSeed111111Test.class.getResourceAsStream("/fixtures/makemore-seed-111111.json"),
                StandardCharsets.UTF_8)) {
            golden = JsonParser.parseReader(in).getAsJsonObject();
        }
    }

    @AfterAll
    static void reportWorstErrors() {
        WORST.forEach((k, v) -> System.out.printf("makemore golden worst normwise error %-24s %.3e%n", k, v));
    }

    @TestFactory
    Stream<DynamicContainer> everyMakemoreExerciseMatchesPyTorch() {
        List<DynamicContainer> containers = new ArrayList<>();
        for (JsonElement e : golden.getAsJsonArray("records")) {
            JsonObject record = e.getAsJsonObject();
            assertEquals(SEED, record.get("seed").getAsLong());
            Exercise<?, ?> exercise =
                    Exercises.byId(record.get("exercise").getAsString()).orElseThrow();
            containers.add(DynamicContainer.dynamicContainer(exercise.id(), checks(exercise, record)));
        }
        assertEquals(
                List.of("makemore-manual", "makemore-cross-entropy", "makemore-batchnorm"),
                containers.stream().map(DynamicContainer::getDisplayName).toList());
        return containers.stream();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Stream<DynamicTest> checks(Exercise exercise, JsonObject record) {
        Record f = exercise.forward(SEED);
        Map<String, Tensor> tensors = exercise.tensors(f);
        String key = exercise.id();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(
                "checks the fixture's gradients in its order",
                () -> assertEquals(
                        names(record.getAsJsonArray("checked_gradients")),
                        exercise.gradients().stream()
                                .map(g -> ((Gradient) g).name())
                                .toList())));
        for (JsonElement leaf : record.getAsJsonArray("leaves")) {
            JsonObject json = leaf.getAsJsonObject();
            String name = json.get("name").getAsString();
            tests.add(DynamicTest.dynamicTest("leaf " + name + " is bit-identical", () -> {
                Tensor got = tensors.get(name);
                assertArrayEquals(shape(json), got.shape(), name + " shape");
                if (json.get("dtype").getAsString().equals("int64")) {
                    assertEquals(Tensor.Dtype.INT64, got.dtype(), name + " dtype");
                    JsonArray ints = json.getAsJsonArray("int");
                    long[] want = new long[ints.size()];
                    for (int i = 0; i < want.length; i++) {
                        want[i] = ints.get(i).getAsLong();
                    }
                    assertArrayEquals(want, got.toLongArray(), name + " values");
                } else {
                    assertEquals(Tensor.Dtype.FLOAT32, got.dtype(), name + " dtype");
                    assertArrayEquals(bits(GoldenTensor.from(json).values()), bits(got.toFloatArray()), name + " bits");
                }
            }));
        }
        for (JsonElement inter : record.getAsJsonArray("intermediates")) {
            JsonObject json = inter.getAsJsonObject();
            String name = json.get("name").getAsString();
            tests.add(DynamicTest.dynamicTest(
                    "forward " + name + " is close",
                    () -> assertNormwiseClose(key, "forward " + name, GoldenTensor.from(json), tensors.get(name))));
        }
        // Every gradient the file holds (leaves and intermediates on the loss graph), not only the checked ones.
        JsonObject grads = record.getAsJsonObject("gradients");
        List<String> names = new ArrayList<>(grads.keySet());
        names.remove("loss");
        Tensor[] wrt = names.stream().map(tensors::get).toArray(Tensor[]::new);
        List<Tensor> ours = Autograd.gradients(exercise.output(f), wrt);
        JsonObject noise = record.getAsJsonObject("noise_gradients");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Tensor got = ours.get(i);
            GoldenTensor want = GoldenTensor.from(grads.getAsJsonObject(name));
            if (noise.has(name)) {
                String scaleOf = noise.getAsJsonObject(name).get("scale_of").getAsString();
                GoldenTensor scale = GoldenTensor.from(grads.getAsJsonObject(scaleOf));
                tests.add(DynamicTest.dynamicTest(
                        "gradient " + name + " (zero in exact arithmetic) is noise at the" + " scale of d" + scaleOf,
                        () -> assertNoiseClose(name, want, got, maxAbs(scale.values()))));
            } else {
                tests.add(DynamicTest.dynamicTest(
                        "gradient " + name + " is close",
                        () -> assertNormwiseClose(key, "gradient " + name, want, got)));
            }
        }
        tests.add(DynamicTest.dynamicTest(
                "loss is close",
                () -> assertNormwiseClose(
                        key, "loss", GoldenTensor.from(record.getAsJsonObject("loss")), exercise.output(f))));
        return tests.stream();
    }

    /** The exercises flag exactly the file's noise gradients among their checked ones, scaled by the same tensor. */
    @TestFactory
    Stream<DynamicTest> zeroInExactArithmeticGradientsAreTheFixturesNoiseGradients() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement e : golden.getAsJsonArray("records")) {
            JsonObject record = e.getAsJsonObject();
            Exercise<?, ?> exercise =
                    Exercises.byId(record.get("exercise").getAsString()).orElseThrow();
            JsonObject noise = record.getAsJsonObject("noise_gradients");
            tests.add(DynamicTest.dynamicTest(exercise.id(), () -> {
                Map<String, String> flagged = new LinkedHashMap<>();
                exercise.gradients().stream()
                        .filter(Gradient::isZeroInExactArithmetic)
                        .forEach(g -> flagged.put(g.name(), g.floorScaleOf()));
                Map<String, String> expected = new LinkedHashMap<>();
                for (Gradient<?, ?> g : exercise.gradients()) {
                    if (noise.has(g.name())) {
                        expected.put(
                                g.name(),
                                noise.getAsJsonObject(g.name()).get("scale_of").getAsString());
                    }
                }
                assertEquals(expected, flagged);
            }));
        }
        return tests.stream();
    }

    private static void assertNormwiseClose(String exercise, String what, GoldenTensor want, Tensor got) {
        assertArrayEquals(want.shape(), got.shape(), what + " shape");
        float[] g = got.toFloatArray();
        double diff2 = 0;
        double norm2 = 0;
        for (int i = 0; i < g.length; i++) {
            assertTrue(Float.isFinite(g[i]) && Float.isFinite(want.values()[i]), what + " finite at " + i);
            double d = (double) g[i] - want.values()[i];
            diff2 += d * d;
            norm2 += (double) want.values()[i] * want.values()[i];
        }
        double relative = norm2 == 0 ? Math.sqrt(diff2) : Math.sqrt(diff2 / norm2);
        WORST.merge(exercise, relative, Math::max);
        assertTrue(relative <= MAX_NORMWISE_ERROR, what + ": ||ours - torch|| / ||torch|| = " + relative);
    }

    /** Both are rounding noise: each within 1e-5 of the scale's magnitude of zero, and so of each other. */
    private static void assertNoiseClose(String name, GoldenTensor want, Tensor got, double scale) {
        assertArrayEquals(want.shape(), got.shape(), name + " shape");
        float[] g = got.toFloatArray();
        for (int i = 0; i < g.length; i++) {
            double d = Math.abs((double) g[i] - want.values()[i]);
            assertTrue(
                    d <= 1e-5 * scale,
                    name + "[" + i + "]: ours " + g[i] + " torch " + want.values()[i] + ", more than 1e-5 * " + scale
                            + " apart");
        }
        assertTrue(maxAbs(g) <= 1e-5 * scale, name + " is noise: max " + maxAbs(g) + " vs scale " + scale);
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static int[] shape(JsonObject json) {
        JsonArray a = json.getAsJsonArray("shape");
        int[] s = new int[a.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = a.get(i).getAsInt();
        }
        return s;
    }

    private static List<String> names(JsonArray a) {
        List<String> n = new ArrayList<>();
        a.forEach(e -> n.add(e.getAsString()));
        return n;
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
