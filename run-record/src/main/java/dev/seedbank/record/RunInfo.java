package dev.seedbank.record;

/**
 * What was run.
 *
 * @param rootSeed the root seed, 0x-hex
 * @param seedSource where the seed came from ({@code --seed}, an environment variable, generated, a resumed run)
 * @param derivationVersion the key derivation version of the registry
 * @param model {@code mlp} or {@code cnn}
 * @param epochs epochs asked for
 * @param completedEpochs epochs completed so far
 * @param augmentThreads threads used for data augmentation (results do not depend on it)
 * @param examples training examples
 * @param batchSize minibatch size
 * @param hashEvery parameter fingerprints are recorded every this many iterations
 * @param resumedFrom the checkpoint this run continued from, or null
 * @param spark how the run trained on Spark, or null: on one JVM (and in manifests written before Spark runs)
 */
public record RunInfo(String rootSeed, String seedSource, String derivationVersion, String model, int epochs,
        int completedEpochs, int augmentThreads, int examples, int batchSize, int hashEvery, String resumedFrom,
        SparkRun spark) {
}
