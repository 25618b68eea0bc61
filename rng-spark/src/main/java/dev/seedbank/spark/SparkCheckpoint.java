package dev.seedbank.spark;

import dev.seedbank.nd4j.training.AtomicFiles;
import dev.seedbank.nd4j.training.TrainingCheckpoint;
import dev.seedbank.nd4j.training.TrainingState;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A {@link TrainingCheckpoint} of Spark training plus the {@link SeededTrainingMaster} settings it was
 * trained with ({@value #SETTINGS_FILE}). Restoring checks the root seed, derivation version and network
 * configuration ({@link TrainingCheckpoint}) and that the settings that decide the result, the partition count
 * first, equal this run's; anything that differs is named in one error. Resuming a saved model with the same
 * settings continues bit for bit as an uninterrupted run, since every stream is keyed by the epoch and
 * iteration counters saved with the model.
 *
 * <p>Stateless; thread-safe for distinct directories.
 */
public final class SparkCheckpoint {
    /** The settings file written next to the model and the Seedbank state. */
    public static final String SETTINGS_FILE = "seedbank-spark.properties";

    private SparkCheckpoint() {
    }

    /** Writes {@code model}, its Seedbank state and {@code master}'s settings into {@code dir}, each file atomically. */
    public static TrainingState save(Path dir, Model model, SeededTrainingMaster master) throws IOException {
        TrainingState state = TrainingCheckpoint.save(dir, model, master.seeds().registry());
        Properties p = new Properties();
        master.settings().forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
        AtomicFiles.write(dir.resolve(SETTINGS_FILE), file -> {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(w, "Seedbank Spark training settings");
            }
        });
        return state;
    }

    /**
     * Restores a MultiLayerNetwork trained with {@code master}'s settings.
     *
     * @param expected the configuration this run builds; null skips the comparison
     * @throws IllegalArgumentException naming what differs
     */
    public static MultiLayerNetwork restoreMultiLayerNetwork(Path dir, SeededTrainingMaster master,
            MultiLayerConfiguration expected) throws IOException {
        checkSettings(dir, master);
        return TrainingCheckpoint.restoreMultiLayerNetwork(dir, master.seeds().registry(), expected);
    }

    /** {@link #restoreMultiLayerNetwork} for a ComputationGraph. */
    public static ComputationGraph restoreComputationGraph(Path dir, SeededTrainingMaster master,
            ComputationGraphConfiguration expected) throws IOException {
        checkSettings(dir, master);
        return TrainingCheckpoint.restoreComputationGraph(dir, master.seeds().registry(), expected);
    }

    private static void checkSettings(Path dir, SeededTrainingMaster master) throws IOException {
        Path file = dir.resolve(SETTINGS_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("cannot resume Spark training from " + dir + ": no " + SETTINGS_FILE
                    + " (not a Seedbank Spark checkpoint)");
        }
        Properties saved = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            saved.load(r);
        }
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Object> e : master.settings().entrySet()) {
            String was = saved.getProperty(e.getKey());
            String now = String.valueOf(e.getValue());
            if (!now.equals(was)) {
                differences.add(e.getKey() + " " + was + " in the checkpoint, " + now + " in this run");
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("cannot resume Spark training from " + dir + ": "
                    + String.join("; ", differences));
        }
    }
}
