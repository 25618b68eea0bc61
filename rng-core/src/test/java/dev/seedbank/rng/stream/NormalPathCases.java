package dev.seedbank.rng.stream;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Normal float fills of this JVM's {@link FillPath} compared bit for bit with the scalar block fills, with the
 * per-value definition (Box-Muller with StrictMath on the words) and with parallel fills: many keys, unaligned
 * starts and lengths, and origins across the 2^16, 2^32 and 2^48 block carries ({@link FillCases}). Run in a
 * separate JVM by {@code FillPathTest} (the vector path needs the module at startup). Prints the path, then
 * {@code OK <values compared> <values left to StrictMath>} or the first difference.
 */
final class NormalPathCases {
    /** Values per block-level comparison and key: thousands of vector chunks. */
    private static final int BLOCK_VALUES = 1 << 18;
    private static final int BLOCK_KEYS = 8;
    private static final int[] LENGTHS = {1, 3, 33, 515, 4099};
    private static final float MEAN = 0.25f;
    private static final float STDDEV = 1.5f;

    private NormalPathCases() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println(FillPath.current());
        long[] counts = new long[2];
        String difference = blocks(counts);
        if (difference == null) {
            difference = fills(counts);
        }
        if (difference == null) {
            difference = parallel(counts);
        }
        System.out.println(difference == null ? "OK " + counts[0] + " " + counts[1] : difference);
    }

    /** This path's block fills against the scalar ones on random keys and blocks; counts values left to StrictMath. */
    private static String blocks(long[] counts) {
        SplittableRandom r = new SplittableRandom(13);
        float[] path = new float[BLOCK_VALUES + 5];
        float[] scalar = new float[BLOCK_VALUES + 5];
        int[] words = new int[BLOCK_VALUES + Philox4x32.BLOCK_WORDS];
        for (int k = 0; k < BLOCK_KEYS; k++) {
            long key = r.nextLong();
            long block = r.nextLong() >>> 2;
            int blocks = BLOCK_VALUES / Philox4x32.BLOCK_WORDS - k;
            FillPath.blockFills().normal(key, block, path, 5, blocks, MEAN, STDDEV);
            ScalarBlockFills.INSTANCE.normal(key, block, scalar, 5, blocks, MEAN, STDDEV);
            for (int i = 5; i < 5 + Philox4x32.BLOCK_WORDS * blocks; i++) {
                if (Float.floatToRawIntBits(path[i]) != Float.floatToRawIntBits(scalar[i])) {
                    return "blocks: key " + key + " block " + block + " value " + (i - 5) + ": " + path[i] + " != "
                            + scalar[i];
                }
            }
            counts[0] += Philox4x32.BLOCK_WORDS * blocks;
            Philox4x32.blocks(key, block, words, 0, blocks);
            counts[1] += undecided(words, Philox4x32.BLOCK_WORDS * blocks);
        }
        return null;
    }

    /** Values among {@code words[0 .. length)} whose log, sine or cosine FloatMath's fast paths leave to StrictMath. */
    private static int undecided(int[] words, int length) {
        float[] sinCos = new float[2];
        int n = 0;
        for (int i = 0; i < length; i += 2) {
            FloatMath.sinCosOrNaN(angle(words[i + 1]), sinCos, 0);
            boolean log = Float.isNaN(FloatMath.logOrNaN(Conversions.uniformFloat(words[i])));
            n += (log || Float.isNaN(sinCos[0]) ? 1 : 0) + (log || Float.isNaN(sinCos[1]) ? 1 : 0);
        }
        return n;
    }

    private static float angle(int word) {
        return (float) (word & 0xFFFFFFFFL) * Conversions.ANGLE_STEP_F + Conversions.ANGLE_HALF_STEP_F;
    }

    /** {@link StreamFills#normal} against the definition on every key, origin, start and length of the cases. */
    private static String fills(long[] counts) {
        for (long key : FillCases.KEYS) {
            for (long origin : FillCases.ORIGINS) {
                for (int first : FillCases.FIRSTS) {
                    for (int n : LENGTHS) {
                        float[] dst = new float[n + 2];
                        StreamFills.normal(key, origin, first, dst, 1, n + 1, MEAN, STDDEV);
                        if (dst[0] != 0 || dst[n + 1] != 0) {
                            return "fill wrote outside its range: key " + key + " origin " + origin;
                        }
                        for (int i = 0; i < n; i++) {
                            long index = origin + first + i;
                            if (Long.compareUnsigned(index, origin) < 0) {
                                break; // past 2^64 - 1 the library continues into the next counters
                            }
                            float expected = definition(key, index);
                            if (Float.floatToRawIntBits(expected) != Float.floatToRawIntBits(dst[1 + i])) {
                                return "fill: key " + key + " origin " + Long.toUnsignedString(origin) + " first "
                                        + first + " value " + i + ": " + dst[1 + i] + " != " + expected;
                            }
                            counts[0]++;
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Normal value {@code index} by the definition: Box-Muller with StrictMath on words {@code index & ~1, | 1}. */
    private static float definition(long key, long index) {
        int x = word(key, index & ~1L);
        int y = word(key, index | 1L);
        float radius = (float) Math.sqrt(-2.0f * (float) StrictMath.log(Conversions.uniformFloat(x)));
        float v = angle(y);
        float z = (index & 1) == 0 ? (float) StrictMath.sin(v) : (float) StrictMath.cos(v);
        return z * radius * STDDEV + MEAN;
    }

    private static int word(long key, long index) {
        long block = index >>> 2;
        int[] counter = {(int) (block >>> 16), (int) (block >>> 48), (int) (block & 0xFFFF), 0};
        Philox4x32.block(counter, 0, (int) key, (int) (key >>> 32));
        return counter[(int) (index & 3)];
    }

    /** Parallel fills in pieces against one sequential fill, across a counter carry. */
    private static String parallel(long[] counts) throws InterruptedException {
        int n = 7 * ParallelFill.MIN_PIECE + 29;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (long origin : FillCases.ORIGINS) {
                if (Long.compareUnsigned(origin + n, origin) < 0) {
                    continue; // a stream's positions end at 2^64
                }
                float[] sequential = new float[n];
                float[] pieces = new float[n];
                new PhiloxStream(FillCases.KEYS[0], origin).fillNormal(sequential, 0, n, MEAN, STDDEV);
                ParallelFill.on(5, pool).normal(new PhiloxStream(FillCases.KEYS[0], origin), pieces, 0, n, MEAN,
                        STDDEV);
                for (int i = 0; i < n; i++) {
                    if (Float.floatToRawIntBits(sequential[i]) != Float.floatToRawIntBits(pieces[i])) {
                        return "parallel: origin " + Long.toUnsignedString(origin) + " value " + i + ": " + pieces[i]
                                + " != " + sequential[i];
                    }
                }
                counts[0] += n;
            }
        } finally {
            pool.shutdown();
        }
        return null;
    }
}
