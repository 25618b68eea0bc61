package dev.seedbank.rng.stream;

/**
 * Fast float {@code log} and {@code sin}/{@code cos} that return exactly {@code (float) StrictMath.f(x)}.
 *
 * <p>Each function evaluates in double arithmetic with a relative error below 2^-48 (table-driven log without
 * division, argument reduction with a two-part constant, short polynomials), then rounds to float only when
 * the interval of relative half-width {@link #SAFE} around the double rounds to one float; otherwise (about one
 * call in 2^18) StrictMath decides. The exact value lies in that interval, and so does StrictMath's result
 * (error below one double ulp); rounding is monotonic, so the result is always identical to
 * {@code (float) StrictMath.f(x)}, on every JVM, only faster. Java double arithmetic is exact IEEE 754 (no
 * fused operations), so the fast path is deterministic too.
 *
 * <p>The {@code OrNaN} forms return NaN instead of calling StrictMath, so that batch loops hold no call and
 * take StrictMath's value afterwards for the rare NaN. They build doubles from raw bits where a conversion
 * would be on the critical path: on x86, HotSpot's scalar float-to-double conversion writes only the low lane
 * of its register, and the false dependency on the register's previous contents chained successive calls
 * into one latency chain (measured: log 3.5x slower).
 *
 * <p>Stateless (the log table is built once from StrictMath); thread-safe.
 */
final class FloatMath {
    /**
     * Relative half-width of the interval that must round to one float: 2^5 times the error bound, so the
     * StrictMath path is taken for about 2 * 2^-43 * 2^24 = 2^-18 of the values.
     */
    static final double SAFE = 0x1p-43;
    static final double BELOW = 1 - SAFE;
    static final double ABOVE = 1 + SAFE;
    /** Mantissa bits a double has beyond a float's. */
    private static final int EXTRA_BITS = 52 - 23;
    /** Difference of the exponent biases (1023 - 127), in place in double bits. */
    private static final long REBIAS_DOUBLE = (1023L - 127) << 52;
    /** Bits of the smallest positive normal float. */
    private static final int MIN_NORMAL_BITS = 0x00800000;
    /**
     * 1.5 * 2^52: adding it rounds a double of magnitude below 2^51 to an integer (ties to even, as
     * {@code Math.rint}), which its low mantissa bits then hold in two's complement.
     */
    static final double ROUND_MAGIC = 0x1.8p52;
    private static final long ROUND_MAGIC_BITS = Double.doubleToRawLongBits(ROUND_MAGIC);

    /** ln 2 split so that {@code k * LN2_HI} is exact for |k| < 2^11 (fdlibm's split). */
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    /** Mantissa index bits of the log table: intervals of 2^-8 below 1 and 2^-7 above. */
    private static final int LOG_TABLE_BITS = 7;
    static final int LOG_TABLE_SIZE = 1 << LOG_TABLE_BITS;
    /**
     * Float bits of about 0.6992: {@code x} is split as {@code 2^k * z} with z in [0.6992, 1.3984), so that
     * log z is small and 1 is the boundary of intervals 76 and 77, which use c = 1 (no cancellation near 1).
     */
    static final int LOG_OFFSET = 0x3F330000;
    static final int LOG_INTERVAL_SHIFT = 23 - LOG_TABLE_BITS;
    /** Index of the interval that starts at 1 (77). */
    private static final int LOG_AT_ONE = (0x3F800000 - LOG_OFFSET) >>> LOG_INTERVAL_SHIFT;
    /** Per interval: 1/c rounded to float (so {@code z * invC} is exact in double), and -log(invC). */
    static final double[] LOG_INV_C = new double[LOG_TABLE_SIZE];
    static final double[] LOG_C = new double[LOG_TABLE_SIZE];

    /** Coefficients of log1p(r) = r + r^2 (L2 + L3 r + L4 r^2 + L5 r^3 + L6 r^4 + L7 r^5): Taylor's. */
    static final double L2 = -1.0 / 2;
    static final double L3 = 1.0 / 3;
    static final double L4 = -1.0 / 4;
    static final double L5 = 1.0 / 5;
    static final double L6 = -1.0 / 6;
    static final double L7 = 1.0 / 7;
    /** Taylor coefficients of sin r / r (S3 .. S15) and cos r (C2 .. C14). */
    static final double S3 = -1.0 / 6;
    static final double S5 = 1.0 / 120;
    static final double S7 = -1.0 / 5040;
    static final double S9 = 1.0 / 362880;
    static final double S11 = -1.0 / 39916800;
    static final double S13 = 1.0 / 6227020800L;
    static final double S15 = -1.0 / 1307674368000L;
    static final double C2 = -1.0 / 2;
    static final double C4 = 1.0 / 24;
    static final double C6 = -1.0 / 720;
    static final double C8 = 1.0 / 40320;
    static final double C10 = -1.0 / 3628800;
    static final double C12 = 1.0 / 479001600;
    static final double C14 = -1.0 / 87178291200L;

    /** pi/2 split: the first 33 bits, and the rest (fdlibm's pio2_1, pio2_1t). */
    static final double PIO2_HI = 1.57079632673412561417e+00;
    static final double PIO2_LO = 6.07710050650619224932e-11;
    static final double TWO_OVER_PI = 2 / Math.PI;
    /** Bits of the largest |x| (64) for which the two-part reduction keeps the error bound. */
    private static final int MAX_TRIG_BITS = Float.floatToRawIntBits(64f);

