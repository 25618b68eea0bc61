package dev.seedbank.rng.stream;

/**
 * The Philox4x32-10 block function and the cuRAND element layout built on it.
 *
 * <p>Reference: J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw, "Parallel random numbers:
 * as easy as 1, 2, 3", SC'11. One round maps counter (c0,c1,c2,c3) under key (k0,k1) to
 * (hi(B*c2)^c1^k0, lo(B*c2), hi(A*c0)^c3^k1, lo(A*c0)); the key is bumped by the Weyl
 * constants after each round; ten rounds.
 *
 * <p>Element layout (the same as cuRAND's {@code CURAND_RNG_PSEUDO_PHILOX4_32_10} with default
 * ordering, verified against the library): 32-bit element {@code i} of key {@code K} is word
 * {@code i mod 4} of the block {@code b = i >>> 2}, computed with counter
 * {@code (lo32(b >>> 16), hi32(b >>> 16), b & 0xFFFF, 0)} and key {@code (lo32(K), hi32(K))}.
 * cuRAND calls {@code b & 0xFFFF} the subsequence and {@code b >>> 16} the counter.
 *
 * <p>Stateless; thread-safe.
 */
public final class Philox4x32 {
    /** Round multiplier applied to counter word 0. */
    static final long MULTIPLIER_A = 0xD2511F53L;
    /** Round multiplier applied to counter word 2. */
    static final long MULTIPLIER_B = 0xCD9E8D57L;
    /** Weyl increment of key word 0 (golden ratio). */
    static final int WEYL_0 = 0x9E3779B9;
    /** Weyl increment of key word 1 (sqrt(3) - 1). */
    static final int WEYL_1 = 0xBB67AE85;
    /** Number of rounds. */
    static final int ROUNDS = 10;
    /** Words per block. */
    public static final int BLOCK_WORDS = 4;
    /** Blocks per cuRAND subsequence stride: bits of the block index that form counter word 2. */
    static final int SUBSEQUENCE_BITS = 16;

    private Philox4x32() {
    }

    /**
     * Applies Philox4x32-10 in place to the counter held in {@code words[offset..offset+3]}.
     *
     * @param words holds the four counter words; they are replaced by the four output words
     * @param offset index of counter word 0
     * @param key0 low key word
     * @param key1 high key word
     */
    public static void block(int[] words, int offset, int key0, int key1) {
        int c0 = words[offset];
        int c1 = words[offset + 1];
        int c2 = words[offset + 2];
        int c3 = words[offset + 3];
        int k0 = key0;
        int k1 = key1;
        for (int r = 0; r < ROUNDS; r++) {
            long p0 = MULTIPLIER_A * (c0 & 0xFFFFFFFFL);
            long p2 = MULTIPLIER_B * (c2 & 0xFFFFFFFFL);
            int n0 = (int) (p2 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c1 = (int) p2;
            c3 = (int) p0;
            c0 = n0;
            c2 = n2;
            k0 += WEYL_0;
            k1 += WEYL_1;
        }
        words[offset] = c0;
        words[offset + 1] = c1;
        words[offset + 2] = c2;
        words[offset + 3] = c3;
    }

    /**
     * Writes the words of consecutive blocks of the cuRAND layout.
     *
     * @param key the stream key
     * @param firstBlock index of the first block ({@code element >>> 2}), unsigned
     * @param out receives {@code 4 * blocks} words
     * @param offset first index written in {@code out}
     * @param blocks number of blocks
     */
    public static void blocks(long key, long firstBlock, int[] out, int offset, int blocks) {
        final int key0 = (int) key;
        final int key1 = (int) (key >>> 32);
        for (int j = 0; j < blocks; j++) {
            long b = firstBlock + j;
            int o = offset + BLOCK_WORDS * j;
            out[o] = (int) (b >>> SUBSEQUENCE_BITS);
            out[o + 1] = (int) (b >>> (32 + SUBSEQUENCE_BITS));
            out[o + 2] = (int) (b & ((1 << SUBSEQUENCE_BITS) - 1));
            out[o + 3] = 0;
            block(out, o, key0, key1);
        }
    }
}
