package dev.seedbank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.record.CheckpointDiff;
import dev.seedbank.record.ManifestJson;
import dev.seedbank.record.RunComparison;
import dev.seedbank.record.RunManifest;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** Resume through ModelSerializer, the run record, and listeners that survive setListeners. */
class SeedbankTrainingTest {
    @TempDir
    Path dir;

    private static DataSetIterator data() {
        return new ListDataSetIterator<>(Nets.data(48).asList(), 8);
    }

    @Test
    void modelSerializerResumeEndsWhereAnUninterruptedRunEnds() throws Exception {
        float[] whole;
        try (Seedbank sb = Seedbank.builder().seed(9).start(dir.resolve("whole"))) {
            MultiLayerNetwork net = sb.network(Nets.mlp());
            net.fit(sb.shuffled(data()), 4);
            whole = net.params().dup().toFloatVector();
        }
        File saved = dir.resolve("half.zip").toFile();
        try (Seedbank sb = Seedbank.builder().seed(9).start(dir.resolve("first"))) {
            MultiLayerNetwork net = sb.network(Nets.mlp());
            net.fit(sb.shuffled(data()), 2);
            ModelSerializer.writeModel(net, saved, true);
        }
        try (Seedbank sb = Seedbank.builder().seed(9).start(dir.resolve("second"))) {
            MultiLayerNetwork net = sb.network(ModelSerializer.restoreMultiLayerNetwork(saved, true));
            net.fit(sb.shuffled(data()), 2);
            assertArrayEquals(whole, net.params().dup().toFloatVector());
        }
        RunManifest second = ManifestJson.read(dir.resolve("second"));
        assertTrue(second.run().resumedFrom().contains("epoch 2"), second.run().resumedFrom());
    }

    @Test
    void runRecordComparesIdenticalAndNamesTheFirstDivergence() {
        for (String run : List.of("a", "b")) {
            try (Seedbank sb = Seedbank.builder().seed(3).fingerprintEvery(2).start(dir.resolve(run))) {
                sb.network(Nets.mlp()).fit(sb.shuffled(data()), 2);
            }
        }
        try (Seedbank sb = Seedbank.builder().seed(4).fingerprintEvery(2).start(dir.resolve("c"))) {
            sb.network(Nets.mlp()).fit(sb.shuffled(data()), 2);
        }
        RunManifest a = ManifestJson.read(dir.resolve("a"));
        assertEquals(RunManifest.COMPLETE, a.status());
        assertEquals(2 * 6 / 2 + 2, a.snapshots().size(), "every 2 of 12 iterations plus 2 epoch ends");
        assertTrue(CheckpointDiff.compareRuns(dir.resolve("a"), dir.resolve("b")).identical());
        RunComparison.Result r = CheckpointDiff.compareRuns(dir.resolve("a"), dir.resolve("c"));
        assertTrue(!r.identical() && r.firstDivergence().label().contains("init"), String.valueOf(r.firstDivergence()));
        assertTrue(r.differences().stream().anyMatch(d -> d.key().equals("run.rootSeed")));
    }

    @Test
    void closeRestoresTheUncaughtExceptionHandlerAndLetsGoOfTheRun() {
        Thread.UncaughtExceptionHandler before = (t, e) -> { };
        Thread.setDefaultUncaughtExceptionHandler(before);
        try {
            try (Seedbank sb = Seedbank.builder().seed(3).start(dir.resolve("a"))) {
                assertNotSame(before, Thread.getDefaultUncaughtExceptionHandler(), "the session records failures");
            }
            // a closed session must not stay reachable (with the networks it recorded) from a static handler
            assertSame(before, Thread.getDefaultUncaughtExceptionHandler());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(null);
        }
    }

    @Test
    void setListenersKeepsSeedbankListenersLast() {
        try (Seedbank sb = Seedbank.builder().seed(3).start(dir.resolve("a"))) {
            MultiLayerNetwork net = sb.network(Nets.mlp());
            int ours = net.getListeners().size();
            TrainingListener score = new ScoreIterationListener(10);
            net.setListeners(score);
            List<TrainingListener> now = List.copyOf(net.getListeners());
            assertEquals(ours + 1, now.size());
            assertEquals(score, now.get(0));
            net.addListeners(new ScoreIterationListener(5));
            assertEquals(ours + 2, net.getListeners().size());
            assertTrue(List.copyOf(net.getListeners()).get(ours + 1).getClass().getName().contains("Seeded"));
        }
    }
}
