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
        int[] out = new int[2 * BLOCK_WORDS];
        twoBlocks(words[offset], words[offset + 1], words[offset + 2], words[offset + 3],
                words[offset], words[offset + 1], words[offset + 2], words[offset + 3], key0, key1, out, 0);
        System.arraycopy(out, 0, words, offset, BLOCK_WORDS);
    }

    /**
     * Writes the words of consecutive blocks of the cuRAND layout.
     *
     * @param key the stream key
     * @param firstBlock index of the first block ({@code element >>> 2}), unsigned
     * @param out receives {@code 4 * blocks} words; must have room for one more block when {@code blocks}
     *     is odd (blocks are computed in pairs)
     * @param offset first index written in {@code out}
     * @param blocks number of blocks
     */
    public static void blocks(long key, long firstBlock, int[] out, int offset, int blocks) {
        final int key0 = (int) key;
        final int key1 = (int) (key >>> 32);
        for (int j = 0; j < blocks; j += 2) {
            pair(key0, key1, firstBlock + j, firstBlock + j + 1, out, offset + BLOCK_WORDS * j);
        }
    }

    /** Writes the words of blocks {@code blockA} and {@code blockB} (cuRAND layout) to {@code out[o..o+7]}. */
    public static void pair(long key, long blockA, long blockB, int[] out, int o) {
        pair((int) key, (int) (key >>> 32), blockA, blockB, out, o);
    }

    private static void pair(int key0, int key1, long a, long b, int[] out, int o) {
        twoBlocks(counter0(a), counter1(a), counter2(a), 0, counter0(b), counter1(b), counter2(b), 0, key0, key1, out, o);
    }

    private static int counter0(long block) {
        return (int) (block >>> SUBSEQUENCE_BITS);
    }

    private static int counter1(long block) {
        return (int) (block >>> (32 + SUBSEQUENCE_BITS));
    }

    private static int counter2(long block) {
        return (int) (block & ((1 << SUBSEQUENCE_BITS) - 1));
    }

    /**
     * The ten rounds on two independent counters at once (a0..a3 and c0..c3), which lets the CPU overlap
     * their multiplications; writes the eight output words to {@code out[o..o+7]}.
     */
    private static void twoBlocks(int a0, int a1, int a2, int a3, int c0, int c1, int c2, int c3, int key0, int key1,
            int[] out, int o) {
        int k0 = key0;
        int k1 = key1;
        for (int r = 0; r < ROUNDS; r++) {
            long pa0 = MULTIPLIER_A * (a0 & 0xFFFFFFFFL);
            long pa2 = MULTIPLIER_B * (a2 & 0xFFFFFFFFL);
            long pc0 = MULTIPLIER_A * (c0 & 0xFFFFFFFFL);
            long pc2 = MULTIPLIER_B * (c2 & 0xFFFFFFFFL);
            int na0 = (int) (pa2 >>> 32) ^ a1 ^ k0;
            int na2 = (int) (pa0 >>> 32) ^ a3 ^ k1;
            int nc0 = (int) (pc2 >>> 32) ^ c1 ^ k0;
            int nc2 = (int) (pc0 >>> 32) ^ c3 ^ k1;
            a1 = (int) pa2;
            a3 = (int) pa0;
            a0 = na0;
            a2 = na2;
            c1 = (int) pc2;
            c3 = (int) pc0;
            c0 = nc0;
            c2 = nc2;
            k0 += WEYL_0;
            k1 += WEYL_1;
        }
        out[o] = a0;
        out[o + 1] = a1;
        out[o + 2] = a2;
        out[o + 3] = a3;
        out[o + 4] = c0;
        out[o + 5] = c1;
        out[o + 6] = c2;
        out[o + 7] = c3;
    }
}
