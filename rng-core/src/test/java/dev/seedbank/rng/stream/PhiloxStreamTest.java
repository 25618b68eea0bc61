package dev.seedbank.rng.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

class PhiloxStreamTest {
    private static final long KEY = 0x5EED_0000_1234_5678L;

    @Test
    void scalarWordsAreTheFillWords() {
        PhiloxStream s = new PhiloxStream(KEY, 3);
        int[] expected = new int[37];
        StreamFills.words(KEY, 3, 0, expected, 0, expected.length);
        for (int e : expected) {
            assertEquals(e, s.nextInt());
        }
        assertEquals(3 + 37, s.position());
    }

    @Test
    void nextLongIsLowWordThenHighWord() {
        PhiloxStream s = new PhiloxStream(KEY);
        int[] w = new int[2];
        StreamFills.words(KEY, 0, 0, w, 0, 2);
        assertEquals((w[0] & 0xFFFFFFFFL) | ((long) w[1] << 32), s.nextLong());
    }

    @Test
    void stateRoundTripsThroughTextAndContinuesExactly() {
        PhiloxStream s = new PhiloxStream(-1L, 0xFFFF_FFFF_FFFF_FF00L);
        s.nextInt();
        StreamState saved = StreamState.parse(s.state().toString());
        assertEquals(s.state(), saved);
        float[] a = new float[1000];
        float[] b = new float[1000];
        s.fillUniform(a, 0, a.length);
        PhiloxStream.restore(saved).fillUniform(b, 0, b.length);
        assertArrayEquals(a, b);
    }

