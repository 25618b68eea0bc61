package dev.seedbank.demo;

import java.nio.file.Path;

/**
 * What {@code seedbank train} was asked to do. Plain values only (the command line builds this without
 * loading ND4J).
 *
 * @param seed the root seed, or null: from the resumed run, else {@code seedbank.seed} / {@code SEEDBANK_SEED} /
 *             generated
 * @param epochs total epochs (a resumed run counts the epochs before the checkpoint)
 * @param threads augmentation threads
 * @param out the run directory to write
 * @param model {@code mlp} or {@code cnn}, or null: the resumed run's, else {@code mlp}
 * @param resume a run directory to continue from, or null
 * @param hashEvery fingerprint parameters every this many iterations, or null: the resumed run's, else 4
 * @param examples training examples
 * @param progress {@code auto}, {@code bar}, {@code plain}, {@code machine} or {@code none}
 * @param perturb test hook: {@code layer/param@iteration} gets one ulp added after that iteration, or null
 * @param layerSeed test hook: {@code layer=seed} initialises one layer from another root seed, or null
 * @param spark the Spark master ({@code local}, {@code local[N]}, {@code local[*]}) to train on with
 *              {@code SeededTrainingMaster}, or null: the resumed run's, else on this JVM without Spark
 * @param partitions the Spark partition count, or null: the resumed run's, else {@value #DEFAULT_PARTITIONS}
 */
public record TrainOptions(Long seed, int epochs, int threads, Path out, String model, Path resume, Integer hashEvery,
        int examples, String progress, String perturb, String layerSeed, String spark, Integer partitions) {
    public static final int DEFAULT_PARTITIONS = 4;
    public static final int DEFAULT_HASH_EVERY = 4;
    public static final int DEFAULT_EXAMPLES = 1024;
    public static final int BATCH = 32;
}
