package dev.seedbank.cuda;

import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cudart;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deterministic mode for ND4J's backends, and the CUDA part of the environment fingerprint.
 *
 * <p>What it switches: ND4J's platform helpers ({@code Nd4j.getEnvironment().allowHelpers(false)}, the
 * programmatic form of {@code SD_FORBID_HELPERS}): cuDNN on the CUDA backend, oneDNN on the CPU backend. Their
 * convolution, pooling, batch-norm and LSTM kernels may pick algorithms whose floating-point reduction order
 * varies between runs (cuDNN's atomics-based backward passes) or between machines; ND4J's own kernels run
 * instead, which is slower for CNNs and RNNs (by how much was not measured here: measure your model) and
 * does not change dense layers or the random streams. Closing restores the previous setting.
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

    /**
     * The CUDA part of the environment fingerprint, keys sorted: helper state, cuRAND version, driver and
     * runtime versions, and each device's name and compute capability; {@code cuda.devices} says why there
     * are none when there are none.
     */
    public static Map<String, String> fingerprint() {
        Map<String, String> f = new TreeMap<>();
        f.put("nd4j.helpersAllowed", String.valueOf(Nd4j.getEnvironment().helpersAllowed()));
        if (!CurandLibrary.available()) {
            f.put("cuda", "libraries not available");
            return f;
        }
        f.put("curand.version", String.valueOf(CurandLibrary.version()));
        int[] driver = new int[1];
        int[] runtime = new int[1];
        f.put("cuda.driver", cudart.cudaDriverGetVersion(driver) == cudart.cudaSuccess && driver[0] != 0
                ? CurandLibrary.cudaVersion(driver[0]) : "none");
        f.put("cuda.runtime", cudart.cudaRuntimeGetVersion(runtime) == cudart.cudaSuccess && runtime[0] != 0
                ? CurandLibrary.cudaVersion(runtime[0]) : "none");
        GpuProbe probe = CurandLibrary.probeGpus();
        if (probe.count() == 0) {
            f.put("cuda.devices", "0 (" + probe.reason() + ")");
            return f;
        }
        f.put("cuda.devices", String.valueOf(probe.count()));
        for (int d = 0; d < probe.count(); d++) {
            try (cudaDeviceProp p = new cudaDeviceProp()) {
                if (cudart.cudaGetDeviceProperties(p, d) == cudart.cudaSuccess) {
                    f.put("cuda.device." + d, p.name().getString() + ", compute capability " + p.major() + "." + p.minor());
                }
            }
        }
        return f;
    }
}
