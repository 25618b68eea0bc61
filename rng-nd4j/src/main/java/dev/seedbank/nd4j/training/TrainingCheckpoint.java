package dev.seedbank.nd4j.training;

import dev.seedbank.rng.registry.SeedRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Bit-exact resume: a checkpoint directory holds {@value #MODEL_FILE} (ModelSerializer, with updater state)
 * and {@value #STATE_FILE} ({@link TrainingState}). Training that uses a {@link SeededTrainingListener} and
 * an {@link EpochShuffledIterator} keyed by the model's counters continues, after {@code restore}, with the
 * same streams as an uninterrupted run: its parameters are bitwise those of the uninterrupted run, in this
 * JVM or another one (same backend and thread settings).
 *
 * <p>Restore refuses, with an {@link IllegalArgumentException} naming what differs: another root seed,
 * another derivation version, a network configuration that differs from the one the caller expects (the
 * JSON paths that differ are listed; training counters are ignored), and a state file that does not belong
 * to the model file. Stateless; thread-safe.
 */
public final class TrainingCheckpoint {
    public static final String MODEL_FILE = "model.zip";
    public static final String STATE_FILE = "seedbank-state.properties";
    private static final int MAX_DIFFERENCES = 5;

    private TrainingCheckpoint() {
    }

    /** Writes {@code model} and its Seedbank state into {@code dir} (created if needed), each file atomically. */
    public static TrainingState save(Path dir, Model model, SeedRegistry registry) throws IOException {
        Files.createDirectories(dir);
        TrainingState state = TrainingState.of(registry, BaseOptimizer.getEpochCount(model),
                BaseOptimizer.getIterationCount(model), ConfigFingerprint.sha256(ConfigFingerprint.normalized(model)));
        AtomicFiles.write(dir.resolve(MODEL_FILE), tmp -> ModelSerializer.writeModel(model, tmp.toFile(), true));
        AtomicFiles.write(dir.resolve(STATE_FILE), state::write);
        return state;
    }

    /**
     * Restores a MultiLayerNetwork (with its updater state) after checking it against this run.
     *
     * @param expected the configuration this run builds; null skips the comparison
     * @throws IllegalArgumentException naming what differs (see the class comment)
     */
    public static MultiLayerNetwork restoreMultiLayerNetwork(Path dir, SeedRegistry registry, MultiLayerConfiguration expected)
            throws IOException {
        TrainingState state = readChecked(dir, registry);
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(dir.resolve(MODEL_FILE).toFile(), true);
        check(dir, state, net, expected == null ? null : ConfigFingerprint.normalized(expected));
        return net;
    }

    /** {@link #restoreMultiLayerNetwork} for a ComputationGraph. */
    public static ComputationGraph restoreComputationGraph(Path dir, SeedRegistry registry, ComputationGraphConfiguration expected)
            throws IOException {
        TrainingState state = readChecked(dir, registry);
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(dir.resolve(MODEL_FILE).toFile(), true);
        check(dir, state, graph, expected == null ? null : ConfigFingerprint.normalized(expected));
        return graph;
    }

    private static TrainingState readChecked(Path dir, SeedRegistry registry) throws IOException {
        Path stateFile = dir.resolve(STATE_FILE);
        if (!Files.isRegularFile(stateFile)) {
            throw new IllegalArgumentException("cannot resume from " + dir + ": no " + STATE_FILE
                    + " (not a Seedbank checkpoint)");
        }
        TrainingState state = TrainingState.read(stateFile);
        state.checkRegistry(registry);
        return state;
    }

    private static void check(Path dir, TrainingState state, Model model, JsonNode expected) {
        JsonNode found = ConfigFingerprint.normalized(model);
        String sha = ConfigFingerprint.sha256(found);
        if (!sha.equals(state.configSha256())) {
            throw new IllegalArgumentException("cannot resume from " + dir + ": " + MODEL_FILE
                    + " does not match " + STATE_FILE + " (configuration fingerprint " + sha + ", state file says "
                    + state.configSha256() + ")");
        }
        long epoch = BaseOptimizer.getEpochCount(model);
        long iteration = BaseOptimizer.getIterationCount(model);
        if (epoch != state.epoch() || iteration != state.iteration()) {
            throw new IllegalArgumentException("cannot resume from " + dir + ": " + MODEL_FILE + " is at epoch " + epoch
                    + ", iteration " + iteration + " but " + STATE_FILE + " says epoch " + state.epoch() + ", iteration "
                    + state.iteration());
        }
        if (expected != null && !expected.equals(found)) {
            List<String> diffs = ConfigFingerprint.differences(found, expected, MAX_DIFFERENCES);
            throw new IllegalArgumentException("cannot resume from " + dir
                    + ": the network configuration differs from the checkpoint's: " + String.join("; ", diffs));
        }
    }
}
