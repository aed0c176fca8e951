package org.backpropgrader.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.backpropgrader.reference.Autograd;
import org.backpropgrader.reference.Tensor;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * An exercise is declared once, in its definition's gradient list (names, upstream, known mistakes) and its forward
 * pass; everything else a person writes for it must agree, and this test fails on any mismatch, for every exercise
 * of the catalog:
 *
 * <ul>
 *   <li>each method's upstream parameters are the gradients of the tensor's consumers on the graph, later consumer
 *       first (derived here from the autograd graph, not trusted), except where the notebook chose another order;
 *   <li>the {@code …Forward} record's components are the forward pass's tensors, and each gradient reads its own;
 *   <li>each gradient's step calls the method of its name with the forward record and its upstream, in order;
 *   <li>the {@code …Backward} interface source declares exactly those methods, in that order, with the parameter
 *       names {@code d<upstream>} and a javadoc whose {@code shape [..]} is the true gradient's shape;
 *   <li>the student template's {@code <Prefix>Solution} repeats the same methods, order, parameters and shapes.
 * </ul>
 */
class ExerciseContractTest {
    private static final long SEED = 111111;
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path TEMPLATE = Path.of("../student-template/src/main/java/student");
    /** A method in source, its javadoc just above it: {@code /** … *\/ [@Override] [public] Tensor name(F f, …)}. */
    private static final Pattern METHOD = Pattern.compile(
            "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@Override\\s*)?(?:public\\s+)?"
                    + "Tensor\\s+(\\w+)\\(\\s*(\\w+)\\s+f((?:\\s*,\\s*Tensor\\s+\\w+)*)\\s*\\)",
            Pattern.DOTALL);

    private static final Pattern SHAPE = Pattern.compile("shape (\\[[0-9, ]*\\])");
    /**
     * Methods whose upstream parameters keep the notebook's own order (the notebook wrote them in forward order),
     * which students of the five notebook exercises code against; every other method lists its consumers later first.
     */
    private static final java.util.Set<String> NOTEBOOK_ORDER =
            java.util.Set.of("bce-logistic/probs", "bce-logistic/y", "l2-linear/W");

