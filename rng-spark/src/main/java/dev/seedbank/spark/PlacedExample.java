package dev.seedbank.spark;

import java.io.Serializable;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One input element with its position in the epoch's order ({@link EpochPlan}); partitions train their
 * elements of a round in position order.
 *
 * @param position the element's position in the epoch's order
 * @param data the element
 */
record PlacedExample(int position, DataSet data) implements Serializable {
}
