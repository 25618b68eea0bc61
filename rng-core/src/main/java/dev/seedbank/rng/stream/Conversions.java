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
    private static final int HALF_WORD_BITS = 16;
    private static final int HALF_WORD_MASK = (1 << HALF_WORD_BITS) - 1;
    private static final float HALF_WORD_SCALE_F = 0x1p16f;
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
     * {@code (float) (word & 0xFFFFFFFFL)}, from two exact 16-bit halves and one rounding addition: on x86
     * HotSpot converts ints with full-register instructions (AMD) but longs with a partial-register one whose
     * false dependency serialises fill loops.
     */
    private static float unsignedToFloat(int word) {
        return (float) (word >>> HALF_WORD_BITS) * HALF_WORD_SCALE_F + (float) (word & HALF_WORD_MASK);
    }

    /** {@code (double) (lo ^ (hi << 21)) * 2^-53 + 2^-54}, in (0, 1]. */
    public static double uniformDouble(int lo, int hi) {
        return bits53(lo, hi) * TWO_POW_M53 + HALF_STEP_D;
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
        double v = (bits53(w2, w3) * TWO_POW_M52 + HALF_STEP_PI_D) * PI;
        double s = Math.sqrt(-2.0 * StrictMath.log(u));
        return (cosine ? StrictMath.cos(v) : StrictMath.sin(v)) * s;
    }
}
