package org.backpropgrader.grader.classreport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bar chart as inline SVG geometry, computed here so the template only draws rectangles: no script, no library,
 * and it prints.
 *
 * @param bars one per bin, left to right
 * @param width the SVG's width (its viewBox)
 * @param height the SVG's height, bars plus room for labels
 */
public record Histogram(List<Bar> bars, int width, int height) {
    /**
     * One bin.
     *
     * @param label the bin's name ({@code 90-100})
     * @param count how many are in it
     * @param x left edge
     * @param y top edge of the bar
     * @param w width
     * @param h height (0 for an empty bin)
     */
    public record Bar(String label, int count, double x, double y, double w, double h) {
        public double labelX() {
            return x + w / 2;
        }
    }

    /** Bars for {@code counts} (bin label → count, in order), {@code barHeight} units for the fullest bin. */
    static Histogram of(Map<String, Integer> counts, int width, int barHeight, int labelRoom) {
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int n = Math.max(1, counts.size());
        double slot = (double) width / n;
        double gap = slot * 0.12;
        List<Bar> bars = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            double h = max == 0 ? 0 : (double) barHeight * e.getValue() / max;
            bars.add(new Bar(
                    e.getKey(),
                    e.getValue(),
                    round(i * slot + gap / 2),
                    round(labelRoom + barHeight - h),
                    round(slot - gap),
                    round(h)));
            i++;
        }
        return new Histogram(bars, width, barHeight + 2 * labelRoom);
    }

    private static double round(double x) {
        return Math.round(x * 10) / 10.0;
    }
}
