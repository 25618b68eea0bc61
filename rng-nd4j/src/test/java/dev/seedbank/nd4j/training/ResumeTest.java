package dev.seedbank.nd4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.registry.SeedRegistry;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ResumeTest {
    private static final long SEED = 31337;
    private static final SeedRegistry REGISTRY = SeedRegistry.of(SEED);
    private static final int TOTAL = 3;
    private static final int FIRST = 1;

    @TempDir
    static Path tmp;
    private static Path checkpoint;
    private static float[] uninterrupted;

    /** Training as both halves of the test do it: seeded listener, epoch-keyed shuffle, async prefetch. */
    static void train(MultiLayerNetwork net, SeedRegistry registry, int epochs) {
        net.setListeners(new SeededTrainingListener(registry));
        net.fit(EpochShuffledIterator.forModel(TestNets.data(), TestNets.BATCH, registry, net), epochs);
    }

    @BeforeAll
    static void trainAndCheckpoint() throws Exception {
        MultiLayerNetwork full = TestNets.net();
        train(full, REGISTRY, TOTAL);
        uninterrupted = TestNets.params(full);

        MultiLayerNetwork part = TestNets.net();
        train(part, REGISTRY, FIRST);
        checkpoint = tmp.resolve("checkpoint");
        TrainingState state = TrainingCheckpoint.save(checkpoint, part, REGISTRY);
        assertEquals(FIRST, state.epoch());
        assertEquals((long) FIRST * (TestNets.EXAMPLES / TestNets.BATCH), state.iteration());
        assertFalse(Arrays.equals(uninterrupted, TestNets.params(part)));
    }

    @Test
    void resumingInANewJvmIsBitExact() throws Exception {
        Path out = tmp.resolve("child-params.bin");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ResumeChild.class.getName(), checkpoint.toString(), Long.toString(SEED), Integer.toString(TOTAL - FIRST),
                out.toString());
        pb.redirectErrorStream(true);
        File log = tmp.resolve("child.log").toFile();
        pb.redirectOutput(log);
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child JVM did not finish");
        assertEquals(0, p.exitValue(), () -> "child JVM failed:\n" + read(log.toPath()));
        assertArrayEquals(uninterrupted, ResumeChild.readParams(out));
    }

    @Test
    void resumingInThisJvmAfterUnrelatedDrawsIsBitExact() throws Exception {
        Nd4j.rand(DataType.FLOAT, 1234);
        MultiLayerNetwork net = TrainingCheckpoint.restoreMultiLayerNetwork(checkpoint, REGISTRY, TestNets.conf());
        train(net, REGISTRY, TOTAL - FIRST);
        assertArrayEquals(uninterrupted, TestNets.params(net));
    }

    @Test
    void anotherRootSeedIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingCheckpoint.restoreMultiLayerNetwork(checkpoint, SeedRegistry.of(SEED + 1), TestNets.conf()));
        assertTrue(e.getMessage().contains("root seed"), e.getMessage());
        assertTrue(e.getMessage().contains("0x0000000000007a69"), e.getMessage());
    }

    @Test
    void anotherDerivationVersionIsRefused() throws Exception {
        Path copy = copyCheckpoint("other-version");
        Path state = copy.resolve(TrainingCheckpoint.STATE_FILE);
        Files.writeString(state, Files.readString(state).replace("derivationVersion=seedbank-derive-v1",
                "derivationVersion=seedbank-derive-v0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingCheckpoint.restoreMultiLayerNetwork(copy, REGISTRY, TestNets.conf()));
        assertTrue(e.getMessage().contains("derivation version seedbank-derive-v0"), e.getMessage());
    }

    @Test
    void anotherConfigurationIsRefusedNamingTheDifference() {
        IllegalArgumentException wider = assertThrows(IllegalArgumentException.class,
                () -> TrainingCheckpoint.restoreMultiLayerNetwork(checkpoint, REGISTRY, TestNets.conf(0.5, 32)));
        assertTrue(wider.getMessage().contains("nout"), wider.getMessage());
        assertTrue(wider.getMessage().contains("checkpoint has 16, this run has 32"), wider.getMessage());
        IllegalArgumentException dropout = assertThrows(IllegalArgumentException.class,
                () -> TrainingCheckpoint.restoreMultiLayerNetwork(checkpoint, REGISTRY, TestNets.conf(0.8, 16)));
        assertTrue(dropout.getMessage().contains("confs[0].layer.idropout"), dropout.getMessage());
    }

    @Test
    void aStateFileFromAnotherModelIsRefused() throws Exception {
        Path copy = copyCheckpoint("mismatched");
        MultiLayerNetwork other = new MultiLayerNetwork(TestNets.conf(0.5, 8));
        other.init();
        TrainingCheckpoint.save(tmp.resolve("other"), other, REGISTRY);
        Files.copy(tmp.resolve("other").resolve(TrainingCheckpoint.STATE_FILE), copy.resolve(TrainingCheckpoint.STATE_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingCheckpoint.restoreMultiLayerNetwork(copy, REGISTRY, null));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    private static Path copyCheckpoint(String name) throws Exception {
        Path copy = tmp.resolve(name);
        Files.createDirectories(copy);
        for (String f : List.of(TrainingCheckpoint.MODEL_FILE, TrainingCheckpoint.STATE_FILE)) {
            Files.copy(checkpoint.resolve(f), copy.resolve(f));
        }
        return copy;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
