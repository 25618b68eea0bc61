package dev.seedbank.nd4j.control;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deterministic mode for ND4J's backends: ND4J's platform helpers off.
 *
 * <p>What it switches: ND4J's platform helpers ({@code Nd4j.getEnvironment().allowHelpers(false)}, the
 * programmatic form of {@code SD_FORBID_HELPERS}): cuDNN on the CUDA backend, oneDNN on the CPU backend. Their
 * convolution, pooling, batch-norm and LSTM kernels may pick algorithms whose floating-point reduction order
 * varies between runs (cuDNN's atomics-based backward passes) or between machines; ND4J's own kernels run
 * instead, which is slower for CNNs and RNNs (by how much was not measured here: measure your model) and
 * does not change dense layers or the random streams. Closing restores the previous setting. The environment
 * record (run-record) notes the helper state as {@code nd4j.helpersAllowed}.
 *
 * <p>Process-wide: ND4J's environment is global. Thread-safe as far as ND4J's environment is.
 */
public final class DeterministicMode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeterministicMode.class);

    private final boolean helpersBefore;

    private DeterministicMode(boolean helpersBefore) {
        this.helpersBefore = helpersBefore;
    }

    /** Turns ND4J's platform helpers off and logs what that costs; close to restore. */
    public static DeterministicMode enable() {
        Environment env = Nd4j.getEnvironment();
        boolean before = env.helpersAllowed();
        env.allowHelpers(false);
        LOG.info("deterministic mode: ND4J platform helpers (cuDNN on CUDA, oneDNN on CPU) off, were {}; cost: "
                + "convolution, pooling, batch-norm and LSTM run on ND4J's own kernels, slower (measure your model); "
                + "dense layers and Seedbank streams are unaffected", before ? "on" : "off");
        return new DeterministicMode(before);
    }

    @Override
    public void close() {
        Nd4j.getEnvironment().allowHelpers(helpersBefore);
    }
}