    @Test
    void badStateTextIsRejectedOnOneLine() {
        for (String bad : new String[] {"", "x", "philox4x32-10:key=0x1", "philox4x32-10:key=zz:position=0x0",
                "philox4x32-10:key=0x1:position=-1", "philox4x32-10:key=0x1:position=0x1\nx"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamState.parse(bad));
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void skipIsPositionArithmeticAndMatchesDrawing() {
        PhiloxStream drawn = new PhiloxStream(KEY);
        for (int i = 0; i < 1001; i++) {
            drawn.nextInt();
        }
        PhiloxStream skipped = new PhiloxStream(KEY);
        skipped.skip(1001);
        assertEquals(drawn.nextInt(), skipped.nextInt());
        skipped.position(-1L);
        skipped.skip(2);
        assertEquals(1, skipped.position());
    }

    @Test
    void fillsAdvanceByTheirCountAndContinueWordFormats() {
        PhiloxStream s = new PhiloxStream(KEY);
        float[] whole = new float[999];
        new PhiloxStream(KEY).fillNormal(whole, 0, whole.length, 0f, 1f);
        float[] parts = new float[999];
        s.fillNormal(parts, 0, 333, 0f, 1f);
        s.fillNormal(parts, 333, 999, 0f, 1f);
        assertArrayEquals(whole, parts, "normal floats are a pure function of (key, index)");
        assertEquals(999, s.position());
    }

    @Test
    void parallelFillEqualsSequentialForAnyThreadCount() {
        int n = (1 << 17) + 3;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (long origin : new long[] {0, 5, (1L << 18) - 3, -1L - n}) {
                float[] u = new float[n];
                float[] g = new float[n];
                double[] ud = new double[n];
                double[] gd = new double[n];
                int[] w = new int[n];
                new PhiloxStream(KEY, origin).fillUniform(u, 0, n);
                new PhiloxStream(KEY, origin).fillNormal(g, 0, n, 1f, 2f);
                new PhiloxStream(KEY, origin).fillUniformDouble(ud, 0, n);
                new PhiloxStream(KEY, origin).fillNormalDouble(gd, 0, n, -1, 0.5);
                new PhiloxStream(KEY, origin).fillWords(w, 0, n);
                for (int threads : new int[] {1, 2, 3, 8}) {
                    ParallelFill p = ParallelFill.on(threads, pool);
                    float[] pu = new float[n];
                    float[] pg = new float[n];
                    double[] pud = new double[n];
                    double[] pgd = new double[n];
                    int[] pw = new int[n];
                    PhiloxStream s = new PhiloxStream(KEY, origin);
                    p.uniform(s, pu, 0, n);
                    assertEquals(origin + n, s.position());
                    p.normal(new PhiloxStream(KEY, origin), pg, 0, n, 1f, 2f);
                    p.uniformDouble(new PhiloxStream(KEY, origin), pud, 0, n);
                    p.normalDouble(new PhiloxStream(KEY, origin), pgd, 0, n, -1, 0.5);
                    p.words(new PhiloxStream(KEY, origin), pw, 0, n);
                    String where = "threads=" + threads + " origin=" + origin;
                    assertArrayEquals(u, pu, where);
                    assertArrayEquals(g, pg, where);
                    assertArrayEquals(ud, pud, where);
                    assertArrayEquals(gd, pgd, where);
                    assertArrayEquals(w, pw, where);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fillsRespectRanges() {
        float[] a = new float[10];
        new PhiloxStream(KEY).fillUniform(a, 3, 7);
        assertEquals(0f, a[2]);
        assertEquals(0f, a[7]);
        float[] b = new float[4];
        new PhiloxStream(KEY).fillUniform(b, 0, 4);
        for (int i = 0; i < 4; i++) {
            assertEquals(b[i], a[3 + i]);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> new PhiloxStream(KEY).fillUniform(a, 5, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> new PhiloxStream(KEY).fillUniform(a, 6, 5));
    }

    @Test
    void randomGeneratorContracts() {
        PhiloxStream s = new PhiloxStream(KEY);
        for (int i = 0; i < 100_000; i++) {
            float f = s.nextFloat();
            double d = s.nextDouble();
            assertTrue(f >= 0 && f < 1 && d >= 0 && d < 1);
            int bounded = s.nextInt(7);
            assertTrue(bounded >= 0 && bounded < 7);
            long lb = s.nextLong(-5, 1L << 40);
            assertTrue(lb >= -5 && lb < 1L << 40);
        }
        assertThrows(IllegalArgumentException.class, () -> s.nextInt(0));
    }

    @Test
    void boundedIntsAreUnbiased() {
        // bound 3 * 2^29: word mod bound would put 3/4 of draws below 2^30; unbiased is 2/3
        PhiloxStream s = new PhiloxStream(KEY);
        int bound = 3 << 29;
        int low = 0;
        int draws = 300_000;
        for (int i = 0; i < draws; i++) {
            if (s.nextInt(bound) < (1 << 30)) {
                low++;
            }
        }
        double fraction = (double) low / draws;
        assertTrue(Math.abs(fraction - 2.0 / 3) < 0.01, "fraction below 2^30: " + fraction);
    }

    @Test
    void nextGaussianIsAOneValueNormalDoubleFill() {
        PhiloxStream s = new PhiloxStream(KEY, 17);
        double[] one = new double[1];
        StreamFills.normalDouble(KEY, 17, 0, one, 0, 1, 0, 1);
        assertEquals(one[0], s.nextGaussian());
        assertEquals(18, s.position());
    }

    @Test
    void streamRandomDelegatesAndRefusesReseeding() {
        PhiloxStream a = new PhiloxStream(KEY);
        StreamRandom r = new StreamRandom(new PhiloxStream(KEY));
        assertEquals(a.nextInt(), r.nextInt());
        assertEquals(a.nextInt(10), r.nextInt(10));
        assertEquals(a.nextDouble(), r.nextDouble());
        assertEquals(a.nextLong(), r.nextLong());
        assertEquals(a.nextFloat(), r.nextFloat());
        assertEquals(a.nextGaussian(), r.nextGaussian());
        assertEquals(a.position(), r.stream().position());
        assertThrows(UnsupportedOperationException.class, () -> r.setSeed(1));
    }

    @Test
    void differentKeysDiffer() {
        assertNotEquals(new PhiloxStream(1).nextLong(), new PhiloxStream(2).nextLong());
    }

    @Test
    void formatNamesParse() {
        for (Format f : Format.values()) {
            assertEquals(f, Format.parse(f.id()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Format.parse("gauss"));
        assertTrue(e.getMessage().contains("'gauss'"));
    }

    @Test
    void unsignedNumbersParseOverTheFullRange() {
        assertEquals(-1L, UnsignedLongs.parse("18446744073709551615", "n"));
        assertEquals(-1L, UnsignedLongs.parse("0xFFFFFFFFFFFFFFFF", "n"));
        assertEquals(255L, UnsignedLongs.parse("0xff", "n"));
        for (String bad : new String[] {"-1", "+1", "18446744073709551616", "0x", "1e3", "0x1_0", ""}) {
            assertThrows(IllegalArgumentException.class, () -> UnsignedLongs.parse(bad, "n"), bad);
        }
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 1000; i++) {
            long v = r.nextLong();
            assertEquals(v, UnsignedLongs.parse(UnsignedLongs.hex(v), "n"));
            assertEquals(v, UnsignedLongs.parse(Long.toUnsignedString(v), "n"));
        }
    }
}
