package dev.seedbank.rng.stream;

/**
 * {@link BlockFills} in plain Java: Philox blocks computed in pairs ({@link Philox4x32#blocks}), floats built from
 * bit patterns ({@link Conversions#uniformFloat}), normals by {@link Conversions#normals}. The fallback of every JVM,
 * and the repair of the vector normals' rare undecided chunks.
 *
 * <p>Stateless; thread-safe.
 */
final class ScalarBlockFills implements BlockFills {
    static final ScalarBlockFills INSTANCE = new ScalarBlockFills();
    /** Blocks per chunk of a float fill: 2 KiB of word scratch, small enough to stay in L1. */
    private static final int CHUNK_BLOCKS = StreamFills.CHUNK_WORDS / Philox4x32.BLOCK_WORDS;
    /** {@link Philox4x32#blocks} computes pairs: an odd count needs room for one more block. */
    private static final int PAIR_WORDS = 2 * Philox4x32.BLOCK_WORDS;

    private ScalarBlockFills() {
    }

    @Override
    public void words(long key, long firstBlock, int[] dst, int at, int blocks) {
        int even = blocks & ~1;
        Philox4x32.blocks(key, firstBlock, dst, at, even);
        if (even < blocks) {
            int[] pair = new int[PAIR_WORDS];
            Philox4x32.blocks(key, firstBlock + even, pair, 0, 1);
            System.arraycopy(pair, 0, dst, at + Philox4x32.BLOCK_WORDS * even, Philox4x32.BLOCK_WORDS);
        }
    }

    @Override
    public void uniform(long key, long firstBlock, float[] dst, int at, int blocks) {
        int[] words = new int[StreamFills.CHUNK_WORDS + PAIR_WORDS];
        for (int done = 0; done < blocks; done += CHUNK_BLOCKS) {
            int n = Math.min(CHUNK_BLOCKS, blocks - done);
            Philox4x32.blocks(key, firstBlock + done, words, 0, n);
            int d = at + Philox4x32.BLOCK_WORDS * done;
            for (int i = 0; i < Philox4x32.BLOCK_WORDS * n; i++) {
                dst[d + i] = Conversions.uniformFloat(words[i]);
            }
        }
    }

    @Override
    public void normal(long key, long firstBlock, float[] dst, int at, int blocks, float mean, float stddev) {
        int[] words = new int[StreamFills.CHUNK_WORDS + PAIR_WORDS];
        float[] radius = new float[StreamFills.CHUNK_WORDS / 2];
        float[] values = new float[StreamFills.CHUNK_WORDS];
        for (int done = 0; done < blocks; done += CHUNK_BLOCKS) {
            int n = Math.min(CHUNK_BLOCKS, blocks - done);
            Philox4x32.blocks(key, firstBlock + done, words, 0, n);
            Conversions.normals(words, 0, Philox4x32.BLOCK_WORDS / 2 * n, radius, values);
            int d = at + Philox4x32.BLOCK_WORDS * done;
            for (int i = 0; i < Philox4x32.BLOCK_WORDS * n; i++) {
                dst[d + i] = values[i] * stddev + mean;
            }
        }
    }
}
