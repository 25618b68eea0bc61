package dev.seedbank.rng.scope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamPath;
import dev.seedbank.rng.stream.PhiloxStream;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/** ParallelFor: index i draws from path/i, for any thread count. */
class ParallelForTest {
    private final SeedRegistry registry = SeedRegistry.of(2024);
    private final StreamPath path = StreamPath.parse("loop/epoch=1");

    private long[] runLoop(long from, long to, int threads) {
        int n = (int) (to - from);
        AtomicLongArray out = new AtomicLongArray(n * 3);
        ParallelFor.run(registry, path, from, to, threads, (i, stream) -> {
            if (StreamScope.current() != stream) {
                throw new AssertionError("the body's stream is not the bound stream");
            }
            int k = (int) (i - from);
            out.set(3 * k, stream.key());
            out.set(3 * k + 1, stream.nextLong());
            float[] f = new float[7];
            stream.fillUniform(f, 0, f.length);
            out.set(3 * k + 2, Float.floatToIntBits(f[6]) ^ ((long) stream.nextInt() << 32));
        });
        long[] result = new long[n * 3];
        for (int k = 0; k < result.length; k++) {
            result[k] = out.get(k);
        }
        return result;
    }

    @Test
    void sameOutputsForOneTwoAndEightThreads() {
        long from = 5;
        long to = 805;
        long[] reference = new long[(int) (to - from) * 3];
        for (long i = from; i < to; i++) {
            PhiloxStream s = registry.stream(path.child(i));
            int k = (int) (i - from);
            reference[3 * k] = s.key();
            reference[3 * k + 1] = s.nextLong();
            float[] f = new float[7];
            s.fillUniform(f, 0, f.length);
            reference[3 * k + 2] = Float.floatToIntBits(f[6]) ^ ((long) s.nextInt() << 32);
        }
        for (int round = 0; round < 5; round++) {
            for (int threads : new int[] {1, 2, 8}) {
                assertArrayEquals(reference, runLoop(from, to, threads), threads + " threads, round " + round);
            }
        }
    }

    @Test
    void everyIndexRunsExactlyOnce() {
        for (int threads : new int[] {1, 2, 8, 64}) {
            AtomicInteger calls = new AtomicInteger();
            Set<Long> seen = new ConcurrentSkipListSet<>();
            ParallelFor.run(registry, path, -10, 90, threads, (i, s) -> {
                calls.incrementAndGet();
                seen.add(i);
            });
            assertEquals(100, calls.get(), threads + " threads");
            assertEquals(100, seen.size());
            assertEquals(-10L, ((ConcurrentSkipListSet<Long>) seen).first());
            assertEquals(89L, ((ConcurrentSkipListSet<Long>) seen).last());
        }
    }

    @Test
    void emptyRangeRunsNothing() {
        ParallelFor.run(registry, path, 3, 3, 4, (i, s) -> {
            throw new AssertionError("ran index " + i);
        });
    }

    @Test
    void bodyFailureSurfacesNamingTheIndex() {
        for (int threads : new int[] {1, 2, 8}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ParallelFor.run(registry, path, 0, 500, threads, (i, s) -> {
                        s.nextInt();
                        if (i == 137) {
                            throw new IOException("disk on fire");
                        }
                    }), threads + " threads");
            assertTrue(e.getMessage().contains("index 137"), e.getMessage());
            assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
            assertTrue(e.getCause() instanceof IOException, String.valueOf(e.getCause()));
            assertEquals("disk on fire", e.getCause().getMessage());
        }
    }

    @Test
    void runtimeExceptionInBodyIsWrappedToo() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ParallelFor.run(registry, path, 0, 10, 2, (i, s) -> {
                    if (i == 9) {
                        throw new IllegalArgumentException("bad sample");
                    }
                }));
        assertTrue(e.getMessage().contains("index 9"), e.getMessage());
        assertTrue(e.getCause() instanceof IllegalArgumentException);
    }

    @Test
    void callerThreadHasNoStreamBoundAfterwards() {
        ParallelFor.run(registry, path, 0, 20, 3, (i, s) -> s.nextInt());
        assertTrue(StreamScope.find().isEmpty());
        assertThrows(IllegalStateException.class, () -> ParallelFor.run(registry, path, 0, 20, 1, (i, s) -> {
            throw new Exception("x");
        }));
        assertTrue(StreamScope.find().isEmpty());
    }

    @Test
    void invalidArgumentsAreRejected() {
        for (int threads : new int[] {0, -1, Integer.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ParallelFor.run(registry, path, 0, 10, threads, (i, s) -> { }));
            assertTrue(e.getMessage().contains(Integer.toString(threads)), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParallelFor.run(registry, path, 10, 9, 2, (i, s) -> {
                    throw new AssertionError("ran");
                }));
        assertTrue(e.getMessage().contains("10") && e.getMessage().contains("9"), e.getMessage());
    }

    /**
     * A range ending at Long.MAX_VALUE: the shared counter must not wrap past {@code to} into negative
     * indices (every thread increments it at least once more than there are indices).
     */
    @Test
    void rangeEndingAtLongMaxValueRunsOnlyItsIndices() {
        for (int threads : new int[] {1, 2, 8}) {
            Set<Long> seen = new ConcurrentSkipListSet<>();
            ParallelFor.run(registry, path, Long.MAX_VALUE - 2, Long.MAX_VALUE, threads, (i, s) -> {
                seen.add(i);
                if (i < Long.MAX_VALUE - 2) {
                    throw new IllegalStateException("index " + i + " is outside the range");
                }
            });
            assertEquals(new TreeSet<>(Set.of(Long.MAX_VALUE - 2, Long.MAX_VALUE - 1)), new TreeSet<>(seen),
                    threads + " threads");
        }
    }

    @Test
    void bodyStreamIsAtPositionZero() {
        ParallelFor.run(registry, path, 0, 50, 4, (i, s) -> {
            if (s.position() != 0 || s.key() != registry.key(path.child(i)).value()) {
                throw new AssertionError("index " + i + ": " + s);
            }
            assertSame(s, StreamScope.current());
        });
    }
}
