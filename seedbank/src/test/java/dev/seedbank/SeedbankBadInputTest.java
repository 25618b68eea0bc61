package dev.seedbank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** Misuse gets one line naming the problem and the fix; nothing already written is lost. */
class SeedbankBadInputTest {
    @TempDir
    Path dir;

    private static void oneLine(Exception e, String... parts) {
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' does not name " + p);
        }
    }

    @Test
    void secondStartWhileOpenIsRefused() {
        try (Seedbank first = Seedbank.builder().seed(1).start(dir.resolve("a"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Seedbank.builder().seed(2).start(dir.resolve("b")));
            oneLine(e, "already started", dir.resolve("a").toString(), "close()");
            assertTrue(Files.notExists(dir.resolve("b")), "the refused start wrote " + dir.resolve("b"));
        }
        Seedbank.builder().seed(2).start(dir.resolve("b")).close(); // after close, a new run starts
    }

    @Test
    void useAfterCloseIsRefused() {
        Seedbank sb = Seedbank.builder().seed(1).start(dir.resolve("a"));
        sb.close();
        oneLine(assertThrows(IllegalStateException.class, () -> sb.network(Nets.mlp())), "closed",
                dir.resolve("a").toString(), "Seedbank.start");
        oneLine(assertThrows(IllegalStateException.class, () -> sb.shuffle(Nets.data(4))), "closed");
    }

    @Test
    void directoryHoldingARunIsRefusedAndKept() throws Exception {
        Path run = dir.resolve("a");
        try (Seedbank sb = Seedbank.builder().seed(1).start(run)) {
            sb.network(Nets.mlp());
        }
        byte[] before = Files.readAllBytes(run.resolve("manifest.json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Seedbank.builder().seed(1).start(run));
        oneLine(e, "already holds a run", "new directory");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(run.resolve("manifest.json"))));
    }

    @Test
    void unwritableDirectoryIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Seedbank.builder().seed(1).start(file.resolve("run")));
        oneLine(e, "cannot write to output directory");
    }

    @Test
    void iteratorThatCannotBeResetIsRefusedAtTheSecondEpoch() {
        try (Seedbank sb = Seedbank.builder().seed(1).start(dir.resolve("a"))) {
            MultiLayerNetwork net = sb.network(Nets.mlp());
            DataSetIterator once = new ListDataSetIterator<DataSet>(Nets.data(16).asList(), 4) {
                @Override
                public boolean resetSupported() {
                    return false;
                }
            };
            DataSetIterator shuffled = sb.shuffled(once);
            net.fit(shuffled);
            shuffled.reset();
            IllegalStateException e = assertThrows(IllegalStateException.class, shuffled::hasNext);
            oneLine(e, "cannot be reset", "epoch 1");
        }
    }

    @Test
    void badSettingsNameTheValue() {
        oneLine(assertThrows(IllegalArgumentException.class, () -> Seedbank.builder().fingerprintEvery(-1)), "-1");
        oneLine(assertThrows(IllegalArgumentException.class, () -> Seedbank.builder().shuffleBuffer(0)), "0");
        oneLine(assertThrows(IllegalArgumentException.class, () -> Seedbank.start(null)), "run directory");
    }
}
