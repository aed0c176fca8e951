package org.backpropgrader.reference;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints tensors as PyTorch does ({@code torch._tensor_str} with the default print options): four decimals,
 * scientific notation when the magnitudes span more than 1000× or leave [1e-4, 1e8], whole numbers as
 * {@code 2.}, columns right-aligned to the widest finite non-zero value, rows wrapped at 80 characters, and only
 * the first and last three entries per dimension when there are more than 1000 elements.
 *
 * <p>As in PyTorch, the style and the column width are chosen from the values that are printed (the summarised
 * edges of a large tensor), and numbers are rounded as Python's {@code format} rounds them: the exact binary
 * value, ties to even ({@code 0.03125} prints as {@code 0.0312}), which {@link String#format} does not do.
 */
final class TensorFormat {
    private static final int SUMMARIZE_ABOVE = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 80;
    private static final int PRECISION = 4;
    private static final String PREFIX = "tensor(";

    private TensorFormat() {}

    /**
     * An int64 tensor as PyTorch prints it: whole numbers right-aligned to the widest, e.g.
     * {@code tensor([[ 1, 26],\n        [ 0,  3]])}; no summarising or wrapping (index tensors here are small).
     */
    static String formatLongs(int[] shape, long[] data) {
        if (data.length == 0) {
            String size = shape.length == 1 ? "" : ", size=" + pythonTuple(shape);
            return PREFIX + "[]" + size + ", dtype=torch.int64)";
        }
        int width = 1;
        for (long v : data) {
            width = Math.max(width, Long.toString(v).length());
        }
        StringBuilder out = new StringBuilder(PREFIX);
        if (shape.length == 0) {
            out.append(data[0]);
        } else {
            appendLongs(out, shape, data, 0, 0, width, PREFIX.length());
        }
        return out.append(')').toString();
    }

    private static void appendLongs(
            StringBuilder out, int[] shape, long[] data, int dim, int offset, int width, int indent) {
        out.append('[');
        int n = shape[dim];
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
                if (dim == shape.length - 1) {
                    out.append(' ');
                } else {
                    out.append("\n".repeat(shape.length - dim - 1)).append(" ".repeat(indent + dim + 1));
                }
            }
            if (dim == shape.length - 1) {
                String v = Long.toString(data[offset + i]);
                out.append(" ".repeat(width - v.length())).append(v);
            } else {
                appendLongs(out, shape, data, dim + 1, offset + i * stride, width, indent);
            }
        }
        out.append(']');
    }

    static String format(int[] shape, float[] data) {
        if (data.length == 0) {
            String size = shape.length == 1 ? "" : ", size=" + pythonTuple(shape);
            return PREFIX + "[]" + size + ")";
        }
        boolean summarize = data.length > SUMMARIZE_ABOVE;
        Formatter formatter = new Formatter(summarize ? summarized(shape, data, 0, 0) : toList(data));
        StringBuilder out = new StringBuilder(PREFIX);
        if (shape.length == 0) {
            out.append(formatter.format(data[0]));
        } else {
            appendDim(out, shape, data, 0, 0, formatter, summarize, PREFIX.length());
        }
        return out.append(')').toString();
    }

    /** {@code _tensor_str_with_formatter}: one dimension, its sub-tensors joined by commas and newlines. */
    private static void appendDim(
            StringBuilder out,
            int[] shape,
            float[] data,
            int dim,
            int offset,
            Formatter formatter,
            boolean summarize,
            int indent) {
        int n = shape[dim];
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        boolean elided = summarize && n > 2 * EDGE_ITEMS;
        if (dim == shape.length - 1) {
            appendVector(out, data, offset, n, elided, formatter, indent);
            return;
        }
        String separator = "," + "\n".repeat(shape.length - dim - 1) + " ".repeat(indent + 1);
        out.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(separator);
            }
            if (elided && i == EDGE_ITEMS) {
                out.append("...").append(separator);
                i = n - EDGE_ITEMS;
            }
            appendDim(out, shape, data, dim + 1, offset + i * stride, formatter, summarize, indent + 1);
        }
        out.append(']');
    }

    /** {@code _vector_str}: the last dimension, as many entries per line as fit in 80 characters. */
    private static void appendVector(
            StringBuilder out, float[] data, int offset, int n, boolean elided, Formatter formatter, int indent) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (elided && i == EDGE_ITEMS) {
                entries.add(" ...");
                i = n - EDGE_ITEMS;
            }
            entries.add(formatter.format(data[offset + i]));
        }
        int perLine = Math.max(1, (LINE_WIDTH - indent) / (formatter.width + 2));
        out.append('[');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                out.append(i % perLine == 0 ? ",\n" + " ".repeat(indent + 1) : ", ");
            }
            out.append(entries.get(i));
        }
        out.append(']');
    }

    /** {@code get_summarized_data}: the first and last three entries of every dimension longer than six. */
    private static List<Float> summarized(int[] shape, float[] data, int dim, int offset) {
        int n = shape[dim];
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        List<Float> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                i = n - EDGE_ITEMS;
            }
            if (dim == shape.length - 1) {
                values.add(data[offset + i]);
            } else {
                values.addAll(summarized(shape, data, dim + 1, offset + i * stride));
            }
        }
        return values;
    }

    private static List<Float> toList(float[] data) {
        List<Float> values = new ArrayList<>(data.length);
        for (float v : data) {
            values.add(v);
        }
        return values;
    }

    private static String pythonTuple(int[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** PyTorch's {@code _Formatter}: a style and a width chosen from the finite non-zero values it will print. */
    private static final class Formatter {
        private boolean intMode = true;
        private boolean sciMode;
        private int width = 1;

        Formatter(List<Float> values) {
            double maxAbs = 0;
            double minAbs = Double.POSITIVE_INFINITY;
            List<Float> nonZeroFinite = new ArrayList<>();
            for (float v : values) {
                if (Float.isFinite(v) && v != 0f) {
                    nonZeroFinite.add(v);
                    intMode &= v == Math.ceil(v);
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                    minAbs = Math.min(minAbs, Math.abs(v));
                }
            }
            if (nonZeroFinite.isEmpty()) {
                return;
            }
            boolean wide = maxAbs / minAbs > 1000 || maxAbs > 1e8;
            sciMode = intMode ? wide : wide || minAbs < 1e-4;
            for (float v : nonZeroFinite) {
                int w = sciMode ? scientific(v).length() : intMode ? whole(v).length() + 1 : fixed(v).length();
                width = Math.max(width, w);
            }
        }

        String format(float v) {
            String s;
            if (Float.isNaN(v)) {
                s = "nan";
            } else if (Float.isInfinite(v)) {
                s = v > 0 ? "inf" : "-inf";
            } else if (sciMode) {
                s = scientific(v);
            } else if (intMode) {
                s = whole(v) + ".";
            } else {
                s = fixed(v);
            }
            return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
        }

        /** Python's {@code f"{v:.0f}"}. */
        private static String whole(float v) {
            return signed(
                    v, new BigDecimal(v).setScale(0, RoundingMode.HALF_EVEN).toPlainString());
        }

        /** Python's {@code f"{v:.4f}"}. */
        private static String fixed(float v) {
            return signed(
                    v,
                    new BigDecimal(v)
                            .setScale(PRECISION, RoundingMode.HALF_EVEN)
                            .toPlainString());
        }

        /** Python's {@code f"{v:.4e}"}: mantissa with four decimals, exponent with a sign and two or more digits. */
        private static String scientific(float v) {
            BigDecimal exact = new BigDecimal(v);
            if (exact.signum() == 0) {
                return signed(v, "0." + "0".repeat(PRECISION) + "e+00");
            }
            BigDecimal rounded = exact.round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
            int exponent = rounded.precision() - rounded.scale() - 1;
            String mantissa = rounded.movePointLeft(exponent)
                    .setScale(PRECISION, RoundingMode.UNNECESSARY)
                    .toPlainString();
            String digits = Integer.toString(Math.abs(exponent));
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + (digits.length() < 2 ? "0" : "") + digits;
        }

        /** Python keeps the sign of negative values that round to zero, and of -0.0. */
        private static String signed(float v, String s) {
            boolean negative = v < 0 || (v == 0f && 1f / v < 0);
            return negative && !s.startsWith("-") ? "-" + s : s;
        }
    }
}
