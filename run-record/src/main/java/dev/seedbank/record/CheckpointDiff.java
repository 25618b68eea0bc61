package dev.seedbank.record;

import dev.seedbank.nd4j.training.TrainingCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
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

    /** The network in a checkpoint, a MultiLayerNetwork or a ComputationGraph (whichever the file holds). */
    /**
     * Compares two runs (manifests or run directories), with their latest checkpoints' per-parameter distances
     * where both run directories hold a checkpoint after the same epoch.
     *
     * @throws BadInputException when a manifest is missing or invalid
     */
    public static RunComparison.Result compareRuns(Path a, Path b) {
        return compareRuns(a, b, ManifestJson.read(a), ManifestJson.read(b));
    }

    /** {@link #compareRuns(Path, Path)} for manifests already read from {@code a} and {@code b}. */
    public static RunComparison.Result compareRuns(Path a, Path b, RunManifest ma, RunManifest mb) {
        Outcome cp = compare(runDir(a), runDir(b));
        List<ParamDiff> diffs = cp == null ? List.of() : cp.params();
        return RunComparison.compare(ma, mb, diffs, cp == null ? null : cp.label());
    }

    private static Path runDir(Path p) {
        Path abs = p.toAbsolutePath();
        return Files.isDirectory(abs) ? abs : abs.getParent();
    }

    private static Model load(Path checkpoint) {
        Path file = checkpoint.resolve(TrainingCheckpoint.MODEL_FILE);
        try {
            try {
                return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
            } catch (RuntimeException notAMultiLayerNetwork) {
                return ModelSerializer.restoreComputationGraph(file.toFile(), false);
            }
        } catch (Exception e) {
            throw new BadInputException("cannot read checkpoint " + file + ": " + RunDirectory.describe(e));
        }
    }
}
