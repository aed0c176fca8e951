package org.backpropgrader.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.backpropgrader.exercises.l2linear.L2Linear;
import org.backpropgrader.exercises.reluneuron.ReluNeuron;
import org.backpropgrader.reference.Autograd;
import org.backpropgrader.reference.Generator;
import org.backpropgrader.reference.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every exercise for seed 111111 against real PyTorch ({@code fixtures/exercises-seed-111111.json}, see
 * {@code fixtures/PROVENANCE.md}): leaves bit for bit, forward values and autograd gradients up to a small
 * tensor-relative error (PyTorch's BLAS and libm round differently from ours), losses as the notebook printed.
 */
class GoldenSeed111111Test {
    private static final long SEED = 111111;
    /** max|ours - torch| / max|torch| allowed for forward values and gradients. */
    private static final double MAX_RELATIVE_ERROR = 1e-5;

    private static final Map<String, String> EXERCISE_OF_RECORD = Map.of(
            "E1", "mse-linear", "E2", "bce-logistic", "E3", "relu-neuron", "E4", "mlp-softmax-max", "E5", "l2-linear");
    private static final Map<String, Double> WORST = new LinkedHashMap<>();

    private static JsonObject golden;

    @BeforeAll
    static void load() throws IOException {
        try (Reader in = new InputStreamReader(
                GoldenSeed111111Test.class.getResourceAsStream("/fixtures/exercises-seed-111111.json"),
                StandardCharsets.UTF_8)) {
            golden = JsonParser.parseReader(in).getAsJsonObject();
        }
    }

    @AfterAll
    static void reportWorstErrors() {
        // Printed so that the figures reach the surefire report and the team's notes.
        WORST.forEach((k, v) -> System.out.printf("golden worst relative error %-28s %.3e%n", k, v));
    }

    @TestFactory
    Stream<DynamicContainer> notebookVariantMatchesPyTorch() {
        List<DynamicContainer> containers = new ArrayList<>();
        for (JsonElement e : golden.getAsJsonArray("records")) {
            JsonObject record = e.getAsJsonObject();
            if (!record.get("variant").getAsString().equals("notebook")) {
                continue;
            }
            Exercise<?, ?> exercise = Exercises.byId(
                            EXERCISE_OF_RECORD.get(record.get("exercise").getAsString()))
                    .orElseThrow();
            containers.add(DynamicContainer.dynamicContainer(
                    exercise.id(), checks(exercise, record, seed -> exercise.forward(seed))));
        }
        assertEquals(5, containers.size(), "one notebook record per exercise");
        return containers.stream();
    }

    /** The fixture's "fresh" records: the continuing exercises on a generator seeded right before their draws. */
    @TestFactory
    Stream<DynamicContainer> freshGeneratorVariantMatchesPyTorch() {
        Map<String, Function<Long, Record>> fresh = Map.of(
                "relu-neuron", seed -> ReluNeuron.forward(new Generator(seed)),
                "l2-linear", seed -> L2Linear.forward(new Generator(seed)));
        List<DynamicContainer> containers = new ArrayList<>();
        for (JsonElement e : golden.getAsJsonArray("records")) {
            JsonObject record = e.getAsJsonObject();
            if (!record.get("variant").getAsString().equals("fresh")) {
                continue;
            }
            String id = EXERCISE_OF_RECORD.get(record.get("exercise").getAsString());
            containers.add(DynamicContainer.dynamicContainer(
                    id + " (fresh generator)", checks(Exercises.byId(id).orElseThrow(), record, fresh.get(id))));
        }
        assertEquals(2, containers.size());
        return containers.stream();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Stream<DynamicTest> checks(
            Exercise exercise, JsonObject record, Function<Long, ? extends Record> forward) {
        Record f = forward.apply(SEED);
        Map<String, Tensor> tensors = exercise.tensors(f);
        String key = exercise.id() + (record.get("variant").getAsString().equals("fresh") ? " (fresh)" : "");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement leaf : record.getAsJsonArray("leaves")) {
            JsonObject json = leaf.getAsJsonObject();
            String name = json.get("name").getAsString();
            tests.add(DynamicTest.dynamicTest("leaf " + name + " is bit-identical", () -> {
                GoldenTensor want = GoldenTensor.from(json);
                Tensor got = tensors.get(name);
                assertArrayEquals(want.shape(), got.shape(), name + " shape");
                assertArrayEquals(bits(want.values()), bits(got.toFloatArray()), name + " bits");
            }));
        }
        for (JsonElement inter : record.getAsJsonArray("intermediates")) {
            JsonObject json = inter.getAsJsonObject();
            String name = json.get("name").getAsString();
            tests.add(DynamicTest.dynamicTest(
                    "forward " + name + " is close",
                    () -> assertClose(key, "forward " + name, GoldenTensor.from(json), tensors.get(name))));
        }
        List<Gradient> gradients = exercise.gradients();
        Tensor[] wrt = gradients.stream().map(g -> (Tensor) g.tensor().apply(f)).toArray(Tensor[]::new);
        List<Tensor> truth = Autograd.gradients(exercise.output(f), wrt);
        for (int i = 0; i < gradients.size(); i++) {
            String name = gradients.get(i).name();
            Tensor ours = truth.get(i);
            JsonObject json = record.getAsJsonObject("gradients").getAsJsonObject(name);
            tests.add(DynamicTest.dynamicTest(
                    "gradient " + name + " is close",
                    () -> assertClose(key, "gradient " + name, GoldenTensor.from(json), ours)));
        }
        float loss = exercise.output(f).toFloatArray()[0];
        JsonObject goldenLoss = record.getAsJsonObject("loss");
        tests.add(DynamicTest.dynamicTest(
                "loss is close", () -> assertClose(key, "loss", GoldenTensor.from(goldenLoss), exercise.output(f))));
        if (record.has("notebook_printed_loss")) {
            String printed =
                    record.getAsJsonObject("notebook_printed_loss").get("text").getAsString();
            tests.add(DynamicTest.dynamicTest(
                    "loss prints as the notebook's " + printed, () -> assertMatchesPrinted(printed, loss)));
        }
        return tests.stream();
    }

    private static void assertClose(String exercise, String what, GoldenTensor want, Tensor got) {
        assertArrayEquals(want.shape(), got.shape(), what + " shape");
        float[] g = got.toFloatArray();
        double maxAbs = 0;
        double maxDiff = 0;
        for (int i = 0; i < g.length; i++) {
            assertTrue(Float.isFinite(g[i]) == Float.isFinite(want.values()[i]), what + " finiteness at " + i);
            maxAbs = Math.max(maxAbs, Math.abs(want.values()[i]));
            maxDiff = Math.max(maxDiff, Math.abs((double) g[i] - want.values()[i]));
        }
        double relative = maxAbs == 0 ? maxDiff : maxDiff / maxAbs;
        WORST.merge(exercise, relative, Math::max);
        assertTrue(relative <= MAX_RELATIVE_ERROR, what + ": max|ours - torch| / max|torch| = " + relative);
    }

    /**
     * The notebook printed losses either as {@code tensor([6.0275])} (four decimals: ours must round to the same
     * text) or with {@code .item()} at full double precision (ours must agree to float32 accuracy).
     */
    private static void assertMatchesPrinted(String printed, float loss) {
        int decimals = printed.length() - printed.indexOf('.') - 1;
        if (decimals <= 4) {
            assertEquals(
                    printed,
                    new BigDecimal(loss)
                            .setScale(decimals, RoundingMode.HALF_EVEN)
                            .toPlainString());
        } else {
            double want = Double.parseDouble(printed);
            assertTrue(Math.abs(loss - want) <= 1e-6 * Math.abs(want), "loss " + loss + " vs printed " + printed);
        }
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    @Test
    void mseLinearLossPrintsAsTheNotebook() {
        Tensor loss = Exercises.byId("mse-linear").map(e -> lossOf(e, SEED)).orElseThrow();
        assertEquals("tensor([6.0275])", loss.toString());
    }

    @Test
    void bceLogisticLossPrintsAsTheNotebook() {
        Tensor loss = Exercises.byId("bce-logistic").map(e -> lossOf(e, SEED)).orElseThrow();
        assertEquals("tensor([1.1765])", loss.toString());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Tensor lossOf(Exercise e, long seed) {
        return e.output(e.forward(seed));
    }
}
