package dev.seedbank.nd4j.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamPath;
import dev.seedbank.rng.scope.SeededExecutor;
import dev.seedbank.rng.scope.StreamScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Many threads at once derive keys from one shared registry, bind ND4J generators through task scopes, and
 * draw from both ND4J and their Seedbank streams, with task durations that vary at random: every task's
 * output must equal the single-threaded reference, and no two tasks may share values.
 */
class ConcurrencyStressTest {
    private static final SeedRegistry REGISTRY = SeedRegistry.of(0x5EEDL);
    private static final int TASKS = 48;
    private static final int ROUNDS = 8;

    /** What one task produces: a derived key, its stream's words and two ND4J draws around a pause. */
    private static long[] task(long index, long pauseNanos) {
        long derived = REGISTRY.key(StreamPath.parse("stress/extra").child(index)).value();
        long[] out = new long[2 + 8 + 2 * 8];
        out[0] = index;
        out[1] = derived;
        for (int i = 0; i < 8; i++) {
            out[2 + i] = StreamScope.current().nextInt();
        }
        float[] before = Nd4j.rand(DataType.FLOAT, 8).toFloatVector();
        LockSupport.parkNanos(pauseNanos);
        float[] after = Nd4j.rand(DataType.FLOAT, 8).toFloatVector();
        for (int i = 0; i < 8; i++) {
            out[10 + i] = Float.floatToIntBits(before[i]);
            out[18 + i] = Float.floatToIntBits(after[i]);
        }
        return out;
    }

    private static List<long[]> run(int threads, long roundSeed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (AutoCloseable hook = Nd4jScopeHook.install()) {
            SeededExecutor executor = new SeededExecutor(pool, REGISTRY, StreamPath.parse("stress"));
            SplittableRandom pauses = new SplittableRandom(roundSeed);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int k = 0; k < TASKS; k++) {
                long index = k;
                long pause = pauses.nextLong(0, 1_000_000);
                futures.add(executor.submit(() -> task(index, pause)));
            }
            List<long[]> results = new ArrayList<>();
            for (Future<long[]> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void outputsEqualTheSingleThreadedReferenceUnderContention() throws Exception {
        List<long[]> reference = run(1, 0);
        Set<String> distinct = new HashSet<>();
        for (long[] r : reference) {
            distinct.add(Arrays.toString(Arrays.copyOfRange(r, 1, r.length)));
        }
        assertEquals(TASKS, distinct.size(), "two tasks produced the same values");
        for (int round = 1; round <= ROUNDS; round++) {
            List<long[]> got = run(round % 2 == 0 ? 8 : 3, round);
            for (int k = 0; k < TASKS; k++) {
                assertArrayEquals(reference.get(k), got.get(k), "round " + round + " task " + k);
            }
        }
    }
}
