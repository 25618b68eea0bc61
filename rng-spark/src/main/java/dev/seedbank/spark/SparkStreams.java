package dev.seedbank.spark;

import dev.seedbank.rng.registry.StreamPath;

/**
 * The stream paths of Spark training, keyed only by (role, epoch, partition index, round, iteration):
 * never by executor id, host, thread or task attempt, so that a task computes the same streams wherever and
 * whenever Spark runs it, and a retried task repeats its first attempt.
 * <ul>
 * <li>{@code spark/data/epoch=E}: the permutation that places the examples of epoch {@code E}.
 * <li>{@code spark/task/epoch=E/round=R/partition=P}: the executor thread's ND4J generator while partition
 *     {@code P} trains in averaging round {@code R} (outside the iterations).
 * <li>{@code spark/train/partition=P/epoch=E/iteration=I}: the ND4J generator during iteration {@code I}
 *     (DL4J's iteration counter) of partition {@code P}: dropout and noise masks
 *     ({@link dev.seedbank.nd4j.training.SeededTrainingListener} with base {@code spark/train/partition=P}).
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
public final class SparkStreams {
    /** The root of every Spark stream path. */
    public static final StreamPath SPARK = StreamPath.root().child("spark");

    private SparkStreams() {
    }

    /** {@code spark/data/epoch=E}. */
    public static StreamPath dataOrder(long epoch) {
        return SPARK.child("data").child("epoch", epoch);
    }

    /** {@code spark/task/epoch=E/round=R/partition=P}. */
    public static StreamPath task(long epoch, int round, int partition) {
        return SPARK.child("task").child("epoch", epoch).child("round", round).child("partition", partition);
    }

    /** {@code spark/train/partition=P}: the base of partition {@code P}'s per-iteration streams. */
    public static StreamPath trainBase(int partition) {
        return SPARK.child("train").child("partition", partition);
    }
}
