package dev.seedbank.rng.curand;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.stream.StreamFills;
import dev.seedbank.rng.stream.UlpCounter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls the real cuRAND host API over random keys, offsets (up to 2^64-1) and counts, and compares every
 * format with the Java stream fills.
 */
class CurandLiveTest {
    private static final int CASES = 300;
    private static CurandHost curand;

    @BeforeAll
    static void open() {
        curand = CurandHost.open();
    }

    @AfterAll
    static void close() {
        if (curand != null) {
            curand.close();
        }
    }

    /** A random case: keys of every size, offsets small, near subsequence and counter wraps, and huge. */
    private record Case(long key, long offset, int count) {
        static Case random(SplittableRandom r) {
            long key = switch (r.nextInt(4)) {
                case 0 -> r.nextLong(16);
                case 1 -> -1L - r.nextLong(16);
                default -> r.nextLong();
            };
            long offset = switch (r.nextInt(6)) {
                case 0 -> r.nextLong(64);
                case 1 -> (65536L * 4) - 8 + r.nextLong(16);
                case 2 -> (1L << 50) - 8 + r.nextLong(16);
                case 3 -> r.nextLong();
                case 4 -> -1L - r.nextLong(5000);
                default -> r.nextLong(1L << 40);
            };
            int count = switch (r.nextInt(3)) {
                case 0 -> 1 + r.nextInt(9);
                case 1 -> 1 + r.nextInt(1100);
                default -> 1 + r.nextInt(5000);
            };
            return new Case(key, offset, count);
        }
    }

    @Test
    void wordsMatch() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < CASES; i++) {
            Case c = Case.random(r);
            int[] java = new int[c.count];
            StreamFills.words(c.key, c.offset, 0, java, 0, c.count);
            assertArrayEquals(curand.words(c.key, c.offset, c.count), java, c.toString());
        }
    }

    @Test
    void uniformMatches() {
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < CASES; i++) {
            Case c = Case.random(r);
            float[] java = new float[c.count];
            StreamFills.uniform(c.key, c.offset, 0, java, 0, c.count);
            assertArrayEquals(curand.uniform(c.key, c.offset, c.count), java, c.toString());
        }
    }

    @Test
    void uniformDoubleMatches() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < CASES; i++) {
            Case c = Case.random(r);
            double[] java = new double[c.count];
            StreamFills.uniformDouble(c.key, c.offset, 0, java, 0, c.count);
            assertArrayEquals(curand.uniformDouble(c.key, c.offset, c.count), java, c.toString());
        }
    }

    @Test
    void normalMatches() {
        SplittableRandom r = new SplittableRandom(4);
        UlpCounter stats = new UlpCounter();
        for (int i = 0; i < CASES; i++) {
            Case c = Case.random(r);
            float mean = i % 3 == 0 ? 0f : (float) r.nextDouble(-3, 3);
            float stddev = i % 3 == 0 ? 1f : (float) r.nextDouble(0.01, 4);
            float[] java = new float[c.count];
            StreamFills.normal(c.key, c.offset, 0, java, 0, c.count, mean, stddev);
            float[] expected = curand.normal(c.key, c.offset, c.count, mean, stddev);
            for (int k = 0; k < c.count; k++) {
                stats.add(expected[k], java[k], mean);
            }
        }
        System.out.println("live normal: " + stats);
        assertTrue(stats.within(UlpCounter.MIN_EXACT_NORMAL, UlpCounter.MAX_ULP_NORMAL), "normal: " + stats);
    }

    @Test
    void normalDoubleMatches() {
        SplittableRandom r = new SplittableRandom(5);
        UlpCounter stats = new UlpCounter();
        for (int i = 0; i < CASES; i++) {
            Case c = Case.random(r);
            double mean = i % 3 == 0 ? 0 : r.nextDouble(-3, 3);
            double stddev = i % 3 == 0 ? 1 : r.nextDouble(0.01, 4);
            double[] java = new double[c.count];
            StreamFills.normalDouble(c.key, c.offset, 0, java, 0, c.count, mean, stddev);
            double[] expected = curand.normalDouble(c.key, c.offset, c.count, mean, stddev);
            for (int k = 0; k < c.count; k++) {
                stats.add(expected[k], java[k], mean);
            }
        }
        System.out.println("live normal-double: " + stats);
        assertTrue(stats.within(UlpCounter.MIN_EXACT_NORMAL_DOUBLE, UlpCounter.MAX_ULP_NORMAL_DOUBLE),
                "normal-double: " + stats);
    }
}
