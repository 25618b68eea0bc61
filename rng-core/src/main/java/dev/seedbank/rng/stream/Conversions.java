package dev.seedbank.rng.stream;

/**
 * Word-to-value conversions in cuRAND's arithmetic, operation by operation (docs/curand-notes.md).
 * Uniforms are bit-exact. The normals take log, sine and cosine from {@link StrictMath}, so Java results
 * never depend on the JVM or CPU; cuRAND's host library takes them from glibc, which is not correctly
 * rounded, so a few percent of normals differ from cuRAND's by at most 3 ulp (measured bounds in
 * docs/stream-spec.md, checked by the live tests).
 *
 * <p>Stateless; thread-safe.
 */
public final class Conversions {
    static final int HALF_WORD_BITS = 16;
    static final int HALF_WORD_MASK = (1 << HALF_WORD_BITS) - 1;
    /**
     * Float bits of 2^23 and 2^39: OR-ing a 16-bit integer h into the mantissa gives 2^23 + h and
     * 2^39 + h * 2^16, so subtracting the power of two leaves h and h * 2^16 exactly, without a conversion.
     */
    static final int LOW_HALF_BITS = 0x4B000000;
    static final int HIGH_HALF_BITS = 0x53000000;
    static final float LOW_HALF_BIAS = 0x1p23f;
    static final float HIGH_HALF_BIAS = 0x1p39f;
    /** Double bits of 2^52: OR-ing an integer below 2^52 into the mantissa gives 2^52 plus it. */
    private static final long DOUBLE_BIAS_BITS = 0x4330000000000000L;
    private static final double DOUBLE_BIAS = 0x1p52;
    /** Bits of a 53-bit integer held in its low double (the rest, bits 32..52, scaled by 2^32 is the high one). */
    private static final int LOW_DOUBLE_BITS = 32;
    private static final double HIGH_DOUBLE_SCALE = 0x1p32;
    /** 2^-32: scales a 32-bit word to [0, 1). */
    static final float TWO_POW_M32_F = 0x1p-32f;
    /** 2^-33: half a step, so float uniforms lie in (0, 1]. */
    static final float HALF_STEP_F = 0x1p-33f;
    /** float(2 pi) * 2^-32 (bits 0x30C90FDB): scales a word to an angle. */
    static final float ANGLE_STEP_F = Float.intBitsToFloat(0x30C90FDB);
    /** Half of {@link #ANGLE_STEP_F} (bits 0x30490FDB). */
    static final float ANGLE_HALF_STEP_F = Float.intBitsToFloat(0x30490FDB);
    /** 2^-53: scales a 53-bit integer to [0, 1). */
    static final double TWO_POW_M53 = 0x1p-53;
    /** 2^-54: half a step, so double uniforms lie in (0, 1]. */
    static final double HALF_STEP_D = 0x1p-54;
    /** 2^-52 and its half: scale a 53-bit integer to (0, 2], the angle in units of pi. */
    static final double TWO_POW_M52 = 0x1p-52;
    static final double HALF_STEP_PI_D = 0x1p-53;
    /** The double nearest pi (bits 0x400921FB54442D18). */
    static final double PI = Math.PI;

    private Conversions() {
    }

    /** {@code (float) word * 2^-32 + 2^-33}, in (0, 1]. */
    public static float uniformFloat(int word) {
        return unsignedToFloat(word) * TWO_POW_M32_F + HALF_STEP_F;
    }

    /**
     * {@code (float) (word & 0xFFFFFFFFL)}: the two 16-bit halves, made exact floats from bit patterns, and one
     * rounding addition. No int-to-float conversion: HotSpot's scalar one writes only the low lane of its
     * register, and that false dependency serialised fill loops (and C2 does not vectorise it).
     */
    static float unsignedToFloat(int word) {
        float high = Float.intBitsToFloat(HIGH_HALF_BITS | (word >>> HALF_WORD_BITS)) - HIGH_HALF_BIAS;
        float low = Float.intBitsToFloat(LOW_HALF_BITS | (word & HALF_WORD_MASK)) - LOW_HALF_BIAS;
        return high + low;
    }

