package dev.seedbank.demo;

import dev.seedbank.record.BadInputException;
import java.nio.file.Path;

/**
 * What {@code seedbank train} was asked to do, checked on its own (each value in range, option combinations that
 * make sense without reading anything); {@link TrainingPlan} checks them against a resumed run. Immutable value.
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
 * @param spark the Spark master ({@code local}, {@code local[N]}, {@code local[*]}, {@code spark://HOST:PORT}) to
 *              train on with {@code SeededTrainingMaster}, or null: the resumed run's, else on this JVM without Spark
 * @param partitions the Spark partition count, or null: the resumed run's, else {@value #DEFAULT_PARTITIONS}
 * @throws BadInputException naming the first bad value
 */
public record TrainOptions(Long seed, int epochs, int threads, Path out, String model, Path resume, Integer hashEvery,
        int examples, String progress, String spark, Integer partitions) {
    public static final int DEFAULT_PARTITIONS = 4;
    public static final int DEFAULT_HASH_EVERY = 4;
    public static final int DEFAULT_EXAMPLES = 1024;
    public static final int BATCH = 32;

    public TrainOptions {
        atLeastOne("--epochs", epochs);
        atLeastOne("--threads", threads);
        if (hashEvery != null) {
            atLeastOne("--hash-every", hashEvery);
        }
        if (model != null && !Models.NAMES.contains(model)) {
            throw new BadInputException("unknown model '" + model + "' (expected one of: " + String.join(", ", Models.NAMES)
                    + ")");
        }
        if (spark != null) {
            SparkMasters.check(spark);
        }
        if (partitions != null) {
            atLeastOne("--partitions", partitions);
            if (spark == null && resume == null) {
                throw new BadInputException("--partitions needs --spark (a Spark master, e.g. --spark local[2])");
            }
        }
    }

    private static void atLeastOne(String option, int value) {
        if (value < 1) {
            throw new BadInputException(option + " must be at least 1, got " + value);
        }
    }
}
