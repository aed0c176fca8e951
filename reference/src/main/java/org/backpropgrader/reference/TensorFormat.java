package org.backpropgrader.reference;

import java.util.Locale;

/**
 * Prints tensors as PyTorch does ({@code torch._tensor_str}): four decimals, scientific notation when the
 * magnitudes span more than 1000× or leave [1e-4, 1e8], whole numbers as {@code 2.}, right-aligned columns, and
 * only the first and last three entries per dimension when there are more than 1000 elements.
 */
final class TensorFormat {
    private static final int SUMMARIZE_ABOVE = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final String PREFIX = "tensor(";

    private TensorFormat() {}

    static String format(int[] shape, float[] data) {
        boolean summarize = data.length > SUMMARIZE_ABOVE;
        Style style = Style.of(data);
        int width = 0;
        for (float v : data) {
            width = Math.max(width, style.format(v).length());
        }
        StringBuilder out = new StringBuilder(PREFIX);
        if (shape.length == 0) {
            out.append(style.format(data[0]));
        } else {
            appendDim(out, shape, data, 0, 0, style, width, summarize, PREFIX.length() + 1);
        }
        return out.append(')').toString();
    }

    private static void appendDim(StringBuilder out, int[] shape, float[] data, int dim, int offset, Style style,
            int width, boolean summarize, int indent) {
        int n = shape[dim];
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        boolean last = dim == shape.length - 1;
        String separator = last ? ", " : "," + "\n".repeat(shape.length - dim - 1) + " ".repeat(indent);
        out.append('[');
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                out.append("...").append(separator);
                i = n - EDGE_ITEMS;
            }
            if (last) {
                String s = style.format(data[offset + i]);
                out.append(" ".repeat(width - s.length())).append(s);
            } else {
                appendDim(out, shape, data, dim + 1, offset + i * stride, style, width, summarize, indent + 1);
            }
            if (i < n - 1) {
                out.append(separator);
            }
        }
        out.append(']');
    }

    /** How one tensor's elements are written, chosen from all of its finite non-zero values. */
    private enum Style {
        WHOLE, FIXED, SCIENTIFIC;

        static Style of(float[] data) {
            boolean whole = true;
            double maxAbs = 0;
            double minAbs = Double.POSITIVE_INFINITY;
            for (float v : data) {
                if (Float.isFinite(v) && v != 0f) {
                    whole &= v == Math.rint(v);
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                    minAbs = Math.min(minAbs, Math.abs(v));
                }
            }
            if (maxAbs == 0) {
                return WHOLE;
            }
            if (whole) {
                return maxAbs > 1e8 ? SCIENTIFIC : WHOLE;
            }
            return maxAbs / minAbs > 1000 || maxAbs > 1e8 || minAbs < 1e-4 ? SCIENTIFIC : FIXED;
        }

        String format(float v) {
            if (Float.isNaN(v)) {
                return "nan";
            }
            if (Float.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            switch (this) {
                case WHOLE:
                    return String.format(Locale.ROOT, "%.0f.", (double) v);
                case FIXED:
                    return String.format(Locale.ROOT, "%.4f", (double) v);
                default:
                    return String.format(Locale.ROOT, "%.4e", (double) v);
            }
        }
    }
}
