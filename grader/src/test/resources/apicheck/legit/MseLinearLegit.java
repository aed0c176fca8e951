package legit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.backpropgrader.exercises.mselinear.MseLinearBackward;
import org.backpropgrader.exercises.mselinear.MseLinearForward;
import org.backpropgrader.reference.Tensor;

/**
 * The notebook's mse-linear gradients, written with as much everyday Java as fits around them: none of it may be
 * refused by the load-time API check, and every gradient must stay EXACT.
 */
public class MseLinearLegit implements MseLinearBackward {
    /** Enum with a constructor, a field and a switch over it. */
    enum Step {
        DIFF2(1.0), DIFF(2.0), Y(1.0), PRED(-1.0);

        final double factor;

        Step(double factor) {
            this.factor = factor;
        }
    }

    /** A record: javac implements toString, equals and hashCode with an invokedynamic. */
    record Scale(String why, double factor) implements Comparable<Scale> {
        Scale {
            Objects.requireNonNull(why);
            if (!Double.isFinite(factor)) {
                throw new IllegalArgumentException("factor " + factor + " for " + why);
            }
        }

        @Override
        public int compareTo(Scale other) {
            return Double.compare(factor, other.factor);
        }
    }

    sealed interface Term permits Constant, Product {}

    record Constant(double value) implements Term {}

    record Product(Term left, Term right) implements Term {}

    /** A checked exception of our own. */
    static final class NotANumber extends Exception {
        private static final long serialVersionUID = 1L;

        NotANumber(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** try-with-resources on our own resource: javac calls Throwable.addSuppressed. */
    static final class Trace implements AutoCloseable {
        private final StringBuilder log;

        Trace(StringBuilder log, String name) {
            this.log = log;
            log.append('[').append(name);
        }

        @Override
        public void close() {
            log.append(']');
        }
    }

    /** An Iterable of our own: for-each over it. */
    static final class Countdown implements Iterable<Integer> {
        private final int from;

        Countdown(int from) {
            this.from = from;
        }

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                private int next = from;

                @Override
                public boolean hasNext() {
                    return next > 0;
                }

                @Override
                public Integer next() {
                    if (next <= 0) {
                        throw new NoSuchElementException();
                    }
                    return next--;
                }
            };
        }
    }

    /** An inner (non-static) class: javac checks its outer instance with Objects.requireNonNull. */
    final class Counter {
        int count() {
            return calls.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Map<String, Integer> calls = new TreeMap<>();
    private final StringBuilder trace = new StringBuilder();

    private static double factor(Step step) {
        return switch (step) {
            case DIFF2, Y -> 1.0;
            case DIFF -> 2.0;
            case PRED -> -1.0;
        };
    }

    private static double oldStyleFactor(Step step) {
        switch (step) {
            case PRED:
                return -1.0;
            case DIFF:
                return 2.0;
            default:
                return 1.0;
        }
    }

    private static int slot(String name) {
        switch (name) {
            case "X":
                return 0;
            case "W":
                return 1;
            default:
                return -1;
        }
    }

    private static double evaluate(Term t) {
        if (t instanceof Constant c) {
            return c.value();
        }
        Product p = (Product) t;
        return evaluate(p.left()) * evaluate(p.right());
    }

    private static double parse(String text) throws NotANumber {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new NotANumber("not a number: " + text, e);
        }
    }

