package dev.seedbank.rng.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FloatMath must return exactly (float) StrictMath.f(x); any difference would change stream values. */
class FloatMathTest {
    private static final int SAMPLES = 2_000_000;

    private static float sin(float x) {
        float[] sc = new float[2];
        FloatMath.sinCos(x, sc);
        return sc[0];
    }

    private static float cos(float x) {
        float[] sc = new float[2];
        FloatMath.sinCos(x, sc);
        return sc[1];
    }

    @Test
    void logEqualsStrictMathOnUniformInputsAndEdges() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < SAMPLES; i++) {
            float u = Conversions.uniformFloat(r.nextInt());
            assertEquals((float) StrictMath.log(u), FloatMath.log(u), "log " + u);
            float any = Float.intBitsToFloat(r.nextInt(0x00800000, 0x7F800000));
            assertEquals((float) StrictMath.log(any), FloatMath.log(any), "log " + any);
        }
        for (float x : new float[] {1f, Math.nextDown(1f), Math.nextUp(1f), 0x1p-33f, 2f, 1.4142135f, 1.4142137f,
                Float.MIN_NORMAL, Float.MAX_VALUE, Float.MIN_VALUE, 0f}) {
            assertEquals((float) StrictMath.log(x), FloatMath.log(x), "log " + x);
        }
    }

    @Test
    void sinAndCosEqualStrictMathOnAngleInputsAndEdges() {
        SplittableRandom r = new SplittableRandom(12);
        for (int i = 0; i < SAMPLES; i++) {
            float v = (float) (r.nextInt() & 0xFFFFFFFFL) * Conversions.ANGLE_STEP_F + Conversions.ANGLE_HALF_STEP_F;
            assertEquals((float) StrictMath.sin(v), sin(v), "sin " + v);
            assertEquals((float) StrictMath.cos(v), cos(v), "cos " + v);
            float any = (float) r.nextDouble(-100, 100);
            assertEquals((float) StrictMath.sin(any), sin(any), "sin " + any);
            assertEquals((float) StrictMath.cos(any), cos(any), "cos " + any);
        }
        for (float x : new float[] {0f, -0f, (float) Math.PI, (float) (Math.PI / 2), (float) (2 * Math.PI),
                (float) (3 * Math.PI / 2), (float) (Math.PI / 4), 64f, -64f, 1e-30f}) {
            assertEquals((float) StrictMath.sin(x), sin(x), "sin " + x);
            assertEquals((float) StrictMath.cos(x), cos(x), "cos " + x);
        }
    }
}
