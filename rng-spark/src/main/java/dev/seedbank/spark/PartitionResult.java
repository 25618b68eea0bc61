package dev.seedbank.spark;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one partition sends back after an averaging round.
 *
 * @param partition the partition index
 * @param params the parameters after the round
 * @param updaterState the updater state after the round, or null when the updater is not averaged
 * @param score the last minibatch's score
 * @param iterations minibatches fitted
 * @param elements input elements fitted
 */
record PartitionResult(int partition, INDArray params, INDArray updaterState, double score, int iterations,
        int elements) implements Serializable {
}