    @SafeVarargs
    private static <T> List<T> listOf(T... items) {
        return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(items)));
    }

    private void count(String name) {
        calls.merge(name, 1, Integer::sum);
        assert calls.get(name) > 0 : "counted " + name;
    }

    @Override
    public Tensor diff2(MseLinearForward f, Tensor dloss) {
        count("diff2");
        int n = f.diff().size(0);
        List<Integer> sizes = IntStream.range(0, f.diff().dim()).mapToObj(f.diff()::size).collect(Collectors.toList());
        if (sizes.get(0) != n) {
            throw new IllegalStateException("size " + sizes + " != " + n);
        }
        double one;
        try (Trace t = new Trace(trace, "diff2")) {
            one = parse("1.0");
        } catch (NotANumber e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            trace.append(';');
        }
        return Tensor.onesLike(f.diff()).mul(1.0 / n).mul(one * Step.DIFF2.factor).mul(dloss);
    }

    @Override
    public Tensor diff(MseLinearForward f, Tensor ddiff2) {
        count("diff");
        double two = evaluate(new Product(new Constant(factor(Step.DIFF)), new Constant(1.0)));
        Scale scale = new Scale("d(diff**2)/d(diff)", two);
        Scale same = new Scale("d(diff**2)/d(diff)", oldStyleFactor(Step.valueOf("DIFF")));
        if (!scale.equals(same) || scale.hashCode() != same.hashCode() || scale.compareTo(same) != 0) {
            throw new AssertionError(scale + " vs " + same);
        }
        BiFunction<Tensor, Double, Tensor> times = Tensor::mul;
        return times.apply(f.diff(), scale.factor()).mul(ddiff2);
    }

    @Override
    public Tensor y(MseLinearForward f, Tensor ddiff) {
        count("y");
        Supplier<Tensor> ones = () -> Tensor.onesLike(f.y());
        Optional<Tensor> upstream = Optional.ofNullable(ddiff);
        return upstream.map(ones.get()::mul).orElseThrow(() -> new IllegalArgumentException("no ddiff"));
    }

    @Override
    public Tensor pred(MseLinearForward f, Tensor ddiff) {
        count("pred");
        Map<Step, Function<Tensor, Tensor>> signs = new LinkedHashMap<>();
        for (Step s : Step.values()) {
            signs.put(s, factor(s) < 0 ? Tensor::neg : Function.identity());
        }
        return signs.get(Step.PRED).apply(Tensor.onesLike(f.pred())).mul(ddiff);
    }

    @Override
    public Tensor matmul(MseLinearForward f, Tensor dpred) {
        count("matmul");
        int total = 0;
        for (int i : new Countdown(3)) {
            total += i;
        }
        int[][] grid = new int[2][3];
        int[] row = grid[1].clone();
        System.arraycopy(new int[] {total, 0, 0}, 0, row, 0, 3);
        long started = System.nanoTime();
        DoubleUnaryOperator sq = x -> Math.sqrt(Math.abs(x)) * StrictMath.signum(x);
        String report = String.format("total=%d sqrt=%.1f took %s", row[0], sq.applyAsDouble(row[0] * row[0]),
                System.nanoTime() - started >= 0 ? "time" : "no time");
        if (!report.startsWith("total=6")) {
            throw new IllegalStateException(report);
        }
        return Tensor.onesLike(f.matmul()).mul(dpred);
    }

    @Override
    public Tensor b(MseLinearForward f, Tensor dpred) {
        count("b");
        Map<Boolean, List<Integer>> parity = Stream.of(1, 2, 3, 4)
                .collect(Collectors.partitioningBy(i -> i % 2 == 0));
        List<String> names = new ArrayList<>(listOf("b", "W", "X"));
        names.sort(Comparator.naturalOrder());
        if (!names.get(0).equals("W")) {
            throw new IllegalStateException(String.join(",", names));
        }
        return Tensor.onesLike(f.b()).mul(dpred).sum(parity.get(true).size() - 2);
    }

    @Override
    public Tensor X(MseLinearForward f, Tensor dmatmul) {
        count("X");
        Map<String, Integer> slots = new HashMap<>();
        for (String name : new String[] {"X", "W", "b"}) {
            slots.put(name, slot(name));
        }
        char first = Character.toUpperCase("x".charAt(0));
        Integer boxed = Integer.valueOf(slots.get(String.valueOf(first)));
        return dmatmul.matmul(f.W().T()).mul(boxed + 1);
    }

    @Override
    public Tensor W(MseLinearForward f, Tensor dmatmul) {
        count("W");
        Random random = new Random(42);
        float[] noise = new float[4];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextFloat();
        }
        float[] copy = Arrays.copyOf(noise, noise.length);
        Arrays.sort(copy);
        int counted = new Counter().count();
        System.out.println("legit: " + counted + " calls so far, " + trace + ", " + Tensor.of(new int[] {4}, copy)
                .shape().length + "-d noise, " + calls.keySet());
        System.err.print("");
        Tensor.MaxResult max = f.X().max(1, true);
        if (max.values().shape()[0] != f.X().size(0)) {
            throw new IllegalStateException(Arrays.toString(max.indices().shape()));
        }
        return f.X().T().matmul(dmatmul);
    }
}
