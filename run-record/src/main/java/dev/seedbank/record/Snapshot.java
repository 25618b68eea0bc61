package dev.seedbank.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.shade.jackson.annotation.JsonInclude;

/**
 * Parameter fingerprints at one point of training.
 *
 * @param kind {@link #ITERATION} (every K iterations) or {@link #EPOCH} (end of an epoch)
 * @param epoch DL4J's epoch counter (0-based) of the epoch the snapshot was taken in
 * @param iteration DL4J's iteration counter (0-based over the whole run) of the last iteration completed
 * @param score the model's score after that iteration (the minibatch loss)
 * @param dataSha256 for epoch snapshots: fingerprint of the epoch's augmented training data; otherwise null
 * @param params fingerprint per parameter ({@code layer/param} to {@link ParamHash} text), in network order
 */
public record Snapshot(String kind, long epoch, long iteration, double score,
        @JsonInclude(JsonInclude.Include.NON_NULL) String dataSha256,
        Map<String, String> params) {
    public static final String ITERATION = "iteration";
    public static final String EPOCH = "epoch";

    public Snapshot {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Where in training: {@code epoch E, iteration I} (and "end of epoch" for epoch snapshots). */
    public String position() {
        return "epoch " + epoch + ", iteration " + iteration + (EPOCH.equals(kind) ? " (end of epoch)" : "");
    }

    /** Orders snapshots by iteration, iteration snapshots before the epoch snapshot of the same iteration. */
    public int compareTo(Snapshot other) {
        int c = Long.compare(iteration, other.iteration);
        return c != 0 ? c : Boolean.compare(EPOCH.equals(kind), EPOCH.equals(other.kind));
    }

    /** Whether two snapshots were taken at the same point of training. */
    public boolean samePoint(Snapshot other) {
        return kind.equals(other.kind) && epoch == other.epoch && iteration == other.iteration;
    }
}
