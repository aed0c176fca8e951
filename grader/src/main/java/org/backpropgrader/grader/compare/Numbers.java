package org.backpropgrader.grader.compare;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;
import org.backpropgrader.exercises.Tolerance;

/**
 * Numbers as Python prints them, so that messages read like {@code torch.testing.assert_close}'s: {@code 1e-05},
 * {@code 0.0123}, {@code 2.5e+19}, {@code nan}, {@code inf}; indices as tuples, {@code (4, 0)}, {@code (3,)}.
 */
public final class Numbers {
    private Numbers() {}

    /**
     * Python's {@code repr} of the value rounded to float32 (the precision gradients have), or of the double when
     * float32 cannot hold it: {@code 1e-05}, {@code 0.0123}, {@code 100.0}, {@code 2.5e+19}.
     */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        float f = (float) x;
        BigDecimal d = Float.isFinite(f) && f != 0
                ? shortest(f, 9, v -> Float.parseFloat(v) == f)
                : shortest(x, 17, v -> Double.parseDouble(v) == x);
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        String sign = d.signum() < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = d.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }

    /**
     * The fewest significant digits that read back as the same value (Python's repr; JDK 17's
     * {@code Float.toString} is not always shortest: it prints 1e16f as 1.00000003E16).
     */
    private static BigDecimal shortest(double value, int maxDigits, Predicate<String> readsBack) {
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits < maxDigits; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (readsBack.test(rounded.toString())) {
                return rounded.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(maxDigits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** A tolerance as messages show it: {@code rtol=1e-05, atolScale=1e-05} or {@code rtol=1e-05, atol=1e-08 absolute}. */
    public static String describe(Tolerance tol) {
        return tol.mode() == Tolerance.Mode.SCALED
                ? "rtol=" + repr(tol.rtol()) + ", atolScale=" + repr(tol.atol())
                : "rtol=" + repr(tol.rtol()) + ", atol=" + repr(tol.atol()) + " absolute";
    }

    /** A shape as PyTorch prints {@code list(t.shape)}: {@code [10, 1]}, {@code []}. */
    public static String shape(int[] shape) {
        return Arrays.toString(shape);
    }

    /** The multi-dimensional index of a row-major flat index, as a Python tuple: {@code (4, 0)}, {@code (3,)}, {@code ()}. */
    static String index(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        StringBuilder b = new StringBuilder("(");
        for (int d = 0; d < idx.length; d++) {
            b.append(d == 0 ? "" : ", ").append(idx[d]);
        }
        return b.append(idx.length == 1 ? ",)" : ")").toString();
    }
}
