package dev.seedbank.record;

import dev.seedbank.nd4j.training.ConfigFingerprint;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * A network configuration as a manifest records it: the normalised tree of {@link ConfigFingerprint} and its
 * SHA-256. DL4J writes configurations with ND4J's shaded Jackson; the manifest holds the same tree in plain
 * Jackson (the one {@link ManifestJson} binds with). Immutable value.
 *
 * @param tree the normalised configuration (DL4J JSON, keys sorted)
 * @param sha256 {@link ConfigFingerprint#sha256} of it
 */
public record NetworkConfig(JsonNode tree, String sha256) {
    /** The configuration of a MultiLayerNetwork or ComputationGraph. */
    public static NetworkConfig of(Model model) {
        return of(ConfigFingerprint.normalized(model));
    }

    /** A MultiLayerNetwork configuration. */
    public static NetworkConfig of(MultiLayerConfiguration conf) {
        return of(ConfigFingerprint.normalized(conf));
    }

    private static NetworkConfig of(org.nd4j.shade.jackson.databind.JsonNode normalized) {
        return new NetworkConfig(ManifestJson.tree(normalized.toString()), ConfigFingerprint.sha256(normalized));
    }
}
