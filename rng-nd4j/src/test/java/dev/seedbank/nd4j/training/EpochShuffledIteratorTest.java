package dev.seedbank.nd4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.stream.PhiloxStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class EpochShuffledIteratorTest {
    private static final SeedRegistry REGISTRY = SeedRegistry.of(5);

    @Test
    void permutationIsAPermutationAndDependsOnTheStream() {
        int[] a = DeterministicShuffle.permutation(1000, REGISTRY.stream("p"));
        int[] b = DeterministicShuffle.permutation(1000, REGISTRY.stream("p"));
        int[] c = DeterministicShuffle.permutation(1000, REGISTRY.stream("q"));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    @Test
    void fisherYatesFollowsTheSpecifiedDraws() {
        PhiloxStream s = REGISTRY.stream("spec");
        int[] expected = {0, 1, 2, 3, 4};
        for (int i = 4; i > 0; i--) {
            long m = (s.nextInt() & 0xFFFF_FFFFL) * (i + 1); // no rejection possible for bounds this small? checked below
            int j = (int) (m >>> 32);
            int t = expected[i];
            expected[i] = expected[j];
            expected[j] = t;
        }
        assertArrayEquals(expected, DeterministicShuffle.permutation(5, REGISTRY.stream("spec")));
    }

    @Test
    void boundedIsInRangeAndCoversIt() {
        PhiloxStream s = REGISTRY.stream("bounded");
        int[] counts = new int[7];
        for (int k = 0; k < 7000; k++) {
            counts[DeterministicShuffle.bounded(s, 7)]++;
        }
        for (int c : counts) {
            assertTrue(c > 800 && c < 1200, Arrays.toString(counts));
        }
        assertThrows(IllegalArgumentException.class, () -> DeterministicShuffle.bounded(s, 0));
    }

    @Test
    void shufflingADataSetKeepsExamplesTogether() {
        DataSet data = TestNets.data();
        DataSet copy = data.copy();
        int[] order = DeterministicShuffle.shuffle(data, REGISTRY, 3);
        assertArrayEquals(DeterministicShuffle.permutation(copy.numExamples(), REGISTRY.stream("data/shuffle/epoch=3")), order);
        for (int k = 0; k < order.length; k++) {
            assertEquals(copy.getFeatures().getRow(order[k]), data.getFeatures().getRow(k));
            assertEquals(copy.getLabels().getRow(order[k]), data.getLabels().getRow(k));
        }
        assertFalse(copy.getFeatures().equals(data.getFeatures()));
    }

    @Test
    void orderIsKeyedByEpoch() {
        DataSet data = TestNets.data();
        AtomicLong epoch = new AtomicLong();
        EpochShuffledIterator it = new EpochShuffledIterator(data, 10, REGISTRY, epoch::get, false);
        int[] e0 = it.order();
        List<INDArray> batches = new ArrayList<>();
        while (it.hasNext()) {
            batches.add(it.next().getFeatures());
        }
        assertEquals(10, batches.size()); // 96 examples, batches of 10: the last has 6
        assertEquals(6, batches.get(9).rows());
        it.reset();
        assertArrayEquals(e0, it.order(), "same epoch, same order");
        epoch.set(1);
        it.reset();
        int[] e1 = it.order();
        assertFalse(Arrays.equals(e0, e1));
        assertArrayEquals(DeterministicShuffle.permutation(96, REGISTRY.stream("data/shuffle/epoch=1")), e1);
        assertEquals(data.getFeatures().getRow(e1[0]), it.next().getFeatures().getRow(0));
    }

    /** With no network (the epoch source says -1), pass k is epoch k: each reset gives the next epoch's order. */
    @Test
    void withoutAnEpochThePassesAreCounted() {
        EpochShuffledIterator it = new EpochShuffledIterator(TestNets.data(), 10, REGISTRY, () -> -1, false);
        for (int pass = 0; pass < 3; pass++) {
            it.reset();
            assertArrayEquals(DeterministicShuffle.permutation(96, REGISTRY.stream("data/shuffle/epoch=" + pass)),
                    it.order(), "pass " + pass);
            assertEquals(pass, it.epoch());
        }
    }

    @Test
    void randomPreprocessingIsDeterministicOnThePrefetchThread() {
        List<INDArray> first = prefetched();
        Nd4j.rand(DataType.FLOAT, 77);
        List<INDArray> second = prefetched();
        assertEquals(first, second);
        assertFalse(first.get(0).equals(first.get(1)));
    }

    /** Two epochs through AsyncDataSetIterator, with a pre-processor that adds ND4J noise. */
    private static List<INDArray> prefetched() {
        AtomicLong epoch = new AtomicLong();
        EpochShuffledIterator base = new EpochShuffledIterator(TestNets.data(), 32, REGISTRY, epoch::get, true);
        base.setPreProcessor(ds -> ds.getFeatures().addi(Nd4j.rand(DataType.FLOAT, ds.getFeatures().shape())));
        List<INDArray> out = new ArrayList<>();
        for (int e = 0; e < 2; e++) {
            epoch.set(e);
            base.reset();
            AsyncDataSetIterator async = new AsyncDataSetIterator(base, 2, false);
            while (async.hasNext()) {
                out.add(async.next().getFeatures().dup());
            }
            async.shutdown();
        }
        return out;
    }
}
