package dev.seedbank.record;

/**
 * How far one parameter of two checkpoints is apart.
 *
 * @param name {@code layer/param}
 * @param length number of elements
 * @param differing elements whose bits differ
 * @param maxAbs the largest absolute difference
 * @param maxUlps the largest distance in units in the last place (float)
 */
public record ParamDiff(String name, long length, long differing, double maxAbs, long maxUlps) {
    /** The distance in float ulps between two values (NaNs and signed zeros by their bits' order). */
    public static long ulps(float a, float b) {
        return Math.abs(ordered(a) - ordered(b));
    }

    private static long ordered(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }

    /** Compares two parameter value arrays of equal length. */
    public static ParamDiff of(String name, float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(name + " has " + a.length + " values in one checkpoint and " + b.length
                    + " in the other");
        }
        long differing = 0;
        double maxAbs = 0;
        long maxUlps = 0;
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                differing++;
                maxAbs = Math.max(maxAbs, Math.abs((double) a[i] - (double) b[i]));
                maxUlps = Math.max(maxUlps, ulps(a[i], b[i]));
            }
        }
        return new ParamDiff(name, a.length, differing, maxAbs, maxUlps);
    }
}
