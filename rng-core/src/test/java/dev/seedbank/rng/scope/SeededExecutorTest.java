package dev.seedbank.rng.scope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamPath;
import dev.seedbank.rng.stream.PhiloxStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Task n of a SeededExecutor draws from base/n, whatever the pool size and scheduling. */
class SeededExecutorTest {
    private static final int TASKS = 200;
    private static final int DRAWS = 10;
    private final SeedRegistry registry = SeedRegistry.of(0xC0FFEEL);
    private final StreamPath base = StreamPath.parse("executor/test");

    /**
     * What a task draws: its key and start position, then DRAWS values from the stream bound to its thread,
     * pausing {@code sleepNanos} halfway so that tasks interleave differently from round to round.
     */
    private static long[] draw(long sleepNanos) {
        PhiloxStream s = StreamScope.current();
        long[] out = new long[DRAWS + 2];
        out[0] = s.key();
        out[1] = s.position();
        for (int i = 0; i < DRAWS; i++) {
            if (i == DRAWS / 2 && sleepNanos > 0) {
                LockSupport.parkNanos(sleepNanos);
                if (StreamScope.current() != s) {
                    throw new AssertionError("the bound stream changed during the task");
                }
            }
            out[i + 2] = i % 2 == 0 ? s.nextLong() : Float.floatToIntBits(s.nextFloat());
        }
        return out;
    }

    private long[][] reference() {
        long[][] ref = new long[TASKS][];
        for (int n = 0; n < TASKS; n++) {
            PhiloxStream s = registry.stream(base.child(n));
            try (StreamScope ignored = StreamScope.bind(s)) {
                ref[n] = draw(0);
            }
            assertEquals(registry.key(base.child(n)).value(), ref[n][0]);
        }
        return ref;
    }

    private long[][] run(int threads, long sleepSeed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        SeededExecutor executor = new SeededExecutor(pool, registry, base);
        try {
            SplittableRandom sleeps = new SplittableRandom(sleepSeed);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int n = 0; n < TASKS; n++) {
                long sleepNanos = sleeps.nextLong(2_000_000); // 0-2 ms, chosen at submission
                futures.add(executor.submit(() -> draw(sleepNanos)));
            }
            assertEquals(TASKS, executor.submitted());
            long[][] out = new long[TASKS][];
            for (int n = 0; n < TASKS; n++) {
                out[n] = futures.get(n).get(30, TimeUnit.SECONDS);
            }
            return out;
        } finally {
            executor.shutdown();
            assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void taskNDrawsFromBaseSlashNForAnyPoolSize() throws Exception {
        long[][] reference = reference();
        for (int round = 0; round < 20; round++) {
            for (int threads : new int[] {1, 2, 8}) {
                long[][] got = run(threads, 1000L * round + threads);
                for (int n = 0; n < TASKS; n++) {
                    assertArrayEquals(reference[n], got[n], "round " + round + ", " + threads + " threads, task " + n);
                }
            }
        }
    }

    @Test
    void executeAndInvokeAllCountInSubmissionOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        SeededExecutor executor = new SeededExecutor(pool, registry, base);
        try {
            long[] keys = new long[6];
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(2);
            executor.execute(() -> {
                keys[0] = StreamScope.current().key();
                done.countDown();
            });
            executor.execute(() -> {
                keys[1] = StreamScope.current().key();
                done.countDown();
            });
            assertTrue(done.await(30, TimeUnit.SECONDS));
            List<Callable<Long>> calls = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                calls.add(() -> StreamScope.current().key());
            }
            List<Future<Long>> results = executor.invokeAll(calls);
            for (int k = 0; k < 4; k++) {
                keys[2 + k] = results.get(k).get();
            }
            for (int n = 0; n < 6; n++) {
                assertEquals(registry.key(base.child(n)).value(), keys[n], "task " + n);
            }
            assertEquals(6, executor.submitted());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void workerThreadsHaveNoStreamBoundAfterTasks() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        SeededExecutor executor = new SeededExecutor(pool, registry, base);
        try {
            executor.submit(() -> StreamScope.current().nextInt()).get();
            Future<?> failing = executor.submit(() -> {
                StreamScope.current().nextInt();
                throw new IllegalStateException("task failure");
            });
            ExecutionException e = assertThrows(ExecutionException.class, failing::get);
            assertEquals("task failure", e.getCause().getMessage());
            // the same worker thread, used directly: nothing is left bound
            assertFalse(pool.submit(() -> StreamScope.find().isPresent()).get());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void differentBasesGiveDifferentStreams() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SeededExecutor a = new SeededExecutor(pool, registry, StreamPath.parse("a"));
            SeededExecutor b = new SeededExecutor(pool, registry, StreamPath.parse("b"));
            long ka = a.submit(() -> StreamScope.current().key()).get();
            long kb = b.submit(() -> StreamScope.current().key()).get();
            assertEquals(registry.key("a/0").value(), ka);
            assertEquals(registry.key("b/0").value(), kb);
            assertTrue(ka != kb);
        } finally {
            pool.shutdownNow();
        }
    }
}
