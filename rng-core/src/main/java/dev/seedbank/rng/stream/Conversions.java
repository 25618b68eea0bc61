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
        return (float) (word & 0xFFFFFFFFL) * TWO_POW_M32_F + HALF_STEP_F;
    }

    /** {@code (double) (lo ^ (hi << 21)) * 2^-53 + 2^-54}, in (0, 1]. */
    public static double uniformDouble(int lo, int hi) {
        return bits53(lo, hi) * TWO_POW_M53 + HALF_STEP_D;
    }

    private static long bits53(int lo, int hi) {
        return (lo & 0xFFFFFFFFL) ^ ((hi & 0xFFFFFFFFL) << 21);
    }

    /**
     * Box-Muller in float from words x (radius) and y (angle): writes sin and cos times the radius to
     * {@code out[0]} and {@code out[1]}. {@link FloatMath} gives exactly {@code (float) StrictMath.f}.
     */
    static void normalPair(int x, int y, float[] out) {
        float u = uniformFloat(x);
        float v = (float) (y & 0xFFFFFFFFL) * ANGLE_STEP_F + ANGLE_HALF_STEP_F;
        float s = (float) Math.sqrt(-2.0f * FloatMath.log(u));
        FloatMath.sinCos(v, out);
        out[0] *= s;
        out[1] *= s;
    }

    /** Box-Muller in double from one block: the sine half, or the cosine half when {@code cosine}. */
    static double normalDouble(int w0, int w1, int w2, int w3, boolean cosine) {
        double u = uniformDouble(w0, w1);
        double v = (bits53(w2, w3) * TWO_POW_M52 + HALF_STEP_PI_D) * PI;
        double s = Math.sqrt(-2.0 * StrictMath.log(u));
        return (cosine ? StrictMath.cos(v) : StrictMath.sin(v)) * s;
    }
}
