package dev.seedbank.rng.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Fills one array range from several threads. Each piece starts at the stream position the sequential
 * fill would reach there (pieces are cut at whole groups, see {@link Format#wordsFor(long)}), so the
 * result is bit-identical to the sequential fill for any number of pieces.
 *
 * <p>Immutable; thread-safe (the streams passed in are not, see {@link PhiloxStream}).
 */
public final class ParallelFill {
    /** Pieces smaller than this many values are not worth a task. */
    static final int MIN_PIECE = 1 << 14;

    private final int pieces;
    private final Executor executor;

    private ParallelFill(int pieces, Executor executor) {
        this.pieces = pieces;
        this.executor = executor;
    }

    /** Splits fills into {@code threads} pieces run on the common fork-join pool and the calling thread. */
    public static ParallelFill withThreads(int threads) {
        return on(threads, ForkJoinPool.commonPool());
    }

    /** Splits fills into {@code pieces} pieces run on {@code executor} and the calling thread. */
    public static ParallelFill on(int pieces, Executor executor) {
        if (pieces < 1) {
            throw new IllegalArgumentException("invalid thread count " + pieces + " (expected 1 or more)");
        }
        return new ParallelFill(pieces, executor);
    }

    /** A fill of {@code [from, to)} starting at stream word {@code position}. */
    @FunctionalInterface
    public interface RangeFill {
        void fill(long position, int from, int to);
    }

    /** Parallel {@link PhiloxStream#fillWords}. */
    public void words(PhiloxStream s, int[] dst, int from, int to) {
        run(s, Format.U32, from, to, (p, a, b) -> StreamFills.words(s.key(), p, dst, a, b));
    }

    /** Parallel {@link PhiloxStream#fillUniform}. */
    public void uniform(PhiloxStream s, float[] dst, int from, int to) {
        run(s, Format.UNIFORM, from, to, (p, a, b) -> StreamFills.uniform(s.key(), p, dst, a, b));
    }

    /** Parallel {@link PhiloxStream#fillUniformDouble}. */
    public void uniformDouble(PhiloxStream s, double[] dst, int from, int to) {
        run(s, Format.UNIFORM_DOUBLE, from, to, (p, a, b) -> StreamFills.uniformDouble(s.key(), p, dst, a, b));
    }

    /** Parallel {@link PhiloxStream#fillNormal}. */
    public void normal(PhiloxStream s, float[] dst, int from, int to, float mean, float stddev) {
        run(s, Format.NORMAL, from, to, (p, a, b) -> StreamFills.normal(s.key(), p, dst, a, b, mean, stddev));
    }

    /** Parallel {@link PhiloxStream#fillNormalDouble}. */
    public void normalDouble(PhiloxStream s, double[] dst, int from, int to, double mean, double stddev) {
        run(s, Format.NORMAL_DOUBLE, from, to,
                (p, a, b) -> StreamFills.normalDouble(s.key(), p, dst, a, b, mean, stddev));
    }

    /**
     * Reserves {@code to - from} values of {@code format} on {@code stream} and runs {@code fill} on
     * pieces of the range, each with its own start position. Usable for any destination (native memory,
     * INDArray buffers).
     */
    public void run(PhiloxStream stream, Format format, int from, int to, RangeFill fill) {
        java.util.Objects.checkFromToIndex(from, 0, to);
        long start = stream.reserve(format, to - from);
        int n = to - from;
        int group = format.valuesPerGroup();
        int count = Math.max(1, Math.min(pieces, n / MIN_PIECE));
        List<CompletableFuture<Void>> tasks = new ArrayList<>(count - 1);
        int previous = from;
        for (int k = 1; k <= count; k++) {
            int end = k == count ? to : from + (int) ((long) n * k / count / group * group);
            int a = previous;
            long position = start + format.wordsFor(a - from);
            if (k == count) {
                fill.fill(position, a, end);
            } else {
                tasks.add(CompletableFuture.runAsync(() -> fill.fill(position, a, end), executor));
            }
            previous = end;
        }
        CompletableFuture.allOf(tasks.toArray(new CompletableFuture[0])).join();
    }
}
