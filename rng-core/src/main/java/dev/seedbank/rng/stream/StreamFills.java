package dev.seedbank.rng.stream;

import java.util.Objects;

/**
 * Bulk fills: pure functions that write the values cuRAND's host API returns after
 * {@code curandSetPseudoRandomGeneratorSeed(gen, key)} and {@code curandSetGeneratorOffset(gen, origin)}.
 * Value {@code j} of such a call has index {@code D = origin + j}; the {@code first} argument says which
 * {@code j} lands in {@code dst[from]}, so a range can be filled in pieces, in any order, on any thread.
 *
 * <p>Layouts, as measured against the library (docs/stream-spec.md):
 * <ul>
 * <li>u32, uniform: value {@code D} is word {@code D} ({@link Philox4x32}); a pure function of (key, D).
 * <li>normal: value {@code D} is the sine ({@code D} even) or cosine ({@code D} odd) half of the
 *     Box-Muller pair on words {@code D & ~1} and {@code D | 1}; a pure function of (key, D).
 * <li>uniform-double, normal-double: groups of four values {@code g = D >>> 2} take two Philox blocks of
 *     subsequence {@code g mod 65536} at counters that depend on the origin as well ({@link #doubleBlocks}),
 *     so these are pure functions of (key, origin, D): a fill continued with a new origin differs from
 *     one larger fill, exactly as in cuRAND after a new {@code curandSetGeneratorOffset}.
 * </ul>
 * Indices never wrap: like the library, values past index 2^64-1 continue into the next counters.
 *
 * <p>Stateless; thread-safe.
 */
public final class StreamFills {
    /** Words delivered per chunk: 2 KiB of scratch, small enough to stay in L1. */
    static final int CHUNK_WORDS = 512;
    private static final int SUBSEQUENCES = 1 << Philox4x32.SUBSEQUENCE_BITS;

    private StreamFills() {
    }

    /** The block holding word {@code origin + first}, computed without wrapping. */
    private static long firstBlock(long origin, long first) {
        return (origin >>> 2) + (((origin & 3) + first) >>> 2);
    }

    /** Receives the words {@code block[skip .. skip + length)} of one partly used block, for values {@code done ..}. */
    @FunctionalInterface
    private interface PartialBlock {
        void accept(int[] block, int skip, int length, int done);
    }

    /** Receives {@code blocks} whole blocks from block {@code first}, for values {@code done ..}. */
    @FunctionalInterface
    private interface WholeBlocks {
        void accept(long first, int blocks, int done);
    }

    /**
     * Splits {@code count} values from word {@code origin + first} into the partly used blocks at either end, whose
     * words are computed here, and the whole blocks between, which {@code whole} writes straight to the destination.
     */
    private static void byBlocks(long key, long origin, long first, int count, PartialBlock partial,
            WholeBlocks whole) {
        long block = firstBlock(origin, first);
        int skip = (int) ((origin + first) & 3);
        int[] words = new int[2 * Philox4x32.BLOCK_WORDS];
        int done = 0;
        if (skip != 0 && count > 0) {
            done = Math.min(count, Philox4x32.BLOCK_WORDS - skip);
            Philox4x32.blocks(key, block++, words, 0, 1);
            partial.accept(words, skip, done, 0);
        }
        int blocks = (count - done) / Philox4x32.BLOCK_WORDS;
        if (blocks > 0) {
            whole.accept(block, blocks, done);
            block += blocks;
            done += Philox4x32.BLOCK_WORDS * blocks;
        }
        if (done < count) {
            Philox4x32.blocks(key, block, words, 0, 1);
            partial.accept(words, 0, count - done, done);
        }
    }

    /** 32-bit words ({@code curandGenerate}) for indices {@code origin + first + (i - from)}. */
    public static void words(long key, long origin, long first, int[] dst, int from, int to) {
        Objects.checkFromToIndex(from, to, dst.length);
        byBlocks(key, origin, first, to - from,
                (w, skip, length, done) -> System.arraycopy(w, skip, dst, from + done, length),
                (block, blocks, done) -> FillPath.blockFills().words(key, block, dst, from + done, blocks));
    }

