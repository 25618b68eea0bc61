package dev.seedbank.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.nd4j.control.DeterministicMode;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What the environment record says about CUDA on each backend, with and without rng-cuda. */
class CudaEntriesTest {
    private static final Optional<Supplier<Map<String, String>>> RNG_CUDA =
            Optional.of(() -> Map.of("cuda.curand", "10300", "cuda.devices", "1"));

    @Test
    void cpuBackendSaysNotUsedEvenWithRngCuda() {
        assertEquals(Map.of("cuda", "(not used: CpuBackend)"), CudaEntries.of("CpuBackend", Optional.of(true), RNG_CUDA));
    }

    @Test
    void cudaBackendSaysUsedWithRngCudasEntries() {
        Map<String, String> m = CudaEntries.of("JCublasBackend", Optional.of(false), RNG_CUDA);
        assertEquals(Map.of("cuda", "used: JCublasBackend", "cuda.curand", "10300", "cuda.devices", "1"), m);
    }

    @Test
    void cudaBackendWithoutRngCudaSaysWhatIsMissing() {
        Map<String, String> m = CudaEntries.of("JCublasBackend", Optional.of(false), Optional.empty());
        assertEquals("used: JCublasBackend", m.get("cuda"));
        assertTrue(m.get("cuda.rngCuda").contains("dev.seedbank:rng-cuda"), m.toString());
        assertEquals(2, m.size(), m.toString());
    }

    @Test
    void unreadableEnvironmentSaysUnknown() {
        String cuda = CudaEntries.of("JCublasBackend", Optional.empty(), RNG_CUDA).get("cuda");
        assertTrue(cuda.startsWith("(unknown: ") && cuda.contains("JCublasBackend"), cuda);
    }

    /** rng-cuda is an optional dependency, on this module's test classpath: found, and its fingerprint is rng-cuda's. */
    @Test
    void findsRngCudaOnTheClasspath() {
        Optional<Supplier<Map<String, String>>> found = CudaEntries.rngCuda();
        assertTrue(found.isPresent());
        Map<String, String> f = found.get().get();
        assertTrue(f.containsKey("cuda.curand") || f.containsKey("cuda.libraries"), f.toString());
        assertTrue(f.keySet().stream().allMatch(k -> k.startsWith("cuda.")), f.toString());
    }

    /** This machine runs the CPU backend: the record says CUDA is not used, and notes the helper state. */
    @Test
    void recordOnTheCpuBackend() {
        Map<String, String> m = EnvironmentFingerprint.collect();
        assertEquals("(not used: " + m.get("nd4j.backend") + ")", m.get("cuda"));
        assertEquals("true", m.get("nd4j.cpu"));
        try (DeterministicMode mode = DeterministicMode.enable()) {
            assertEquals("false", EnvironmentFingerprint.collect().get("nd4j.helpersAllowed"));
        }
    }
}
