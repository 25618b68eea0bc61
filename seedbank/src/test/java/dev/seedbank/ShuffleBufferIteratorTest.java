package dev.seedbank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.seedbank.internal.ShuffleBufferIterator;
import dev.seedbank.nd4j.training.DeterministicShuffle;
import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.stream.PhiloxStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** The shuffle buffer: every example once per epoch, in an order fixed by (seed, epoch, capacity). */
class ShuffleBufferIteratorTest {
    private static final int N = 40;

    /** Example ids (feature 0 holds the id) in the order one pass yields them, and the batch sizes. */
    private static List<Integer> pass(DataSetIterator it, List<Integer> sizes) {
        List<Integer> ids = new ArrayList<>();
        while (it.hasNext()) {
            DataSet b = it.next();
            sizes.add(b.numExamples());
            for (int i = 0; i < b.numExamples(); i++) {
                ids.add((int) b.getFeatures().getFloat(i, 0));
            }
        }
        return ids;
    }

    private static ShuffleBufferIterator shuffled(long seed, int capacity, AtomicLong epoch) {
        DataSet d = Nets.data(N);
        for (int i = 0; i < N; i++) {
            d.getFeatures().putScalar(i, 0, i);
        }
        return new ShuffleBufferIterator(new ListDataSetIterator<>(d.asList(), 7), capacity, SeedRegistry.of(seed),
                epoch::get);
    }

    @Test
    void everyExampleOncePerEpochInBatchesOfTheSourceSize() {
        for (int capacity : new int[] {1, 5, N, 1000}) {
            AtomicLong epoch = new AtomicLong();
            ShuffleBufferIterator it = shuffled(3, capacity, epoch);
            for (int e = 0; e < 3; e++) {
                epoch.set(e);
                it.reset();
                List<Integer> sizes = new ArrayList<>();
                List<Integer> ids = pass(it, sizes);
                assertEquals(N, ids.size(), "capacity " + capacity);
                assertEquals(N, new TreeSet<>(ids).size(), "capacity " + capacity);
                assertEquals(List.of(7, 7, 7, 7, 7, 5), sizes);
            }
        }
    }

    /** The specified order: a buffer of ids filled in source order, each output drawn by bounded() and refilled. */
    private static List<Integer> specified(long seed, int capacity, long epoch) {
        PhiloxStream stream = SeedRegistry.of(seed).stream("data/shuffle/epoch=" + epoch);
        List<Integer> buffer = new ArrayList<>();
        int next = 0;
        while (next < N && buffer.size() < capacity) { // whole source batches of 7
            for (int end = Math.min(N, next + 7); next < end; next++) {
                buffer.add(next);
            }
        }
        List<Integer> out = new ArrayList<>();
        while (!buffer.isEmpty()) {
            int j = DeterministicShuffle.bounded(stream, buffer.size());
            out.add(buffer.get(j));
            buffer.set(j, buffer.get(buffer.size() - 1));
            buffer.remove(buffer.size() - 1);
            while (next < N && buffer.size() < capacity) {
                for (int end = Math.min(N, next + 7); next < end; next++) {
                    buffer.add(next);
                }
            }
        }
        return out;
    }

    @Test
    void orderIsTheSpecifiedOneWhetherThePassFitsTheBufferOrNot() {
        for (int capacity : new int[] {1, 5, 39, N, 1000}) {
            assertEquals(specified(3, capacity, 0), pass(shuffled(3, capacity, new AtomicLong()), new ArrayList<>()),
                    "capacity " + capacity);
        }
    }

    @Test
    void orderDependsOnSeedAndEpochOnly() {
        AtomicLong e0 = new AtomicLong();
        List<Integer> a = pass(shuffled(3, 1000, e0), new ArrayList<>());
        List<Integer> b = pass(shuffled(3, 1000, e0), new ArrayList<>());
        List<Integer> otherSeed = pass(shuffled(4, 1000, e0), new ArrayList<>());
        List<Integer> otherEpoch = pass(shuffled(3, 1000, new AtomicLong(1)), new ArrayList<>());
        assertEquals(a, b);
        assertNotEquals(a, otherSeed);
        assertNotEquals(a, otherEpoch);
        List<Integer> identity = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            identity.add(i);
        }
        assertNotEquals(identity, a);
    }

    @Test
    void asecondPassInTheSameEpochGetsAnotherOrder() {
        AtomicLong epoch = new AtomicLong(2);
        ShuffleBufferIterator it = shuffled(3, 1000, epoch);
        List<Integer> first = pass(it, new ArrayList<>());
        it.reset();
        List<Integer> second = pass(it, new ArrayList<>());
        assertNotEquals(first, second);
        assertFalse(it.asyncSupported());
    }
}
