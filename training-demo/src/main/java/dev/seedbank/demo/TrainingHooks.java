package dev.seedbank.demo;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;

/**
 * Changes a test plants in a training run, such as one parameter one ulp off after an iteration or one layer
 * initialised from another seed, to check that {@code seedbank compare} finds them. The command line uses
 * {@link #NONE}; implementations live in test code. Called on the training thread only.
 */
public interface TrainingHooks {
    /** No changes. */
    TrainingHooks NONE = new TrainingHooks() {
    };

    /** Changes the seeded configuration of {@code model} before it is fingerprinted and the network built. */
    default void configure(MultiLayerConfiguration conf, String model) {
    }

    /**
     * Listeners that run after each iteration before its fingerprints are taken. Training on Spark refuses them
     * (the workers' iterations are not seen by the driver).
     */
    default List<TrainingListener> listeners() {
        return List.of();
    }
}