    @TestFactory
    Stream<DynamicContainer> everyExerciseAgreesWithItsDeclaration() {
        return Exercises.all().stream()
                .map(e -> DynamicContainer.dynamicContainer(
                        e.id(),
                        Stream.of(
                                DynamicTest.dynamicTest(
                                        "upstream parameters are the graph's consumers", () -> upstreamFromGraph(e)),
                                DynamicTest.dynamicTest(
                                        "gradients read their own forward component", () -> tensorsWired(e)),
                                DynamicTest.dynamicTest("steps call their own method", () -> stepsWired(e)),
                                DynamicTest.dynamicTest(
                                        "Backward interface source",
                                        () -> source(
                                                e,
                                                MAIN.resolve(e.backwardType()
                                                                .getName()
                                                                .replace('.', '/') + ".java"))),
                                DynamicTest.dynamicTest(
                                        "student template",
                                        () -> source(
                                                e,
                                                TEMPLATE.resolve(e.backwardType()
                                                                .getSimpleName()
                                                                .replace("Backward", "Solution")
                                                        + ".java"))))));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, Tensor> tensors(Exercise e, Record f) {
        return e.tensors(f);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void upstreamFromGraph(Exercise<?, ?> exercise) {
        Exercise e = exercise;
        Record f = e.forward(SEED);
        Map<String, Tensor> named = tensors(e, f);
        List<String> order = new ArrayList<>(named.keySet());
        Tensor output = e.output(f);
        Map<Tensor, List<Tensor>> inputs = Autograd.namedInputs(output, new ArrayList<>(named.values()));
        for (Gradient<?, ?> g : exercise.gradients()) {
            Tensor t = named.get(g.name());
            List<String> consumers = new ArrayList<>();
            named.forEach((name, u) -> {
                if (inputs.containsKey(u) && inputs.get(u).stream().anyMatch(in -> in == t)) {
                    consumers.add(name);
                }
            });
            consumers.sort(Comparator.comparingInt(order::indexOf).reversed());
            String where = exercise.id() + "/" + g.name();
            if (NOTEBOOK_ORDER.contains(where)) {
                java.util.Collections.reverse(consumers);
            }
            assertEquals(
                    consumers,
                    g.upstream(),
                    where + ": its upstream must be its consumers on the graph, "
                            + (NOTEBOOK_ORDER.contains(where) ? "in the notebook's order" : "later consumer first"));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void tensorsWired(Exercise<?, ?> exercise) {
        Exercise e = exercise;
        Record f = e.forward(SEED);
        Map<String, Tensor> named = tensors(e, f);
        assertTrue(named.containsKey(e.outputName()), "the forward record has the output " + e.outputName());
        assertEquals(
                named.keySet().stream().toList(),
                Arrays.stream(f.getClass().getRecordComponents())
                        .map(c -> c.getName())
                        .toList());
        for (Gradient g : (List<Gradient>) e.gradients()) {
            assertSame(named.get(g.name()), g.tensor().apply(f), e.id() + "/" + g.name() + " reads another tensor");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void stepsWired(Exercise<?, ?> exercise) {
        Exercise e = exercise;
        Record f = e.forward(SEED);
        for (Gradient g : (List<Gradient>) e.gradients()) {
            Tensor[] upstream = new Tensor[g.upstream().size()];
            for (int i = 0; i < upstream.length; i++) {
                upstream[i] = Tensor.scalar(i);
            }
            Object[][] seen = new Object[1][];
            String[] called = new String[1];
            Object proxy = Proxy.newProxyInstance(
                    e.backwardType().getClassLoader(), new Class<?>[] {e.backwardType()}, (p, method, args) -> {
                        called[0] = method.getName();
                        seen[0] = args;
                        return Tensor.scalar(0);
                    });
            g.step().apply(proxy, f, upstream);
            assertEquals(g.name(), called[0], e.id() + ": the step of " + g.name() + " calls another method");
            assertSame(f, seen[0][0]);
            for (int i = 0; i < upstream.length; i++) {
                assertSame(upstream[i], seen[0][i + 1], e.id() + "/" + g.name() + " passes its upstream out of order");
            }
            Method m = Arrays.stream(e.backwardType().getMethods())
                    .filter(x -> x.getName().equals(g.name()))
                    .findFirst()
                    .orElseThrow();
            assertEquals(1 + upstream.length, m.getParameterCount(), e.id() + "/" + g.name() + " parameters");
        }
        assertEquals(
                e.gradients().size(),
                e.backwardType().getMethods().length,
                e.id() + ": one interface method per checked gradient");
    }

    /** Methods in source order, each with its parameter names and its javadoc's shape, against the declaration. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void source(Exercise<?, ?> exercise, Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), exercise.id() + ": no " + file);
        String text = Files.readString(file);
        Exercise e = exercise;
        Record f = e.forward(SEED);
        List<Gradient> gradients = e.gradients();
        Tensor[] wrt = gradients.stream().map(g -> (Tensor) g.tensor().apply(f)).toArray(Tensor[]::new);
        List<Tensor> truth = Autograd.gradients(e.output(f), wrt);
        Matcher m = METHOD.matcher(text);
        List<String> methods = new ArrayList<>();
        int i = 0;
        while (m.find()) {
            methods.add(m.group(2));
            if (i >= gradients.size()) {
                continue;
            }
            Gradient g = gradients.get(i);
            String where = file.getFileName() + ": " + m.group(2);
            assertEquals(g.name(), m.group(2), file.getFileName() + ": method " + i + " out of the declared order");
            assertEquals(e.forwardType().getSimpleName(), m.group(3), where + " takes the forward record first");
            List<String> params = Arrays.stream(m.group(4).split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(s -> s.substring("Tensor".length()).trim())
                    .toList();
            assertEquals(g.upstreamParameters(), params, where + " upstream parameter names");
            Matcher shape = SHAPE.matcher(m.group(1));
            assertTrue(shape.find(), where + ": its javadoc gives no 'shape [..]'");
            assertEquals(Arrays.toString(truth.get(i).shape()), shape.group(1), where + ": javadoc shape");
            i++;
        }
        assertEquals(gradients.stream().map(Gradient::name).toList(), methods, file + ": methods");
    }

    @Test
    void theCatalogMakesEachExerciseOnceUnderItsOwnId() {
        List<Exercise<?, ?>> all = Exercises.all();
        assertEquals(Exercises.ids(), all.stream().map(Exercise::id).toList());
        for (int i = 0; i < all.size(); i++) {
            assertSame(all.get(i), Exercises.all().get(i), "one instance per exercise");
            assertSame(all.get(i), Exercises.byId(all.get(i).id()).orElseThrow());
        }
        assertTrue(Exercises.byId("no-such-exercise").isEmpty());
    }

    @TestFactory
    Stream<DynamicTest> theCatalogHasOneTemplateClassPerExerciseAndNoOther() throws IOException {
        List<String> expected = Exercises.all().stream()
                .map(e -> e.backwardType().getSimpleName().replace("Backward", "Solution") + ".java")
                .sorted()
                .toList();
        List<String> actual;
        try (Stream<Path> files = Files.list(TEMPLATE)) {
            actual = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        return Stream.of(DynamicTest.dynamicTest(
                "template classes", () -> assertArrayEquals(expected.toArray(), actual.toArray())));
    }
}