    /** Uniform floats in (0, 1] ({@code curandGenerateUniform}). */
    public static void uniform(long key, long origin, long first, float[] dst, int from, int to) {
        Objects.checkFromToIndex(from, to, dst.length);
        byBlocks(key, origin, first, to - from, (w, skip, length, done) -> {
            for (int i = 0; i < length; i++) {
                dst[from + done + i] = Conversions.uniformFloat(w[skip + i]);
            }
        }, (block, blocks, done) -> FillPath.blockFills().uniform(key, block, dst, from + done, blocks));
    }

    /** Normal floats ({@code curandGenerateNormal}): Box-Muller pairs on aligned word pairs, two per block. */
    public static void normal(long key, long origin, long first, float[] dst, int from, int to, float mean,
            float stddev) {
        Objects.checkFromToIndex(from, to, dst.length);
        byBlocks(key, origin, first, to - from, (w, skip, length, done) -> {
            float[] values = new float[Philox4x32.BLOCK_WORDS];
            Conversions.normals(w, 0, Philox4x32.BLOCK_WORDS / 2, new float[Philox4x32.BLOCK_WORDS / 2], values);
            for (int i = 0; i < length; i++) {
                dst[from + done + i] = values[skip + i] * stddev + mean;
            }
        }, (block, blocks, done) -> FillPath.blockFills().normal(key, block, dst, from + done, blocks, mean, stddev));
    }

    /** Uniform doubles in (0, 1] ({@code curandGenerateUniformDouble}). */
    public static void uniformDouble(long key, long origin, long first, double[] dst, int from, int to) {
        Objects.checkFromToIndex(from, to, dst.length);
        forDoubleGroups(key, origin, first, to - from, (blocks, lane, j) ->
                dst[from + j] = Conversions.uniformDouble(blocks[lane * 2], blocks[lane * 2 + 1]));
    }

    /** Normal doubles ({@code curandGenerateNormalDouble}): one Box-Muller pair per Philox block. */
    public static void normalDouble(long key, long origin, long first, double[] dst, int from, int to, double mean,
            double stddev) {
        Objects.checkFromToIndex(from, to, dst.length);
        forDoubleGroups(key, origin, first, to - from, (blocks, lane, j) -> {
            int b = (lane >> 1) * Philox4x32.BLOCK_WORDS;
            double z = Conversions.normalDouble(blocks[b], blocks[b + 1], blocks[b + 2], blocks[b + 3], (lane & 1) == 1);
            dst[from + j] = z * stddev + mean;
        });
    }

    /** Receives one value of a double format: its group's two blocks, its lane 0..3 and its index j. */
    @FunctionalInterface
    private interface DoubleLane {
        void accept(int[] blocks, int lane, int j);
    }

    private static void forDoubleGroups(long key, long origin, long first, int count, DoubleLane lane) {
        int[] blocks = new int[2 * Philox4x32.BLOCK_WORDS];
        long group = -1;
        for (int j = 0; j < count; j++) {
            long offsetInOrigin = (origin & 3) + first + j;
            long d = offsetInOrigin >>> 2;
            if (d != group) {
                doubleBlocks(key, origin, d, blocks);
                group = d;
            }
            lane.accept(blocks, (int) (offsetInOrigin & 3), j);
        }
    }

    /**
     * The two blocks of double group {@code (origin >>> 2) + d}: subsequence {@code g mod 65536}, counters
     * {@code c} and {@code c + 1} with {@code c = ((B0 + (d mod 65536)) >>> 16) + 2 (d div 65536)}, where
     * {@code B0 = origin >>> 2}.
     */
    static void doubleBlocks(long key, long origin, long d, int[] out) {
        long b0 = origin >>> 2;
        long g = b0 + d;
        long subsequence = g & (SUBSEQUENCES - 1);
        long counter = ((b0 + (d & (SUBSEQUENCES - 1))) >>> Philox4x32.SUBSEQUENCE_BITS)
                + 2 * (d >>> Philox4x32.SUBSEQUENCE_BITS);
        Philox4x32.pair(key, (counter << Philox4x32.SUBSEQUENCE_BITS) | subsequence,
                ((counter + 1) << Philox4x32.SUBSEQUENCE_BITS) | subsequence, out, 0);
    }
}
