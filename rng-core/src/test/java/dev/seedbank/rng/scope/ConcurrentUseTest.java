package dev.seedbank.rng.scope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.stream.PhiloxStream;
import dev.seedbank.rng.stream.UnsignedLongs;
import java.util.ConcurrentModificationException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code -Dseedbank.checkConcurrentUse=true} (set for rng-core's tests by rng-core/pom.xml), two
 * threads inside one stream at once get a ConcurrentModificationException; hand-offs do not.
 */
class ConcurrentUseTest {
    private static final int ATTEMPTS = 500;

    @BeforeAll
    static void checkIsEnabled() {
        assertTrue(Boolean.getBoolean("seedbank.checkConcurrentUse"),
                "run with -Dseedbank.checkConcurrentUse=true (rng-core/pom.xml sets it for surefire)");
    }

    @Test
    void simultaneousDrawsFromOneStreamThrow() throws Exception {
        PhiloxStream shared = SeedRegistry.of(42).stream("shared/by/mistake");
        CyclicBarrier barrier = new CyclicBarrier(2);
        AtomicReference<ConcurrentModificationException> caught = new AtomicReference<>();
        AtomicReference<String> catcher = new AtomicReference<>();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        Runnable drawer = () -> {
            float[] buffer = new float[1 << 18];
            try {
                for (int attempt = 0; attempt < ATTEMPTS && !stop.get(); attempt++) {
                    barrier.await(30, TimeUnit.SECONDS);
                    try {
                        for (int k = 0; k < 4; k++) {
                            shared.fillUniform(buffer, 0, buffer.length);
                        }
                    } catch (ConcurrentModificationException e) {
                        if (caught.compareAndSet(null, e)) {
                            catcher.set(Thread.currentThread().getName());
                        }
                    }
                    barrier.await(30, TimeUnit.SECONDS);
                    if (caught.get() != null) {
                        stop.set(true);
                    }
                }
            } catch (Exception e) {
                unexpected.compareAndSet(null, e);
            }
        };
        Thread a = new Thread(drawer, "drawer-a");
        Thread b = new Thread(drawer, "drawer-b");
        a.start();
        b.start();
        a.join(120_000);
        b.join(120_000);
        assertNull(unexpected.get(), () -> "unexpected failure: " + unexpected.get());
        ConcurrentModificationException e = caught.get();
        assertNotNull(e, "two threads filled from one stream " + ATTEMPTS + " times at once without an exception");
        String key = UnsignedLongs.hex(shared.key());
        assertTrue(e.getMessage().contains(key), () -> "message does not name the stream key " + key + ": "
                + e.getMessage());
        assertTrue(e.getMessage().contains(catcher.get()), () -> "message does not name the thread "
                + catcher.get() + ": " + e.getMessage());
        // the failed entry left no claim behind: the stream works again from one thread
        shared.nextInt();
        shared.fillUniform(new float[16], 0, 16);
    }

    @Test
    void handOffBetweenThreadsDoesNotThrowAndContinuesTheSequence() throws Exception {
        SeedRegistry registry = SeedRegistry.of(42);
        int rounds = 200;
        long[] expected = new long[rounds * 3];
        PhiloxStream reference = registry.stream("handed/over");
        for (int k = 0; k < expected.length; k++) {
            expected[k] = reference.nextLong();
        }

        PhiloxStream stream = registry.stream("handed/over");
        long[] got = new long[expected.length];
        // SynchronousQueue hand-offs give happens-before between the threads' uses
        BlockingQueue<Integer> toB = new SynchronousQueue<>();
        BlockingQueue<Integer> toC = new SynchronousQueue<>();
        BlockingQueue<Integer> toA = new SynchronousQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread b = new Thread(() -> relay(stream, got, toB, toC, rounds, failure), "relay-b");
        Thread c = new Thread(() -> relay(stream, got, toC, toA, rounds, failure), "relay-c");
        b.start();
        c.start();
        try {
            for (int r = 0; r < rounds; r++) {
                int at = 3 * r;
                got[at] = stream.nextLong();
                toB.put(at + 1);
                Integer back = toA.poll(30, TimeUnit.SECONDS);
                if (back == null) {
                    break;
                }
            }
        } finally {
            b.interrupt();
            c.interrupt();
            b.join(30_000);
            c.join(30_000);
        }
        assertNull(failure.get(), () -> "hand-off failed: " + failure.get());
        assertArrayEquals(expected, got);
    }

    private static void relay(PhiloxStream stream, long[] got, BlockingQueue<Integer> in, BlockingQueue<Integer> out,
            int rounds, AtomicReference<Throwable> failure) {
        try {
            for (int r = 0; r < rounds; r++) {
                int at = in.take();
                got[at] = stream.nextLong();
                out.put(at + 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }
}
