package org.backpropgrader.grader.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.backpropgrader.exercises.Tolerance;
import org.backpropgrader.reference.Tensor;

/**
 * A student's tensor next to the expected one, each printed as PyTorch prints a tensor ({@code tensor([[ 0.1000,
 * -0.2000], …])}, one number format for both so digits line up), with every element outside the tolerance marked
 * {@code *} and, in {@code torch.testing.assert_close}'s words, how many mismatch and where the greatest absolute
 * difference is. For the public seed only: there nothing is secret.
 */
public final class SideBySide {
    /** Above this many elements a tensor is summarised, as PyTorch does above its print threshold. */
    static final int THRESHOLD = 120;
    /** Elements kept at each end of a summarised dimension (PyTorch's edgeitems). */
    static final int EDGE = 3;

    private static final String GAP = "   ";

    private SideBySide() {}

    public static String render(Tensor student, Tensor expected, Tolerance tolerance) {
        double[] s = Elementwise.values(student);
        double[] t = Elementwise.values(expected);
        int[] shape = student.shape();
        boolean sameShape = Arrays.equals(shape, expected.shape());
        boolean[] mismatch = new boolean[s.length];
        int worst = -1;
        int mismatches = 0;
        if (sameShape) {
            double atol = tolerance.absoluteFloor(Elementwise.maxAbsFinite(t));
            double worstDiff = -1;
            for (int i = 0; i < s.length; i++) {
                mismatch[i] = !Elementwise.close(s[i], t[i], tolerance.rtol(), atol);
                if (mismatch[i]) {
                    mismatches++;
                }
                double d = Elementwise.diff(s[i], t[i]);
                if (worst < 0 || (Double.isNaN(d) && !Double.isNaN(worstDiff)) || d > worstDiff) {
                    worst = i;
                    worstDiff = d;
                }
            }
        }
        NumberFormat format = NumberFormat.fitting(s, t);
        List<String> left = lines(s, shape, mismatch, format, s.length > THRESHOLD);
        List<String> right = lines(t, expected.shape(), new boolean[t.length], format, t.length > THRESHOLD);
        int width = "yours".length();
        for (String l : left) {
            width = Math.max(width, l.length());
        }
        StringBuilder out = new StringBuilder();
        out.append(pad("yours", width)).append(GAP).append("expected\n");
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            String l = i < left.size() ? left.get(i) : "";
            String r = i < right.size() ? right.get(i) : "";
            out.append((pad(l, width) + GAP + r).stripTrailing()).append('\n');
        }
        if (!sameShape) {
            out.append("shape ")
                    .append(Numbers.shape(shape))
                    .append(" != expected ")
                    .append(Numbers.shape(expected.shape()))
                    .append('\n');
        } else {
            out.append(String.format(
                    Locale.ROOT,
                    "Mismatched elements: %d / %d (%.1f%%), marked *%n",
                    mismatches,
                    s.length,
                    s.length == 0 ? 0.0 : 100.0 * mismatches / s.length));
            if (worst >= 0) {
                out.append("Greatest absolute difference: ")
                        .append(Numbers.repr(Elementwise.diff(s[worst], t[worst])))
                        .append(" at index ")
                        .append(Numbers.index(worst, shape))
                        .append(" (yours ")
                        .append(Numbers.repr(s[worst]))
                        .append(", expected ")
                        .append(Numbers.repr(t[worst]))
                        .append(")\n");
            }
        }
        return out.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** The tensor as PyTorch prints it, one line per innermost row. */
    static List<String> lines(double[] v, int[] shape, boolean[] marked, NumberFormat format, boolean summarise) {
        StringBuilder text = new StringBuilder("tensor(");
        if (shape.length == 0) {
            text.append(format.cell(v[0], marked[0]).strip());
        } else {
            block(text, v, shape, marked, format, summarise, 0, 0, "tensor(".length() + 1);
        }
        text.append(')');
        return List.of(text.toString().split("\n", -1));
    }

    private static void block(
            StringBuilder out,
            double[] v,
            int[] shape,
            boolean[] marked,
            NumberFormat format,
            boolean summarise,
            int dim,
            int offset,
            int indent) {
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        int n = shape[dim];
        List<Integer> shown = new ArrayList<>();
        boolean cut = summarise && n > 2 * EDGE;
        for (int i = 0; i < n; i++) {
            if (!cut || i < EDGE || i >= n - EDGE) {
                shown.add(i);
            }
        }
        out.append('[');
        for (int k = 0; k < shown.size(); k++) {
            int i = shown.get(k);
            if (k > 0) {
                out.append(',');
                if (dim == shape.length - 1) {
                    out.append(' ');
                } else {
                    out.append("\n".repeat(shape.length - 1 - dim)).append(" ".repeat(indent + dim));
                }
            }
            if (cut && k == EDGE) {
                out.append(dim == shape.length - 1 ? "...," + " " : "...,\n" + " ".repeat(indent + dim));
            }
            if (dim == shape.length - 1) {
                out.append(format.cell(v[offset + i], marked[offset + i]));
            } else {
                block(out, v, shape, marked, format, summarise, dim + 1, offset + i * stride, indent);
            }
        }
        out.append(']');
    }

    /** One format for every number of both tensors, as PyTorch picks one per tensor: fixed, else scientific. */
    record NumberFormat(boolean scientific, int width) {
        static NumberFormat fitting(double[] a, double[] b) {
            double max = 0;
            double minNonZero = Double.POSITIVE_INFINITY;
            for (double[] values : List.of(a, b)) {
                for (double x : values) {
                    if (Double.isFinite(x) && x != 0) {
                        max = Math.max(max, Math.abs(x));
                        minNonZero = Math.min(minNonZero, Math.abs(x));
                    }
                }
            }
            boolean scientific = max >= 1e4 || (minNonZero < 1e-4 && max > 0);
            int width = 0;
            NumberFormat probe = new NumberFormat(scientific, 0);
            for (double[] values : List.of(a, b)) {
                for (double x : values) {
                    width = Math.max(width, probe.text(x).length());
                }
            }
            return new NumberFormat(scientific, width);
        }

        String text(double x) {
            if (Double.isNaN(x)) {
                return "nan";
            }
            if (Double.isInfinite(x)) {
                return x > 0 ? "inf" : "-inf";
            }
            return String.format(Locale.ROOT, scientific ? "%.4e" : "%.4f", x);
        }

        /** Right-aligned after its mark: {@code "* 0.1000"} outside the tolerance, else {@code "  0.1000"}. */
        String cell(double x, boolean mark) {
            String t = text(x);
            return (mark ? "*" : " ") + " ".repeat(Math.max(0, width - t.length())) + t;
        }
    }
}
