package dev.seedbank.rng.stream;

import java.util.Objects;

/**
 * Bulk fills: pure functions of (key, position, destination range) that write one output format.
 *
 * <p>Every format reads the stream's 32-bit words from {@code position} on, as cuRAND's host API
 * does after {@code curandSetGeneratorOffset(gen, position)}; value {@code j} of a fill uses the
 * words of its {@link Format#wordsPerGroup() group}. Word-to-value conversions are in
 * {@link Conversions}. Positions are unsigned and wrap modulo 2^64.
 *
 * <p>Stateless; thread-safe.
 */
public final class StreamFills {
    /** Words delivered per chunk: 2 KiB of scratch, small enough to stay in L1. */
    static final int CHUNK_WORDS = 512;

    private StreamFills() {
    }

    /** Receives generated words chunk by chunk. */
    @FunctionalInterface
    interface WordConsumer {
        /**
         * @param words scratch holding the words
         * @param from index in {@code words} of the first word to use
         * @param length number of words to use: a multiple of the group size
         * @param wordsDone words delivered before this chunk
         */
        void accept(int[] words, int from, int length, long wordsDone);
    }

    /** Generates {@code count} words from {@code position} in chunks of at most {@link #CHUNK_WORDS}. */
    static void generate(long key, long position, long count, WordConsumer consumer) {
        int[] scratch = new int[CHUNK_WORDS + Philox4x32.BLOCK_WORDS];
        long done = 0;
        while (done < count) {
            long word = position + done;
            int skip = (int) (word & 3);
            int length = (int) Math.min(CHUNK_WORDS, count - done);
            int blocks = (skip + length + Philox4x32.BLOCK_WORDS - 1) / Philox4x32.BLOCK_WORDS;
            Philox4x32.blocks(key, word >>> 2, scratch, 0, blocks);
            consumer.accept(scratch, skip, length, done);
            done += length;
        }
    }

    /** 32-bit words, as {@code curandGenerate}. */
    public static void words(long key, long position, int[] dst, int from, int to) {
        Objects.checkFromToIndex(from, to, dst.length);
        generate(key, position, to - from, (w, off, len, done) ->
                System.arraycopy(w, off, dst, from + (int) done, len));
    }

    /** Uniform floats in (0, 1], as {@code curandGenerateUniform}. */
    public static void uniform(long key, long position, float[] dst, int from, int to) {
        Objects.checkFromToIndex(from, to, dst.length);
        generate(key, position, to - from, (w, off, len, done) -> {
            int d = from + (int) done;
            for (int i = 0; i < len; i++) {
                dst[d + i] = Conversions.uniformFloat(w[off + i]);
            }
        });
    }

    /** Uniform doubles in (0, 1], as {@code curandGenerateUniformDouble}. */
    public static void uniformDouble(long key, long position, double[] dst, int from, int to) {
        Objects.checkFromToIndex(from, to, dst.length);
        generate(key, position, Format.UNIFORM_DOUBLE.wordsFor(to - from), (w, off, len, done) -> {
            int d = from + (int) (done / 2);
            for (int i = 0; i < len; i += 2) {
                dst[d + i / 2] = Conversions.uniformDouble(w[off + i], w[off + i + 1]);
            }
        });
    }

    /**
     * Normal floats with the given mean and standard deviation, as {@code curandGenerateNormal}.
     * Values come in Box-Muller pairs; an odd count drops the second value of the last pair.
     */
    public static void normal(long key, long position, float[] dst, int from, int to, float mean,
            float stddev) {
        Objects.checkFromToIndex(from, to, dst.length);
        generate(key, position, Format.NORMAL.wordsFor(to - from), (w, off, len, done) -> {
            int d = from + (int) done;
            for (int i = 0; i < len; i += 2) {
                Conversions.normalPair(w[off + i], w[off + i + 1], mean, stddev, dst, d + i, to);
            }
        });
    }

    /**
     * Normal doubles with the given mean and standard deviation, as {@code curandGenerateNormalDouble}.
     * Values come in Box-Muller pairs; an odd count drops the second value of the last pair.
     */
    public static void normalDouble(long key, long position, double[] dst, int from, int to, double mean,
            double stddev) {
        Objects.checkFromToIndex(from, to, dst.length);
        generate(key, position, Format.NORMAL_DOUBLE.wordsFor(to - from), (w, off, len, done) -> {
            int d = from + (int) (done / 2);
            for (int i = 0; i < len; i += 4) {
                Conversions.normalDoublePair(w[off + i], w[off + i + 1], w[off + i + 2], w[off + i + 3],
                        mean, stddev, dst, d + i / 2, to);
            }
        });
    }
}