    /** {@code (double) (lo ^ (hi << 21)) * 2^-53 + 2^-54}, in (0, 1]. */
    public static double uniformDouble(int lo, int hi) {
        return exactDouble(bits53(lo, hi)) * TWO_POW_M53 + HALF_STEP_D;
    }

    /**
     * {@code (double) bits} for {@code 0 <= bits < 2^53}, exactly, from two halves made doubles from bit patterns
     * (no long-to-double conversion, for the reason given at {@link #unsignedToFloat}); the sum is exact.
     */
    private static double exactDouble(long bits) {
        double high = Double.longBitsToDouble(DOUBLE_BIAS_BITS | (bits >>> LOW_DOUBLE_BITS)) - DOUBLE_BIAS;
        double low = Double.longBitsToDouble(DOUBLE_BIAS_BITS | (bits & 0xFFFFFFFFL)) - DOUBLE_BIAS;
        return high * HIGH_DOUBLE_SCALE + low;
    }

    private static long bits53(int lo, int hi) {
        return (lo & 0xFFFFFFFFL) ^ ((hi & 0xFFFFFFFFL) << 21);
    }

    /**
     * Box-Muller in float on the word pairs {@code words[from + 2i]} (radius) and {@code words[from + 2i + 1]}
     * (angle), {@code i < pairs}: writes sin and cos times the radius to {@code out[2i]} and {@code out[2i + 1]}.
     * {@link FloatMath} gives exactly {@code (float) StrictMath.f}. Runs in passes (log, square root, sin/cos,
     * each followed by StrictMath for the rare values FloatMath leaves to it) so that each loop is short and
     * holds no call, and the square root loop can use vector instructions; {@code radius} is scratch for at
     * least {@code pairs} values.
     */
    static void normals(int[] words, int from, int pairs, float[] radius, float[] out) {
        boolean strict = false;
        for (int i = 0; i < pairs; i++) {
            float log = FloatMath.logOrNaN(uniformFloat(words[from + 2 * i]));
            strict |= Float.isNaN(log);
            radius[i] = -2.0f * log;
        }
        for (int i = 0; strict && i < pairs; i++) {
            if (Float.isNaN(radius[i])) {
                radius[i] = -2.0f * (float) StrictMath.log(uniformFloat(words[from + 2 * i]));
            }
        }
        for (int i = 0; i < pairs; i++) {
            radius[i] = (float) Math.sqrt(radius[i]);
        }
        strict = false;
        for (int i = 0; i < pairs; i++) {
            FloatMath.sinCosOrNaN(angle(words[from + 2 * i + 1]), out, 2 * i);
            strict |= Float.isNaN(out[2 * i]) | Float.isNaN(out[2 * i + 1]);
        }
        for (int i = 0; strict && i < 2 * pairs; i++) {
            if (Float.isNaN(out[i])) {
                float v = angle(words[from + (i | 1)]);
                out[i] = (float) ((i & 1) == 0 ? StrictMath.sin(v) : StrictMath.cos(v));
            }
        }
        for (int i = 0; i < 2 * pairs; i++) {
            out[i] *= radius[i >> 1];
        }
    }

    /** The Box-Muller angle of a word: {@code (float) word * float(2 pi) 2^-32 + float(pi) 2^-32}. */
    private static float angle(int word) {
        return unsignedToFloat(word) * ANGLE_STEP_F + ANGLE_HALF_STEP_F;
    }

    /** Box-Muller in double from one block: the sine half, or the cosine half when {@code cosine}. */
    static double normalDouble(int w0, int w1, int w2, int w3, boolean cosine) {
        double u = uniformDouble(w0, w1);
        double v = (exactDouble(bits53(w2, w3)) * TWO_POW_M52 + HALF_STEP_PI_D) * PI;
        double s = Math.sqrt(-2.0 * StrictMath.log(u));
        return (cosine ? StrictMath.cos(v) : StrictMath.sin(v)) * s;
    }
}
