package dev.seedbank.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * The record of one training run ({@code manifest.json}); see {@code docs/manifest.md} for the JSON schema
 * ({@value #SCHEMA}, version {@value #VERSION}). Immutable value.
 *
 * @param status {@code running} while training (rewritten after every epoch), {@code complete}, or
 *               {@code incomplete} (training ended with an uncaught exception)
 * @param createdBy the Seedbank version that wrote it
 * @param run what was run
 * @param configSha256 SHA-256 of the normalised network configuration
 * @param configuration the normalised network configuration (DL4J JSON, keys sorted)
 * @param environment the environment fingerprint, name to value
 * @param streams stream use, in the order streams were first used
 * @param init parameter fingerprints after initialisation
 * @param snapshots parameter fingerprints during training, in training order
 * @param finalParams fingerprints at the end ({@code complete} runs), else null
 * @param paramsSha256 fingerprint of the whole flattened parameter vector at the end, else null
 */
public record RunManifest(String status, String createdBy, RunInfo run, String configSha256, JsonNode configuration,
        Map<String, String> environment, List<StreamUse> streams, Map<String, String> init, List<Snapshot> snapshots,
        Snapshot finalParams, String paramsSha256) {
    /** The schema id written into every manifest. */
    public static final String SCHEMA = "seedbank-run-manifest";
    /** The schema version this build writes and reads. */
    public static final int VERSION = 1;
    public static final String RUNNING = "running";
    public static final String COMPLETE = "complete";
    /** Training ended with an uncaught exception: the manifest holds what was recorded until then. */
    public static final String INCOMPLETE = "incomplete";
    /** Every status a manifest may have. */
    public static final List<String> STATUSES = List.of(RUNNING, COMPLETE, INCOMPLETE);
    /** The manifest's file name in a run directory. */
    public static final String FILE = "manifest.json";

    public RunManifest {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        streams = List.copyOf(streams);
        init = Collections.unmodifiableMap(new LinkedHashMap<>(init));
        snapshots = List.copyOf(snapshots);
    }
}
