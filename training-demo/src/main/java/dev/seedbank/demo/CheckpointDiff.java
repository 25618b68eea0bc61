package dev.seedbank.demo;

import dev.seedbank.manifest.BadInputException;
import dev.seedbank.manifest.ParamDiff;
import dev.seedbank.nd4j.training.TrainingCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/** Per-parameter distances between the latest checkpoints of two run directories. */
public final class CheckpointDiff {
    /**
     * The distances, and where the checkpoints were taken.
     *
     * @param label e.g. {@code after epoch 4}
     * @param params one entry per parameter
     */
    public record Outcome(String label, List<ParamDiff> params) {
    }

    private CheckpointDiff() {
    }

    /** Compares the latest checkpoints of {@code a} and {@code b} when both have one after the same epoch; else null. */
    public static Outcome compare(Path a, Path b) {
        Path ca = RunDirectory.latestCheckpoint(a);
        Path cb = RunDirectory.latestCheckpoint(b);
        if (ca == null || cb == null || RunDirectory.epochOf(ca) != RunDirectory.epochOf(cb)) {
            return null;
        }
        Map<String, float[]> pa = ParamFingerprints.values(load(ca));
        Map<String, float[]> pb = ParamFingerprints.values(load(cb));
        if (!pa.keySet().equals(pb.keySet())) {
            return null;
        }
        List<ParamDiff> out = new ArrayList<>();
        for (Map.Entry<String, float[]> e : pa.entrySet()) {
            float[] other = pb.get(e.getKey());
            if (other.length != e.getValue().length) {
                return null;
            }
            out.add(ParamDiff.of(e.getKey(), e.getValue(), other));
        }
        return new Outcome("after epoch " + RunDirectory.epochOf(ca), out);
    }

    private static MultiLayerNetwork load(Path checkpoint) {
        Path file = checkpoint.resolve(TrainingCheckpoint.MODEL_FILE);
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (Exception e) {
            throw new BadInputException("cannot read checkpoint " + file + ": " + RunDirectory.describe(e));
        }
    }
}
