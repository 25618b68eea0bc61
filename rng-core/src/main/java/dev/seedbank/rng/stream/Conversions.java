package dev.seedbank.rng.stream;

/**
 * Word-to-value conversions, bit-exact with cuRAND's (see docs/stream-spec.md for the measured
 * agreement of the normal formats). All arithmetic is IEEE 754 as Java specifies it; transcendental
 * functions come from {@link StrictMath}, so results never depend on the JVM or the CPU.
 *
 * <p>Stateless; thread-safe.
 */
public final class Conversions {
    /** 2^-32: scales a 32-bit word to [0, 1). */
    static final float TWO_POW_M32_F = 0x1p-32f;
    /** 2^-33: half a step, so uniforms lie in (0, 1]. */
    static final float HALF_STEP_F = 0x1p-33f;
    /** 2^-53: scales a 53-bit integer to [0, 1). */
    static final double TWO_POW_M53 = 0x1p-53;
    /** 2^-54: half a step of the double uniform. */
    static final double HALF_STEP_D = 0x1p-54;
    /** 2pi * 2^-32 in float, cuRAND's CURAND_2POW32_INV_2PI. */
    static final float TWO_PI_STEP_F = 2.0f * (float) Math.PI * 0x1p-32f;
    /** 2pi * 2^-53 in double, cuRAND's CURAND_2POW53_INV_2PI_DOUBLE. */
    static final double TWO_PI_STEP_D = 2.0 * Math.PI * 0x1p-53;

    private Conversions() {
    }

    /** Unsigned value of a 32-bit word. */
    static long unsigned(int word) {
        return word & 0xFFFFFFFFL;
    }

    /** {@code curand_uniform}: {@code word * 2^-32 + 2^-33} in float arithmetic, in (0, 1]. */
    public static float uniformFloat(int word) {
        return (float) unsigned(word) * TWO_POW_M32_F + HALF_STEP_F;
    }

    /** cuRAND's 53-bit double from two words: {@code lo ^ (hi << 21)}, scaled, in (0, 1]. */
    public static double uniformDouble(int lo, int hi) {
        return bits53(lo, hi) * TWO_POW_M53 + HALF_STEP_D;
    }

    private static long bits53(int lo, int hi) {
        return unsigned(lo) ^ (unsigned(hi) << 21);
    }

    /** Box-Muller in float from two words; writes {@code dst[i]} and, when {@code i + 1 < to}, {@code dst[i + 1]}. */
    static void normalPair(int x, int y, float mean, float stddev, float[] dst, int i, int to) {
        float u = uniformFloat(x);
        float v = (float) unsigned(y) * TWO_PI_STEP_F + TWO_PI_STEP_F / 2.0f;
        float s = (float) StrictMath.sqrt(-2.0f * (float) StrictMath.log(u));
        dst[i] = (float) StrictMath.sin(v) * s * stddev + mean;
        if (i + 1 < to) {
            dst[i + 1] = (float) StrictMath.cos(v) * s * stddev + mean;
        }
    }

    /** Box-Muller in double from four words; writes {@code dst[i]} and, when {@code i + 1 < to}, {@code dst[i + 1]}. */
    static void normalDoublePair(int x0, int x1, int y0, int y1, double mean, double stddev, double[] dst,
            int i, int to) {
        double u = uniformDouble(x0, x1);
        double v = bits53(y0, y1) * TWO_PI_STEP_D + TWO_PI_STEP_D / 2.0;
        double s = StrictMath.sqrt(-2.0 * StrictMath.log(u));
        dst[i] = StrictMath.sin(v) * s * stddev + mean;
        if (i + 1 < to) {
            dst[i + 1] = StrictMath.cos(v) * s * stddev + mean;
        }
    }
}
