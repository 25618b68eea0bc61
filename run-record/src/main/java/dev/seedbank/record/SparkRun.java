package dev.seedbank.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a run trained on Spark ({@code run.spark} in the manifest; null for a run on one JVM).
 *
 * @param sparkVersion the Spark release the driver ran, e.g. {@code 3.5.9}
 * @param master the Spark master, e.g. {@code local[2]} (results do not depend on the executor threads)
 * @param partitions the partition count of {@code SeededTrainingMaster} (it decides the result)
 * @param settings the training master's settings in its order ({@code SeededTrainingMaster.settings()}):
 *                 plain values only (strings, numbers, booleans)
 */
public record SparkRun(String sparkVersion, String master, int partitions, Map<String, Object> settings) {
    public SparkRun {
        Map<String, Object> copy = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw new IllegalArgumentException("Spark setting '" + k + "' is not a plain value: " + v);
            }
            copy.put(k, v);
        });
        settings = Collections.unmodifiableMap(copy);
    }
}
