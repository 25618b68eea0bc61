package dev.seedbank.spark;

import java.io.Serializable;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One input element with its place in the epoch ({@link EpochPlan}): its position and averaging round.
 *
 * @param position the example's position in the epoch's order
 * @param round the averaging round it trains in
 * @param data the element
 */
record PlacedExample(int position, int round, DataSet data) implements Serializable {
}
