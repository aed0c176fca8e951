package org.backpropgrader.grader.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and time formatting shared by the outputs: locale-independent, so a German locale never writes "7,5". */
public final class Format {
    /** ISO-8601 in UTC with milliseconds and an explicit offset: {@code 2026-11-26T19:40:58.123Z}. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Format() {}

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /**
     * Three significant digits, like Python's {@code %.3g}: {@code 0}, {@code 0.0123}, {@code 1.5e-07},
     * {@code 2.5e+19}; {@code -} for NaN (nothing was compared), {@code inf} for infinities.
     */
    public static String compact(double x) {
        if (Double.isNaN(x)) {
            return "-";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.3g", x);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + exponent;
    }

    /** Points for people: {@code 7}, {@code 1.25}, at most three decimals; {@code -} for NaN. */
    public static String points(double x) {
        return decimal(x, 3, "-");
    }

    /** A plain decimal for machines (CSV): no exponent, {@code .} as decimal point, at most six decimals; empty for NaN. */
    static String plain(double x) {
        return decimal(x, 6, "");
    }

    private static String decimal(double x, int scale, String notANumber) {
        if (!Double.isFinite(x)) {
            return notANumber;
        }
        return BigDecimal.valueOf(x)
                .setScale(scale, RoundingMode.HALF_EVEN)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** Python's spelling of a boolean ({@code True}, {@code False}), as the notebook's {@code cmp} prints it. */
    public static String bool(boolean b) {
        return b ? "True" : "False";
    }
}
