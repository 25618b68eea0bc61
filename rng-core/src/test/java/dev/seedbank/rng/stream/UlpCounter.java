package dev.seedbank.rng.stream;

/**
 * Counts bit-exact values and the largest distance in ulps between two fills, with ulps taken at the value's
 * scale: the largest of |expected|, |mean| and |expected - mean|, so a value near zero after adding the mean
 * is measured against the terms it was computed from. Used to check the stated agreement with cuRAND's
 * normals (docs/stream-spec.md). Not thread-safe.
 */
public final class UlpCounter {
    /** Measured agreement of {@code normal} fills with cuRAND's host library: fraction bit-exact, max ulps. */
    public static final double MIN_EXACT_NORMAL = 0.98;
    public static final long MAX_ULP_NORMAL = 3;
    /** The same for {@code normal-double} (4 ulp seen once in 2 million scaled values, rng-cuda's tests). */
    public static final double MIN_EXACT_NORMAL_DOUBLE = 0.93;
    public static final long MAX_ULP_NORMAL_DOUBLE = 4;

    private long values;
    private long exact;
    private long maxUlp;
    private String worst = "";

    public void add(double expected, double actual, double mean) {
        values++;
        if (Double.doubleToLongBits(expected) == Double.doubleToLongBits(actual)) {
            exact++;
            return;
        }
        double scale = Math.max(Math.abs(expected), Math.max(Math.abs(mean), Math.abs(expected - mean)));
        record(ulps(Math.abs(expected - actual), Math.ulp(scale)), expected, actual, mean);
    }

    public void add(float expected, float actual, float mean) {
        values++;
        if (Float.floatToIntBits(expected) == Float.floatToIntBits(actual)) {
            exact++;
            return;
        }
        float scale = Math.max(Math.abs(expected), Math.max(Math.abs(mean), Math.abs(expected - mean)));
        record(ulps(Math.abs((double) expected - actual), Math.ulp(scale)), expected, actual, mean);
    }

    /** Adds every value of {@code expected} and {@code actual} (same format and length), as the typed methods do. */
    public void add(ValueArray expected, ValueArray actual, double mean) {
        if (expected.format() != actual.format() || expected.length() != actual.length()) {
            throw new IllegalArgumentException("cannot compare " + expected.length() + " " + expected.format()
                    + " values with " + actual.length() + " " + actual.format() + " values");
        }
        for (int i = 0; i < expected.length(); i++) {
            long e = expected.bits(i);
            long a = actual.bits(i);
            if (expected.format() == Format.U32) {
                add((int) e, (int) a);
            } else if (expected.format().bytes() == Float.BYTES) {
                add(Float.intBitsToFloat((int) e), Float.intBitsToFloat((int) a), (float) mean);
            } else {
                add(Double.longBitsToDouble(e), Double.longBitsToDouble(a), mean);
            }
        }
    }

    /** Words compare as bits; any difference counts as "not exact" with no ulp distance. */
    public void add(int expected, int actual) {
        values++;
        if (expected == actual) {
            exact++;
        } else {
            maxUlp = Long.MAX_VALUE;
        }
    }

    private void record(long ulps, double expected, double actual, double mean) {
        if (ulps > maxUlp) {
            maxUlp = ulps;
            worst = " (worst: " + expected + " vs " + actual + ", mean " + mean + ")";
        }
    }

    /** The values of the largest difference, e.g. " (worst: 1.5 vs 1.5000000000000004, mean 0.0)"; "" if none. */
    public String worst() {
        return worst;
    }

    private static long ulps(double diff, double ulp) {
        double u = Math.ceil(diff / ulp);
        return Double.isNaN(u) || u >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) u;
    }

    public long values() {
        return values;
    }

    public long exact() {
        return exact;
    }

    public long maxUlp() {
        return maxUlp;
    }

    public double exactFraction() {
        return values == 0 ? 0 : (double) exact / values;
    }

    /** Whether at least {@code minExact} of the values are exact and none is more than {@code maxUlps} apart. */
    public boolean within(double minExact, long maxUlps) {
        return values > 0 && exactFraction() >= minExact && maxUlp <= maxUlps;
    }

    /**
     * Whether these counts are within the measured agreement of {@code format}'s fills with cuRAND's host library:
     * the normal bounds above (normal-double's 4 ulp allow for scaling by a mean and stddev), every other format
     * bit-exact.
     */
    public boolean withinCurandBounds(Format format) {
        if (!format.isNormal()) {
            return within(1.0, 0);
        }
        return format == Format.NORMAL ? within(MIN_EXACT_NORMAL, MAX_ULP_NORMAL)
                : within(MIN_EXACT_NORMAL_DOUBLE, MAX_ULP_NORMAL_DOUBLE);
    }

    @Override
    public String toString() {
        String max = maxUlp == Long.MAX_VALUE ? "differs" : "max " + maxUlp + " ulp";
        return String.format("%.3f%% exact, %s", 100.0 * exactFraction(), exact == values ? "max 0 ulp" : max);
    }
}
