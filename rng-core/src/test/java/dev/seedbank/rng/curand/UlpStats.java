package dev.seedbank.rng.curand;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Counts exact matches and the largest scaled ulp distance between expected and actual values. Not thread-safe. */
final class UlpStats {
    private long values;
    private long exact;
    private long maxUlp;

    /**
     * Distance in ulps of the value's scale: the larger of |expected|, |mean| and |expected - mean|, so that
     * a value near zero after adding the mean is measured against the terms it was computed from.
     */
    static long ulps(double expected, double actual, double mean) {
        if (Double.doubleToLongBits(expected) == Double.doubleToLongBits(actual)) {
            return 0;
        }
        double scale = Math.max(Math.abs(expected), Math.max(Math.abs(mean), Math.abs(expected - mean)));
        return (long) Math.ceil(Math.abs(expected - actual) / Math.ulp(scale));
    }

    /** As {@link #ulps(double, double, double)} in float ulps. */
    static long ulps(float expected, float actual, float mean) {
        if (Float.floatToIntBits(expected) == Float.floatToIntBits(actual)) {
            return 0;
        }
        float scale = Math.max(Math.abs(expected), Math.max(Math.abs(mean), Math.abs(expected - mean)));
        return (long) Math.ceil(Math.abs((double) expected - actual) / Math.ulp(scale));
    }

    void add(long ulps) {
        values++;
        if (ulps == 0) {
            exact++;
        }
        maxUlp = Math.max(maxUlp, ulps);
    }

    void check(String format, double minExactFraction, long maxUlps) {
        String summary = format + ": " + exact + " of " + values + " bit-exact (" + (100.0 * exact / values)
                + "%), max " + maxUlp + " ulp";
        System.out.println(summary);
        assertTrue(values > 0, summary);
        assertTrue((double) exact / values >= minExactFraction && maxUlp <= maxUlps,
                summary + "; expected at least " + (100 * minExactFraction) + "% exact and at most " + maxUlps + " ulp");
    }
}
