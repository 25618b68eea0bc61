package dev.seedbank.rng.stream;

/**
 * Fast float {@code log}, {@code sin} and {@code cos} that return exactly {@code (float) StrictMath.f(x)}.
 *
 * <p>Each function evaluates in double arithmetic with a relative error far below 2^-40 (argument
 * reduction with a two-part constant, short polynomials), then rounds to float only when the whole
 * error interval rounds to one float; otherwise (about one call in 2^16) it returns
 * {@code (float) StrictMath.f(x)}. When the interval rounds to one float, that float is also the rounding
 * of StrictMath's result, whose error is below one double ulp; so the result is always identical to
 * {@code (float) StrictMath.f(x)}, on every JVM, only faster. Java double arithmetic is exact IEEE 754
 * (no fused operations), so the fast path is deterministic too.
 *
 * <p>Stateless; thread-safe.
 */
final class FloatMath {
    /** Relative error bound used to decide whether the double result rounds safely. */
    private static final double SAFE = 0x1p-40;
    /** ln 2 split so that {@code e * LN2_HI} is exact for |e| < 2^11 (fdlibm's split). */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** Mantissa bits of sqrt(2) as a float in [1, 2): mantissas above it are halved. */
    private static final int SQRT2_BITS = 0x3FB504F3;
    /** pi/2 split: the first 33 bits, and the rest (fdlibm's pio2_1, pio2_1t). */
    private static final double PIO2_HI = 1.57079632673412561417e+00;
    private static final double PIO2_LO = 6.07710050650619224932e-11;
    private static final double TWO_OVER_PI = 2 / Math.PI;
    /** Largest |x| for which the two-part reduction keeps the error bound (zeros keep their sign via StrictMath). */
    private static final float MAX_TRIG_ARGUMENT = 64f;

    private FloatMath() {
    }

    /** {@code (float) StrictMath.log(x)} for positive normal {@code x}. */
    static float log(float x) {
        int bits = Float.floatToRawIntBits(x);
        if (bits < 0x00800000 || bits >= 0x7F800000) {
            return (float) StrictMath.log(x);
        }
        int exponent = (bits >>> 23) - 127;
        int mantissaBits = (bits & 0x007FFFFF) | 0x3F800000;
        double m = Float.intBitsToFloat(mantissaBits);
        if (mantissaBits > SQRT2_BITS) {
            m *= 0.5;
            exponent++;
        }
        double t = (m - 1) / (m + 1);
        double t2 = t * t;
        // 2 atanh(t) = 2t (1 + t^2/3 + t^4/5 + ...), |t| <= 0.1716: terms to t^20 leave < 2^-50
        double series = 1 + t2 * (1.0 / 3 + t2 * (1.0 / 5 + t2 * (1.0 / 7 + t2 * (1.0 / 9 + t2 * (1.0 / 11
                + t2 * (1.0 / 13 + t2 * (1.0 / 15 + t2 * (1.0 / 17 + t2 * (1.0 / 19 + t2 * (1.0 / 21))))))))));
        double y = exponent * LN2_HI + (exponent * LN2_LO + 2 * t * series);
        return roundOr(y, x, Fallback.LOG);
    }

    /** {@code (float) StrictMath.sin(x)}. */
    static float sin(float x) {
        return fast(x) ? roundOr(sinCos(x, false), x, Fallback.SIN) : (float) StrictMath.sin(x);
    }

    /** {@code (float) StrictMath.cos(x)}. */
    static float cos(float x) {
        return fast(x) ? roundOr(sinCos(x, true), x, Fallback.COS) : (float) StrictMath.cos(x);
    }

    private static boolean fast(float x) {
        return x != 0 && Math.abs(x) <= MAX_TRIG_ARGUMENT;
    }

    private static double sinCos(float x, boolean cosine) {
        double v = x;
        int k = (int) Math.rint(v * TWO_OVER_PI);
        double r = (v - k * PIO2_HI) - k * PIO2_LO;
        int quadrant = (k + (cosine ? 1 : 0)) & 3;
        double r2 = r * r;
        double s = r + r * r2 * (-1.0 / 6 + r2 * (1.0 / 120 + r2 * (-1.0 / 5040 + r2 * (1.0 / 362880
                + r2 * (-1.0 / 39916800 + r2 * (1.0 / 6227020800L + r2 * (-1.0 / 1307674368000L
                + r2 * (1.0 / 355687428096000L))))))));
        double c = 1 + r2 * (-1.0 / 2 + r2 * (1.0 / 24 + r2 * (-1.0 / 720 + r2 * (1.0 / 40320
                + r2 * (-1.0 / 3628800 + r2 * (1.0 / 479001600 + r2 * (-1.0 / 87178291200L
                + r2 * (1.0 / 20922789888000L))))))));
        // cos(x) = sin(x + pi/2): quadrant q of sin gives sin r, cos r, -sin r, -cos r
        return switch (quadrant) {
            case 0 -> s;
            case 1 -> c;
            case 2 -> -s;
            default -> -c;
        };
    }

    private enum Fallback { LOG, SIN, COS }

    private static float roundOr(double y, float x, Fallback f) {
        double slack = Math.abs(y) * SAFE;
        float lo = (float) (y - slack);
        float hi = (float) (y + slack);
        if (lo == hi) {
            return lo;
        }
        return switch (f) {
            case LOG -> (float) StrictMath.log(x);
            case SIN -> (float) StrictMath.sin(x);
            case COS -> (float) StrictMath.cos(x);
        };
    }
}
