package dev.seedbank.record;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The CUDA entries of the environment record. On the CPU backend: {@code cuda = (not used: <backend>)}. On the
 * CUDA backend: {@code cuda = used: <backend>}, plus rng-cuda's {@code cuda.*} entries (cuRAND, driver and runtime
 * versions, devices) when rng-cuda is on the classpath (an optional dependency: the {@code -Pcuda} build of the
 * command line has it), or {@code cuda.rngCuda} saying they were not recorded. Stateless; thread-safe.
 */
final class CudaEntries {
    private static final String RNG_CUDA_CLASS = "dev.seedbank.cuda.CurandLibrary";

    private CudaEntries() {
    }

    /**
     * @param backend ND4J's backend class, e.g. {@code CpuBackend} or {@code JCublasBackend}
     * @param cpu whether ND4J's environment says CPU; empty when it could not be read
     * @param rngCuda rng-cuda's CUDA fingerprint, empty when rng-cuda is not on the classpath
     */
    static Map<String, String> of(String backend, Optional<Boolean> cpu, Optional<Supplier<Map<String, String>>> rngCuda) {
        Map<String, String> m = new LinkedHashMap<>();
        if (cpu.isEmpty()) {
            m.put("cuda", "(unknown: ND4J's environment is unavailable, backend " + backend + ")");
            return m;
        }
        if (cpu.get()) {
            m.put("cuda", "(not used: " + backend + ")");
            return m;
        }
        m.put("cuda", "used: " + backend);
        if (rngCuda.isPresent()) {
            m.putAll(rngCuda.get().get());
        } else {
            m.put("cuda.rngCuda", "(not on the classpath: cuRAND, driver and device versions not recorded; add "
                    + "dev.seedbank:rng-cuda)");
        }
        return m;
    }

    /** rng-cuda's fingerprint when rng-cuda is on the classpath. */
    static Optional<Supplier<Map<String, String>>> rngCuda() {
        try {
            Class.forName(RNG_CUDA_CLASS, false, CudaEntries.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        return Optional.of(RngCuda::fingerprint);
    }

    /** Touches rng-cuda's classes only once {@link #rngCuda()} has found them. */
    private static final class RngCuda {
        static Map<String, String> fingerprint() {
            return dev.seedbank.cuda.CurandLibrary.fingerprint();
        }
    }
}
