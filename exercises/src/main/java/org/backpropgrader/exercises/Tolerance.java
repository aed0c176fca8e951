package org.backpropgrader.exercises;

/**
 * When a gradient counts as close: per element {@code |s - t| <= rtol * |t| + atol}, where
 * {@code atol = atolScale * max|t|} (the default: a floor scaled to the true tensor's own magnitude), or
 * {@code atol} itself in {@link Mode#ABSOLUTE} mode (exactly {@code torch.allclose}).
 *
 * @param rtol the relative tolerance
 * @param atol the absolute floor, as a fraction of {@code max|t|} in {@link Mode#SCALED} mode
 * @param mode how {@code atol} is read
 */
public record Tolerance(double rtol, double atol, Mode mode) {
    /** rtol 1e-5 and a floor of 1e-5 · max|t|: see DESIGN.md "Comparing one gradient" for why. */
    public static final Tolerance DEFAULT = new Tolerance(1e-5, 1e-5, Mode.SCALED);

    /** How {@link #atol()} is read. */
    public enum Mode {
        /** {@code atol} is a fraction of the true tensor's largest magnitude. */
        SCALED,
        /** {@code atol} is an absolute number, as in {@code torch.allclose}. */
        ABSOLUTE
    }

    public Tolerance {
        if (!(rtol >= 0) || !(atol >= 0) || Double.isInfinite(rtol) || Double.isInfinite(atol)) {
            throw new IllegalArgumentException(
                    "tolerances must be finite and >= 0, got rtol=" + rtol + ", atol=" + atol);
        }
        java.util.Objects.requireNonNull(mode, "mode");
    }

    /** The absolute floor for a true tensor whose largest magnitude is {@code maxAbsTruth}. */
    public double absoluteFloor(double maxAbsTruth) {
        return mode == Mode.SCALED ? atol * maxAbsTruth : atol;
    }
}