    static {
        for (int i = 0; i < LOG_TABLE_SIZE; i++) {
            // intervals next to 1 keep c = 1: z - 1 is exact and log c = 0
            boolean nextToOne = i == LOG_AT_ONE - 1 || i == LOG_AT_ONE;
            float center = Float.intBitsToFloat(LOG_OFFSET + (i << LOG_INTERVAL_SHIFT) + (1 << (LOG_INTERVAL_SHIFT - 1)));
            double invC = nextToOne ? 1 : (float) (1.0 / center);
            LOG_INV_C[i] = invC;
            LOG_C[i] = -StrictMath.log(invC);
        }
    }

    private FloatMath() {
    }

    /** {@code (float) StrictMath.log(x)}. */
    static float log(float x) {
        float y = logOrNaN(x);
        return y == y ? y : (float) StrictMath.log(x);
    }

    /** Writes {@code (float) StrictMath.sin(x)} and {@code (float) StrictMath.cos(x)} to {@code out[0..1]}. */
    static void sinCos(float x, float[] out) {
        sinCosOrNaN(x, out, 0);
        if (Float.isNaN(out[0])) {
            out[0] = (float) StrictMath.sin(x);
        }
        if (Float.isNaN(out[1])) {
            out[1] = (float) StrictMath.cos(x);
        }
    }

    /** {@code (float) StrictMath.log(x)}, or NaN where the caller must take StrictMath's value. */
    static float logOrNaN(float x) {
        int bits = Float.floatToRawIntBits(x);
        if (bits < MIN_NORMAL_BITS || bits >= 0x7F800000) {
            return Float.NaN;
        }
        int tmp = bits - LOG_OFFSET;
        int i = (tmp >>> LOG_INTERVAL_SHIFT) & (LOG_TABLE_SIZE - 1);
        int z = bits - (tmp & 0xFF800000);
        // r = z / c - 1 exactly: the product has at most 48 bits, and the difference is exact (Sterbenz);
        // |r| < 2^-7 (2^-8 away from 1)
        double r = toDouble(z) * LOG_INV_C[i] - 1;
        double r2 = r * r;
        // log1p(r) to r^7 (Estrin): truncation below 2^-51 relative
        double p = r + r2 * ((L2 + r * L3) + r2 * ((L4 + r * L5) + r2 * (L6 + r * L7)));
        double k = Double.longBitsToDouble(ROUND_MAGIC_BITS + (tmp >> 23)) - ROUND_MAGIC;
        // |log z| < 0.36, so for k != 0 the sum is at least 0.33: no cancellation
        return rounded((k * LN2_HI + LOG_C[i]) + (k * LN2_LO + p));
    }

    /**
     * Writes {@code (float) StrictMath.sin(x)} to {@code out[at]} and {@code (float) StrictMath.cos(x)} to
     * {@code out[at + 1]}, or NaN where the caller must take StrictMath's value.
     */
    static void sinCosOrNaN(float x, float[] out, int at) {
        int magnitude = Float.floatToRawIntBits(x) & Integer.MAX_VALUE;
        if (magnitude < MIN_NORMAL_BITS || magnitude > MAX_TRIG_BITS) {
            out[at] = Float.NaN;
            out[at + 1] = Float.NaN;
            return;
        }
        double v = x;
        double shifted = v * TWO_OVER_PI + ROUND_MAGIC;
        int k = (int) Double.doubleToRawLongBits(shifted);
        double kd = shifted - ROUND_MAGIC;
        // |kd| <= 41: kd * PIO2_HI and the first difference are exact (fdlibm)
        double r = (v - kd * PIO2_HI) - kd * PIO2_LO;
        double r2 = r * r;
        double r4 = r2 * r2;
        double r8 = r4 * r4;
        // Taylor series on |r| <= pi/4 to r^15 and r^14 (Estrin): truncation below 2^-53 and 2^-49 relative
        double s = r + (r * r2) * (((S3 + r2 * S5) + r4 * (S7 + r2 * S9)) + r8 * ((S11 + r2 * S13) + r4 * S15));
        double c = 1 + r2 * (((C2 + r2 * C4) + r4 * (C6 + r2 * C8)) + r8 * ((C10 + r2 * C12) + r4 * C14));
        // quadrant k, without branches: sin x = (s, c, -s, -c)[k mod 4], cos x = (c, -s, -c, s)[k mod 4]
        long sBits = Double.doubleToRawLongBits(s);
        long cBits = Double.doubleToRawLongBits(c);
        long swap = -(long) (k & 1);
        long sin = ((sBits & ~swap) | (cBits & swap)) ^ ((long) (k & 2) << 62);
        long cos = ((cBits & ~swap) | (sBits & swap)) ^ ((long) ((k + 1) & 2) << 62);
        out[at] = rounded(Double.longBitsToDouble(sin));
        out[at + 1] = rounded(Double.longBitsToDouble(cos));
    }

    /** The double equal to the positive normal float with bits {@code f}. */
    private static double toDouble(int f) {
        return Double.longBitsToDouble(((long) f << EXTRA_BITS) + REBIAS_DOUBLE);
    }

    /** {@code (float) y} when the interval of relative half-width {@link #SAFE} around y rounds to it; else NaN. */
    private static float rounded(double y) {
        float low = (float) (y * BELOW);
        float high = (float) (y * ABOVE);
        return low == high ? low : Float.NaN;
    }
}
