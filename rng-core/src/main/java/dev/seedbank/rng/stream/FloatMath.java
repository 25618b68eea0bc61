package dev.seedbank.rng.stream;

/**
 * Fast float {@code log} and {@code sin}/{@code cos} that return exactly {@code (float) StrictMath.f(x)}.
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
    /**
     * Relative error bound used to decide whether the double result rounds safely: above the polynomials'
     * error (below 2^-36) and the rounding of their evaluation; values within it of a float rounding boundary
     * (about 1 in 2^8) take the StrictMath path.
     */
    private static final double SAFE = 0x1p-33;
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
        // 2 atanh(t) = 2t (1 + t^2/3 + t^4/5 + ...), |t| <= 0.1716: terms to t^16 leave < 2^-40 relative;
        // evaluated in two halves (Estrin) to shorten the chain of dependent operations
        double t4 = t2 * t2;
        double low = 1 + t2 * (1.0 / 3) + t4 * (1.0 / 5 + t2 * (1.0 / 7));
        double high = 1.0 / 9 + t2 * (1.0 / 11) + t4 * (1.0 / 13 + t2 * (1.0 / 15) + t4 * (1.0 / 17));
        double series = low + (t4 * t4) * high;
        double y = exponent * LN2_HI + (exponent * LN2_LO + 2 * t * series);
        return roundOr(y, x, Fallback.LOG);
    }

    /** Writes {@code (float) StrictMath.sin(x)} and {@code (float) StrictMath.cos(x)} to {@code out[0..1]}. */
    static void sinCos(float x, float[] out) {
        if (x == 0 || Math.abs(x) > MAX_TRIG_ARGUMENT) {
            out[0] = (float) StrictMath.sin(x);
            out[1] = (float) StrictMath.cos(x);
            return;
        }
        double v = x;
        int k = (int) Math.rint(v * TWO_OVER_PI);
        double r = (v - k * PIO2_HI) - k * PIO2_LO;
        double r2 = r * r;
        double r4 = r2 * r2;
        // Taylor series on |r| <= pi/4 to r^13 and r^14: truncation below 2^-40 relative
        double s = r + r * r2 * ((-1.0 / 6 + r2 * (1.0 / 120)) + r4 * ((-1.0 / 5040 + r2 * (1.0 / 362880))
                + r4 * (-1.0 / 39916800 + r2 * (1.0 / 6227020800L))));
        double c = 1 + r2 * ((-1.0 / 2 + r2 * (1.0 / 24)) + r4 * ((-1.0 / 720 + r2 * (1.0 / 40320))
                + r4 * ((-1.0 / 3628800 + r2 * (1.0 / 479001600)) + r4 * (-1.0 / 87178291200L))));
        // quadrant k: sin x = (s, c, -s, -c)[k mod 4], cos x = (c, -s, -c, s)[k mod 4]
        double sin;
        double cos;
        switch (k & 3) {
            case 0 -> {
                sin = s;
                cos = c;
            }
            case 1 -> {
                sin = c;
                cos = -s;
            }
            case 2 -> {
                sin = -s;
                cos = -c;
            }
            default -> {
                sin = -c;
                cos = s;
            }
        }
        out[0] = roundOr(sin, x, Fallback.SIN);
        out[1] = roundOr(cos, x, Fallback.COS);
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
