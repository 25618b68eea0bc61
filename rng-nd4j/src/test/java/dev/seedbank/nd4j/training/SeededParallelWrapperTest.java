package dev.seedbank.nd4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.registry.SeedRegistry;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.listener.RoutingIterationListener;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.deeplearning4j.parallelism.factory.SymmetricTrainerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class SeededParallelWrapperTest {
    private static final SeedRegistry REGISTRY = SeedRegistry.of(2024);
    private static final DataSet DATA = TestNets.data();
    private static final int WORKERS = 3;
    /** 96 examples in batches of 10: 10 batches per epoch, rounds of 3, 3, 3 and 1 workers. */
    private static final int BATCH = 10;

    private static ParallelWrapper wrapper(MultiLayerNetwork net, int workers, int averagingFrequency, int prefetch) {
        return new ParallelWrapper.Builder<>(net).workers(workers).averagingFrequency(averagingFrequency)
                .prefetchBuffer(prefetch).build();
    }

    /** Two epochs of a fresh network (dropout 0.5) on {@code workers} workers; the final parameters. */
    static float[] train(boolean seeded, int workers, int prefetch) {
        MultiLayerNetwork net = TestNets.net();
        ParallelWrapper pw = wrapper(net, workers, 2, prefetch);
        EpochShuffledIterator data = EpochShuffledIterator.forModel(DATA, BATCH, REGISTRY, net);
        if (seeded) {
            SeededParallelWrapper.install(pw, REGISTRY).fit(data, 2);
            assertEquals(2, net.getEpochCount());
        } else {
            for (int e = 0; e < 2; e++) {
                data.reset();
                pw.fit(data);
                net.incrementEpochCount();
            }
        }
        return TestNets.params(net);
    }

    @Test
    void sameWorkerCountGivesBitwiseIdenticalParameters() {
        float[] initial = TestNets.params(TestNets.net());
        float[] a = train(true, WORKERS, 2);
        float[] b = train(true, WORKERS, 2);
        float[] c = train(true, WORKERS, 2);
        assertFalse(Arrays.equals(initial, a), "training changed nothing");
        assertArrayEquals(a, b);
        assertArrayEquals(a, c);
        // the prefetch buffer (an extra thread, other timing) changes nothing either
        assertArrayEquals(a, train(true, WORKERS, 0));
    }

    @Test
    void anotherJvmGivesBitwiseIdenticalParameters(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("params.bin");
        File log = tmp.resolve("child.log").toFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SeededParallelWrapperChild.class.getName(), Integer.toString(WORKERS), out.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log);
        Process p = pb.start();
        float[] here = train(true, WORKERS, 2);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child JVM did not finish");
        assertEquals(0, p.exitValue(), () -> "child JVM failed, see " + log);
        assertArrayEquals(here, ResumeChild.readParams(out));
    }

    @Test
    void withoutSeedingTheSameTrainingIsNotRepeatable() {
        // control for the test above: DL4J's own wrapper (worker 0's generator is clock-seeded, replicas copy the
        // live model while worker 0 trains it) gives different parameters run after run
        float[] a = train(false, WORKERS, 2);
        float[] b = train(false, WORKERS, 2);
        assertFalse(Arrays.equals(a, b));
    }

    /** One step per worker, every worker on the same batch from the same parameters: what each worker ends with. */
    private static final class StepRecorder extends BaseTrainingListener {
        record Step(int iteration, int epoch, long seed, float[] params) {
        }

        final ConcurrentLinkedQueue<Step> steps = new ConcurrentLinkedQueue<>();

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            // called on the worker's thread, right after its step, with the model that worker trains
            steps.add(new Step(iteration, epoch, Nd4j.getRandom().getSeed(), model.params().toFloatVector()));
        }
    }

    private static List<StepRecorder.Step> oneRoundOnOneBatch(double dropoutRetain) {
        MultiLayerNetwork net = new MultiLayerNetwork(TestNets.conf(dropoutRetain, 16));
        net.init();
        DataSet batch = (DataSet) DATA.getRange(0, 16);
        List<DataSet> sameBatchForEveryone = new ArrayList<>();
        for (int k = 0; k < WORKERS; k++) {
            sameBatchForEveryone.add(batch);
        }
        // averaging frequency 10: no averaging in this single round, each worker keeps its own result
        ParallelWrapper pw = wrapper(net, WORKERS, 10, 0);
        StepRecorder recorder = new StepRecorder();
        pw.setListeners(recorder);
        SeededParallelWrapper.install(pw, REGISTRY);
        pw.fit(new ExistingDataSetIterator(sameBatchForEveryone));
        List<StepRecorder.Step> steps = new ArrayList<>(recorder.steps);
        assertEquals(WORKERS, steps.size());
        return steps;
    }

    @Test
    void workersDrawDistinctDropoutMasks() {
        // same start, same batch: the only thing that can make the workers' results differ is their dropout masks
        List<StepRecorder.Step> steps = oneRoundOnOneBatch(0.5);
        for (int i = 0; i < steps.size(); i++) {
            for (int j = i + 1; j < steps.size(); j++) {
                assertFalse(Arrays.equals(steps.get(i).params(), steps.get(j).params()),
                        "two workers drew the same dropout masks");
            }
        }
    }

    @Test
    void withoutDropoutTheWorkersAgree() {
        // control for the test above: with no randomness, the same comparison finds all workers identical, as it
        // would if the workers shared one random sequence
        List<StepRecorder.Step> steps = oneRoundOnOneBatch(1.0);
        for (StepRecorder.Step s : steps) {
            assertArrayEquals(steps.get(0).params(), s.params());
        }
    }

    @Test
    void eachWorkerStepUsesItsOwnStream() {
        MultiLayerNetwork net = TestNets.net();
        ParallelWrapper pw = wrapper(net, WORKERS, 1, 2);
        StepRecorder recorder = new StepRecorder();
        pw.setListeners(recorder);
        SeededParallelWrapper seeded = SeededParallelWrapper.install(pw, REGISTRY);
        seeded.fit(EpochShuffledIterator.forModel(DATA, BATCH, REGISTRY, net), 2);

        // per (epoch, iteration): the seeds the workers' generators had during their steps
        Map<String, Set<Long>> seen = new TreeMap<>();
        for (StepRecorder.Step s : recorder.steps) {
            seen.computeIfAbsent(s.epoch() + "/" + s.iteration(), x -> new HashSet<>()).add(s.seed());
        }
        // 10 batches per epoch on 3 workers: rounds (iterations) 0..3 in epoch 0, 4..7 in epoch 1; the last round
        // of each epoch feeds worker 0 only
        assertEquals(20, recorder.steps.size());
        assertEquals(8, seen.size());
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int round = 0; round < 4; round++) {
                int iteration = epoch * 4 + round;
                int fed = round < 3 ? WORKERS : 1;
                Set<Long> expected = new HashSet<>();
                for (int k = 0; k < fed; k++) {
                    expected.add(seeded.seed(k, epoch, iteration));
                }
                assertEquals(fed, expected.size());
                assertEquals(expected, seen.get(epoch + "/" + iteration), "epoch " + epoch + " iteration " + iteration);
            }
        }
    }

    /** A wrapper listener that makes worker 1 fail while it builds its replica (DL4J names each worker's copy). */
    private static final class FailsOnWorkerOne extends BaseTrainingListener implements RoutingIterationListener {
        private String workerId;

        @Override
        public void setWorkerID(String workerID) {
            if (workerID.endsWith("_thread_1")) {
                throw new IllegalStateException("replica of worker 1 refused");
            }
            this.workerId = workerID;
        }

        @Override
        public String getWorkerID() {
            return workerId;
        }

        @Override
        public void setStorageRouter(StatsStorageRouter router) {
        }

        @Override
        public StatsStorageRouter getStorageRouter() {
            return null;
        }

        @Override
        public void setSessionID(String sessionID) {
        }

        @Override
        public String getSessionID() {
            return "test";
        }

        @Override
        public RoutingIterationListener clone() {
            return new FailsOnWorkerOne();
        }
    }

    @Test
    void aWorkerThatCannotBuildItsReplicaFailsTheFitInsteadOfBlockingWorkerZero() {
        // worker 0 waits for the replicas before its first step; a replica that is never built must not leave it
        // waiting: fit ends with an exception
        MultiLayerNetwork net = TestNets.net();
        ParallelWrapper pw = wrapper(net, 2, 1, 0);
        pw.setListeners(new FailsOnWorkerOne());
        SeededParallelWrapper seeded = SeededParallelWrapper.install(pw, REGISTRY);
        EpochShuffledIterator data = EpochShuffledIterator.forModel(DATA, BATCH, REGISTRY, net);
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> assertThrows(RuntimeException.class, () -> seeded.fit(data, 1)));
    }

    @Test
    void pathsAndSeeds() {
        MultiLayerNetwork net = TestNets.net();
        SeededParallelWrapper seeded = SeededParallelWrapper.install(wrapper(net, 2, 1, 0), REGISTRY);
        assertEquals("train/worker=2/epoch=1/iteration=7", seeded.path(2, 1, 7).toString());
        assertEquals(REGISTRY.stream("train/worker=2/epoch=1/iteration=7").nextLong(), seeded.seed(2, 1, 7));
        assertTrue(seeded.seed(0, 0, 0) != seeded.seed(1, 0, 0));
        assertTrue(seeded.seed(0, 0, 0) != new SeededTrainingListener(REGISTRY).seed(0, 0));
        long seed = seeded.bind(1, 0, 3);
        assertEquals(seed, Nd4j.getRandom().getSeed());
    }

    @Test
    void refusesAnotherTrainerContext() {
        ParallelWrapper pw = wrapper(TestNets.net(), 2, 1, 0);
        pw.setTrainerContext(new SymmetricTrainerContext());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeededParallelWrapper.install(pw, REGISTRY));
        assertTrue(e.getMessage().contains("SymmetricTrainerContext"), e.getMessage());
    }
}
