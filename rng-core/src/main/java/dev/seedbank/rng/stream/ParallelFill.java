package dev.seedbank.rng.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Fills one array range from several threads. Every value is a pure function of (key, fill origin,
 * index in the fill) ({@link StreamFills}), so each piece computes its values independently and the
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

    /** One piece of a fill: values {@code first ..} of the fill at {@code origin}, into {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeFill {
        /**
         * @param origin the position of the whole fill (cuRAND's offset)
         * @param first index within the whole fill of the value that goes to {@code from}
         */
        void fill(long origin, long first, int from, int to);
    }

    /** Parallel {@link PhiloxStream#fillWords}. */
    public void words(PhiloxStream s, int[] dst, int from, int to) {
        run(s, from, to, (o, j, a, b) -> StreamFills.words(s.key(), o, j, dst, a, b));
    }

    /** Parallel {@link PhiloxStream#fillUniform}. */
    public void uniform(PhiloxStream s, float[] dst, int from, int to) {
        run(s, from, to, (o, j, a, b) -> StreamFills.uniform(s.key(), o, j, dst, a, b));
    }

    /** Parallel {@link PhiloxStream#fillUniformDouble}. */
    public void uniformDouble(PhiloxStream s, double[] dst, int from, int to) {
        run(s, from, to, (o, j, a, b) -> StreamFills.uniformDouble(s.key(), o, j, dst, a, b));
    }

    /** Parallel {@link PhiloxStream#fillNormal}. */
    public void normal(PhiloxStream s, float[] dst, int from, int to, float mean, float stddev) {
        run(s, from, to, (o, j, a, b) -> StreamFills.normal(s.key(), o, j, dst, a, b, mean, stddev));
    }

    /** Parallel {@link PhiloxStream#fillNormalDouble}. */
    public void normalDouble(PhiloxStream s, double[] dst, int from, int to, double mean, double stddev) {
        run(s, from, to,
                (o, j, a, b) -> StreamFills.normalDouble(s.key(), o, j, dst, a, b, mean, stddev));
    }

    /**
     * Reserves {@code to - from} values on {@code stream} and runs {@code fill} on pieces of the range.
     * Usable for any destination (native memory, INDArray buffers).
     */
    public void run(PhiloxStream stream, int from, int to, RangeFill fill) {
        java.util.Objects.checkFromToIndex(from, to, Integer.MAX_VALUE);
        long origin = stream.reserve(to - from);
        int n = to - from;
        int count = Math.max(1, Math.min(pieces, n / MIN_PIECE));
        List<CompletableFuture<Void>> tasks = new ArrayList<>(count - 1);
        for (int k = 0; k < count; k++) {
            int a = from + (int) ((long) n * k / count);
            int b = from + (int) ((long) n * (k + 1) / count);
            long first = a - from;
            if (k == count - 1) {
                fill.fill(origin, first, a, b);
            } else {
                tasks.add(CompletableFuture.runAsync(() -> fill.fill(origin, first, a, b), executor));
            }
        }
        CompletableFuture.allOf(tasks.toArray(new CompletableFuture[0])).join();
    }
}
