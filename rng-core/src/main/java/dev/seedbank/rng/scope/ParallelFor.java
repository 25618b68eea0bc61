package dev.seedbank.rng.scope;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamKey;
import dev.seedbank.rng.registry.StreamPath;
import dev.seedbank.rng.stream.PhiloxStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A parallel loop in which index {@code i} draws from its own stream {@code path/i}, bound with
 * {@link StreamScope} while its body runs, so the results are the same for any number of threads and
 * any scheduling. Stateless; thread-safe.
 */
public final class ParallelFor {
    private ParallelFor() {
    }

    /** Takes the next index, never moving the counter past {@code to} (so it cannot wrap). */
    private static long claim(AtomicLong next, long to) {
        return next.getAndUpdate(v -> v < to ? v + 1 : v);
    }

    /** The body of a loop iteration. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param index the loop index
         * @param stream the stream of {@code path/index}, also {@link StreamScope#current()}
         */
        void run(long index, PhiloxStream stream) throws Exception;
    }

    /**
     * Runs {@code body} for every index in {@code [from, to)} on {@code threads} threads and waits.
     *
     * @throws IllegalArgumentException if {@code threads < 1} or {@code from > to}
     * @throws IllegalStateException wrapping the first failure of a body, after all threads stopped
     */
    public static void run(SeedRegistry registry, StreamPath path, long from, long to, int threads, Body body) {
        if (threads < 1) {
            throw new IllegalArgumentException("invalid thread count " + threads + " (expected 1 or more)");
        }
        if (from > to) {
            throw new IllegalArgumentException("invalid range [" + from + ", " + to + ") (expected from <= to)");
        }
        StreamKey base = registry.key(path);
        AtomicLong next = new AtomicLong(from);
        Runnable worker = () -> {
            for (long i = claim(next, to); i < to; i = claim(next, to)) {
                PhiloxStream stream = base.child(i).stream();
                try (StreamScope ignored = StreamScope.bind(stream)) {
                    body.run(i, stream);
                } catch (Exception e) {
                    next.set(to);
                    throw new IllegalStateException("parallel loop " + path + " failed at index " + i + ": " + e, e);
                }
            }
        };
        if (threads == 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads - 1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 1; t < threads; t++) {
                futures.add(pool.submit(worker));
            }
            RuntimeException first = null;
            try {
                worker.run();
            } catch (RuntimeException e) {
                first = e;
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException("parallel loop " + path + " failed: " + e.getCause(),
                                        e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for parallel loop " + path, e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
