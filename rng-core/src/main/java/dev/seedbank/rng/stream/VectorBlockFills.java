package dev.seedbank.rng.stream;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockFills} with the Vector API ({@code jdk.incubator.vector}): one block per 64-bit lane, its four counter
 * words in four vectors, so each round is two lane multiplies (32 x 32 -> 64 bits in a 64-bit lane) and a few
 * shifts and xors; the words are then interleaved into cuRAND's order by permutes and blends. Floats are built
 * from bit patterns exactly as {@link Conversions#uniformFloat}. Normals are computed in chunks by
 * {@link VectorNormals}; a chunk with a value that it leaves undecided (about one chunk in 300) is recomputed by
 * {@link ScalarBlockFills}, so every value is exactly {@link Conversions#normals}'.
 *
 * <p>Loaded only by {@link FillPath}, reflectively, when the module is in the boot layer. The width is fixed per JVM
 * when this class initialises ({@link FillPath#requestedVectorBits()}, else the CPU's preferred width): the species
 * must be constants for C2 to compile vector instructions, and two widths in one JVM slowed both.
 *
 * <p>Stateless; thread-safe.
 */
final class VectorBlockFills implements BlockFills {
    static final VectorSpecies<Long> LONGS = VectorSpecies.of(long.class, VectorShape.forBitSize(width()));
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, LONGS.vectorShape());
    private static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, LONGS.vectorShape());
    /** Blocks per step: one per 64-bit lane. */
    private static final int LANES = LONGS.length();
    private static final int STEP_WORDS = LANES * Philox4x32.BLOCK_WORDS;
    /** Blocks per chunk of a normal fill: its scratch (about 20 KiB) stays in L1. */
    private static final int CHUNK_BLOCKS = StreamFills.CHUNK_WORDS / Philox4x32.BLOCK_WORDS;
    /** Box-Muller pairs per block. */
    private static final int PAIRS_PER_BLOCK = Philox4x32.BLOCK_WORDS / 2;
    private static final long WORD_MASK = 0xFFFFFFFFL;
    private static final long SUBSEQUENCE_MASK = (1L << Philox4x32.SUBSEQUENCE_BITS) - 1;
    private static final LongVector LANE_INDEX = LongVector.zero(LONGS).addIndex(1);
    /**
     * Lanes 0, 0, 1, 1, ... (L/2, L/2, L/2 + 1, ...): each lane of the first (second) half twice. Two words
     * vectors so spread and blended on the odd lanes interleave their halves: one-vector rearranges and a blend
     * with constant operands compile to a permute and a masked move each; JDK 17's two-vector rearrange took
     * 40% of the words fill.
     */
    private static final VectorShuffle<Long> SPREAD_FIRST = spread(0);
    private static final VectorShuffle<Long> SPREAD_SECOND = spread(LANES / 2);
    private static final VectorMask<Long> ODD_LANES = VectorMask.fromLong(LONGS, 0xAAAAAAAAAAAAAAAAL);

    VectorBlockFills() {
    }

    /** The vector width in bits that this JVM uses (read by {@link FillPath}, reflectively). */
    static int bits() {
        return LONGS.vectorBitSize();
    }

    private static int width() {
        int requested = FillPath.requestedVectorBits();
        return requested > 0 ? requested : LongVector.SPECIES_PREFERRED.vectorBitSize();
    }

    private static VectorShuffle<Long> spread(int start) {
        int[] lanes = new int[LANES];
        for (int j = 0; j < LANES; j++) {
            lanes[j] = start + j / 2;
        }
        return VectorShuffle.fromArray(LONGS, lanes, 0);
    }

    @Override
    public void words(long key, long firstBlock, int[] dst, int at, int blocks) {
        int whole = blocks - blocks % LANES;
        for (int j = 0; j < whole; j += LANES) {
            philox(key, firstBlock + j, dst, at + Philox4x32.BLOCK_WORDS * j);
        }
        ScalarBlockFills.INSTANCE.words(key, firstBlock + whole, dst, at + Philox4x32.BLOCK_WORDS * whole,
                blocks - whole);
    }

    @Override
    public void uniform(long key, long firstBlock, float[] dst, int at, int blocks) {
        int whole = blocks - blocks % LANES;
        int[] words = new int[STEP_WORDS];
        for (int j = 0; j < whole; j += LANES) {
            philox(key, firstBlock + j, words, 0);
            int d = at + Philox4x32.BLOCK_WORDS * j;
            for (int i = 0; i < STEP_WORDS; i += INTS.length()) {
                uniform(IntVector.fromArray(INTS, words, i)).intoArray(dst, d + i);
            }
        }
        ScalarBlockFills.INSTANCE.uniform(key, firstBlock + whole, dst, at + Philox4x32.BLOCK_WORDS * whole,
                blocks - whole);
    }

    @Override
    public void normal(long key, long firstBlock, float[] dst, int at, int blocks, float mean, float stddev) {
        int whole = blocks - blocks % LANES;
        if (whole > 0) {
            int chunk = Math.min(CHUNK_BLOCKS, whole);
            int[] words = new int[Philox4x32.BLOCK_WORDS * chunk];
            VectorNormals normals = new VectorNormals(PAIRS_PER_BLOCK * chunk);
            for (int done = 0; done < whole; done += chunk) {
                int n = Math.min(chunk, whole - done);
                int d = at + Philox4x32.BLOCK_WORDS * done;
                words(key, firstBlock + done, words, 0, n);
                if (!normals.normals(words, PAIRS_PER_BLOCK * n, dst, d, mean, stddev)) {
                    ScalarBlockFills.INSTANCE.normal(key, firstBlock + done, dst, d, n, mean, stddev);
                }
            }
        }
        ScalarBlockFills.INSTANCE.normal(key, firstBlock + whole, dst, at + Philox4x32.BLOCK_WORDS * whole,
                blocks - whole, mean, stddev);
    }

    /** {@link Conversions#uniformFloat} lane by lane, in the same float operations. */
    private static FloatVector uniform(IntVector w) {
        FloatVector high = w.lanewise(VectorOperators.LSHR, Conversions.HALF_WORD_BITS).or(Conversions.HIGH_HALF_BITS)
                .reinterpretAsFloats().sub(Conversions.HIGH_HALF_BIAS);
        FloatVector low = w.and(Conversions.HALF_WORD_MASK).or(Conversions.LOW_HALF_BITS)
                .reinterpretAsFloats().sub(Conversions.LOW_HALF_BIAS);
        return high.add(low).mul(Conversions.TWO_POW_M32_F).add(Conversions.HALF_STEP_F);
    }

    /** Writes the words of blocks {@code block .. block + LANES - 1} to {@code out[at ..]} in cuRAND's order. */
    private static void philox(long key, long block, int[] out, int at) {
        LongVector index = LANE_INDEX.add(block);
        LongVector c0 = index.lanewise(VectorOperators.LSHR, Philox4x32.SUBSEQUENCE_BITS).and(WORD_MASK);
        LongVector c1 = index.lanewise(VectorOperators.LSHR, 32 + Philox4x32.SUBSEQUENCE_BITS);
        LongVector c2 = index.and(SUBSEQUENCE_MASK);
        LongVector c3 = LongVector.zero(LONGS);
        long k0 = key & WORD_MASK;
        long k1 = key >>> 32;
        for (int r = 0; r < Philox4x32.ROUNDS; r++) {
            LongVector p0 = c0.mul(Philox4x32.MULTIPLIER_A);
            LongVector p2 = c2.mul(Philox4x32.MULTIPLIER_B);
            c0 = p2.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c1.lanewise(VectorOperators.XOR, k0));
            c2 = p0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c3.lanewise(VectorOperators.XOR, k1));
            c1 = p2.and(WORD_MASK);
            c3 = p0.and(WORD_MASK);
            k0 = (k0 + Philox4x32.WEYL_0) & WORD_MASK;
            k1 = (k1 + Philox4x32.WEYL_1) & WORD_MASK;
        }
        // each long holds two consecutive words of a block, the first in its low half (little-endian int order)
        LongVector w01 = c0.or(c1.lanewise(VectorOperators.LSHL, 32));
        LongVector w23 = c2.or(c3.lanewise(VectorOperators.LSHL, 32));
        w01.rearrange(SPREAD_FIRST).blend(w23.rearrange(SPREAD_FIRST), ODD_LANES).reinterpretAsInts()
                .intoArray(out, at);
        w01.rearrange(SPREAD_SECOND).blend(w23.rearrange(SPREAD_SECOND), ODD_LANES).reinterpretAsInts()
                .intoArray(out, at + STEP_WORDS / 2);
    }
}
