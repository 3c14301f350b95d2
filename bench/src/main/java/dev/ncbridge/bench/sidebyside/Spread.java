package dev.ncbridge.bench.sidebyside;

import java.util.Collection;
import java.util.Locale;

/** The minimum, median and maximum of a figure over the runs. */
public record Spread(double min, double median, double max) {
    public static Spread of(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(sorted[0], median, sorted[sorted.length - 1]);
    }

    /** "min / median / max" with the given format for each; one value when all three are equal. */
    public String format(String each) {
        String lo = String.format(Locale.ROOT, each, min);
        String mid = String.format(Locale.ROOT, each, median);
        String hi = String.format(Locale.ROOT, each, max);
        return lo.equals(hi) ? mid : lo + " / " + mid + " / " + hi;
    }
}
