package dev.seedbank.spark;

import dev.seedbank.nd4j.training.DeterministicShuffle;
import dev.seedbank.rng.registry.SeedRegistry;
import java.io.Serializable;

/**
 * Where each example of one epoch trains. Example {@code i} (its index in the input RDD) goes to position
 * {@code pos(i)} of a permutation drawn from stream {@code spark/data/epoch=E}; positions are cut into
 * averaging rounds of {@code partitions * perWorker} examples, and within a round position {@code s} goes to
 * partition {@code s mod partitions}. A partition trains its examples in position order. All of it is a
 * pure function of (root seed, epoch, example count, partition count, examples per worker and round), so it
 * is the same on every executor and every run.
 *
 * <p>Holds one int per example (broadcast to the executors). Immutable; thread-safe.
 */
public final class EpochPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int partitions;
    private final int perWorker;
    private final int[] positionOf;

    private EpochPlan(int partitions, int perWorker, int[] positionOf) {
        this.partitions = partitions;
        this.perWorker = perWorker;
        this.positionOf = positionOf;
    }

    /** The plan of epoch {@code epoch} for {@code examples} examples. */
    public static EpochPlan of(SeedRegistry registry, long epoch, int examples, int partitions, int perWorker) {
        int[] order = DeterministicShuffle.permutation(examples, registry.stream(SparkStreams.dataOrder(epoch)));
        int[] positionOf = new int[examples];
        for (int k = 0; k < examples; k++) {
            positionOf[order[k]] = k;
        }
        return new EpochPlan(partitions, perWorker, positionOf);
    }

    /** Number of examples. */
    public int examples() {
        return positionOf.length;
    }

    /** Number of averaging rounds. */
    public int rounds() {
        long perRound = (long) partitions * perWorker;
        return (int) ((positionOf.length + perRound - 1) / perRound);
    }

    /** The position of example {@code index}. */
    public int position(long index) {
        return positionOf[Math.toIntExact(index)];
    }

    /** The averaging round of a position. */
    public int round(int position) {
        return (int) (position / ((long) partitions * perWorker));
    }

    /** The number of elements partition {@code partition} trains in round {@code round}. */
    public int elements(int round, int partition) {
        long perRound = (long) partitions * perWorker;
        long inRound = Math.min(perRound, positionOf.length - round * perRound);
        return (int) Math.max(0, (inRound - partition + partitions - 1) / partitions);
    }

    /** The partition of a position. */
    public int partition(int position) {
        return (int) ((position % ((long) partitions * perWorker)) % partitions);
    }
}
