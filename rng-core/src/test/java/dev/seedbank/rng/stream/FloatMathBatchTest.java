package dev.seedbank.rng.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The batch paths: FloatMath's NaN-returning fast paths must give exactly (float) StrictMath.f(x) whenever they
 * give a number, rarely give NaN, and {@link Conversions#normals} must repair every NaN with StrictMath.
 */
class FloatMathBatchTest {
    private static final int SAMPLES = 2_000_000;
    /** Far above the expected 2^-18 rate of the StrictMath path, far below what a broken bound would give. */
    private static final double MAX_STRICT_RATE = 0x1p-12;

    private static float angle(int word) {
        return (float) (word & 0xFFFFFFFFL) * Conversions.ANGLE_STEP_F + Conversions.ANGLE_HALF_STEP_F;
    }

    /** Checks one input; returns 1 when the fast path left it to StrictMath. */
    private static int checkLog(float x) {
        float fast = FloatMath.logOrNaN(x);
        float strict = (float) StrictMath.log(x);
        assertEquals(strict, FloatMath.log(x), "log " + x);
        if (Float.isNaN(fast)) {
            return 1;
        }
        assertEquals(Float.floatToRawIntBits(strict), Float.floatToRawIntBits(fast), "log " + x);
        return 0;
    }

    private static int checkSinCos(float x) {
        float[] fast = new float[3];
        FloatMath.sinCosOrNaN(x, fast, 1);
        float sin = (float) StrictMath.sin(x);
        float cos = (float) StrictMath.cos(x);
        float[] exact = new float[2];
        FloatMath.sinCos(x, exact);
        assertEquals(sin, exact[0], "sin " + x);
        assertEquals(cos, exact[1], "cos " + x);
        int strict = 0;
        if (Float.isNaN(fast[1])) {
            strict++;
        } else {
            assertEquals(Float.floatToRawIntBits(sin), Float.floatToRawIntBits(fast[1]), "sin " + x);
        }
        if (Float.isNaN(fast[2])) {
            strict++;
        } else {
            assertEquals(Float.floatToRawIntBits(cos), Float.floatToRawIntBits(fast[2]), "cos " + x);
        }
        return strict;
    }

    @Test
    void logFastPathEqualsStrictMathAndRarelyDefers() {
        SplittableRandom r = new SplittableRandom(21);
        int strict = 0;
        for (int i = 0; i < SAMPLES; i++) {
            strict += checkLog(Conversions.uniformFloat(r.nextInt()));
        }
        assertTrue(strict < SAMPLES * MAX_STRICT_RATE, strict + " of " + SAMPLES + " uniforms took StrictMath");
        for (int i = 0; i < SAMPLES; i++) {
            checkLog(Float.intBitsToFloat(r.nextInt(0x00800000, 0x7F800000)));
        }
    }

    @Test
    void logIsExactNearOneAndAtEveryTableBoundary() {
        // every float in [1 - 2^-6, 1 + 2^-5]: the intervals with c = 1 and their neighbours
        for (int bits = Float.floatToRawIntBits(1 - 0x1p-6f); bits <= Float.floatToRawIntBits(1 + 0x1p-5f); bits++) {
            checkLog(Float.intBitsToFloat(bits));
        }
        // around every interval boundary of the table (bits - 0x3F330000 a multiple of 2^16), in every binade
        for (int boundary = 0x00800000; boundary < 0x7F800000; boundary += 1 << 16) {
            for (int bits = boundary - 3; bits <= boundary + 3; bits++) {
                checkLog(Float.intBitsToFloat(bits));
            }
        }
        for (float x : new float[] {0f, -0f, -1f, Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 0x1p-33f}) {
            checkLog(x);
        }
    }

    @Test
    void sinCosFastPathEqualsStrictMathAndRarelyDefers() {
        SplittableRandom r = new SplittableRandom(22);
        int strict = 0;
        for (int i = 0; i < SAMPLES; i++) {
            strict += checkSinCos(angle(r.nextInt()));
        }
        assertTrue(strict < 2 * SAMPLES * MAX_STRICT_RATE, strict + " of " + 2 * SAMPLES + " values took StrictMath");
        for (int i = 0; i < SAMPLES / 4; i++) {
            checkSinCos((float) r.nextDouble(-64, 64));
            checkSinCos(Float.intBitsToFloat(r.nextInt()));
        }
    }

    @Test
    void sinCosIsExactNearMultiplesOfHalfPiAndAtTheEdges() {
        for (int k = -41; k <= 41; k++) {
            int center = Float.floatToRawIntBits((float) (k * Math.PI / 2));
            for (int d = -2000; d <= 2000; d++) {
                checkSinCos(Float.intBitsToFloat(center + d));
            }
            int quarter = Float.floatToRawIntBits((float) ((k + 0.5) * Math.PI / 2));
            for (int d = -200; d <= 200; d++) {
                checkSinCos(Float.intBitsToFloat(quarter + d));
            }
        }
        for (float x : new float[] {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 64f, -64f,
                Math.nextUp(64f), Math.nextDown(-64f), Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NaN}) {
            checkSinCos(x);
        }
    }

    /** Box-Muller pair on words (x, y) computed directly with StrictMath, as normals must return it. */
    private static void strictPair(int x, int y, float[] out, int at) {
        float radius = (float) Math.sqrt(-2.0f * (float) StrictMath.log(Conversions.uniformFloat(x)));
        float v = angle(y);
        out[at] = (float) StrictMath.sin(v) * radius;
        out[at + 1] = (float) StrictMath.cos(v) * radius;
    }

    @Test
    void normalsRepairEveryValueTheFastPathsLeaveToStrictMath() {
        // words whose log or sin/cos the fast paths leave to StrictMath, mixed with ordinary ones
        SplittableRandom r = new SplittableRandom(23);
        int[] words = new int[2 * 300];
        float[] probe = new float[2];
        int logDeferred = 0;
        int trigDeferred = 0;
        for (int i = 0; i < words.length; i += 2) {
            words[i] = r.nextInt();
            words[i + 1] = r.nextInt();
            if (i % 6 == 0) {
                while (!Float.isNaN(FloatMath.logOrNaN(Conversions.uniformFloat(words[i])))) {
                    words[i] = r.nextInt();
                }
                logDeferred++;
            }
            if (i % 10 == 0) {
                do {
                    words[i + 1] = r.nextInt();
                    FloatMath.sinCosOrNaN(angle(words[i + 1]), probe, 0);
                } while (!Float.isNaN(probe[0]) && !Float.isNaN(probe[1]));
                trigDeferred++;
            }
        }
        words[0] = -1; // u = 1: log 0, radius 0
        for (int from : new int[] {0, 2, 10}) {
            int pairs = (words.length - from) / 2;
            float[] expected = new float[2 * pairs];
            for (int i = 0; i < pairs; i++) {
                strictPair(words[from + 2 * i], words[from + 2 * i + 1], expected, 2 * i);
            }
            float[] actual = new float[2 * pairs];
            Conversions.normals(words, from, pairs, new float[pairs], actual);
            assertArrayEquals(expected, actual, "from " + from + " (" + logDeferred + " logs, " + trigDeferred
                    + " angles deferred)");
        }
    }

    @Test
    void normalsEqualStrictMathOnMillionsOfWords() {
        SplittableRandom r = new SplittableRandom(24);
        int pairs = StreamFills.CHUNK_WORDS / 2;
        int[] words = new int[2 * pairs];
        float[] radius = new float[pairs];
        float[] actual = new float[2 * pairs];
        float[] expected = new float[2 * pairs];
        for (int chunk = 0; chunk < 2000; chunk++) {
            for (int i = 0; i < words.length; i++) {
                words[i] = r.nextInt();
            }
            Conversions.normals(words, 0, pairs, radius, actual);
            for (int i = 0; i < pairs; i++) {
                strictPair(words[2 * i], words[2 * i + 1], expected, 2 * i);
            }
            assertArrayEquals(expected, actual, "chunk " + chunk);
        }
    }
}
