package dev.seedbank.nd4j.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trimmed version of {@code scripts/portable-matrix}: the LeNet-style probe (conv, pool, dropout, early stopping;
 * 1 epoch) trained in separate JVMs under other OpenBLAS kernels ({@code OPENBLAS_CORETYPE}) and thread counts
 * ({@code OMP_NUM_THREADS}), standing in for other machines. Portable mode must give one fingerprint whatever the
 * setting; machine-specific mode must show the differences portable mode removes (kernel and thread count), so
 * that this test fails if either stops being true. The golden fingerprint checks this machine against the
 * machines before it.
 */
class PortableMatrixTest {
    /**
     * The final parameter fingerprint of {@code ProbeMain lenet 1 portable 5} (SHA-256 of the parameters as
     * little-endian floats), recorded on an AMD EPYC (Zen 3, AVX2, 2 cores), nd4j-native 1.0.0-M2.1
     * linux-x86_64 build, OpenBLAS 0.3.19 HASWELL kernel. See docs/portable.md, "Machines checked".
     */
    static final String GOLDEN = "a0fbb192d2d7f83f68ad268504a9d6094c622d429c75b30a32a6ada2fdece9fc";

    @TempDir
    static Path tmp;

    /** Runs the probe in a new JVM with {@code env} added to its environment; returns its RESULT fields. */
    static Map<String, String> probe(String mode, Map<String, String> env) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ProbeMain.class.getName(), "lenet", "1", mode, "5"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("OPENBLAS_NUM_THREADS");
        pb.environment().putAll(env);
        Path log = Files.createTempFile(tmp, "probe-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("probe JVM " + env + " did not finish in 3 minutes");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> "probe JVM " + env + " failed:\n" + out);
        for (String line : out.split("\n")) {
            if (line.startsWith("RESULT ")) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (String kv : line.substring(7).trim().split(" ")) {
                    int eq = kv.indexOf('=');
                    fields.putIfAbsent(kv.substring(0, eq), kv.substring(eq + 1));
                }
                return fields;
            }
        }
        throw new AssertionError("probe JVM " + env + " printed no RESULT line:\n" + out);
    }

    @Test
    void portableModeIsIdenticalAcrossKernelsAndThreadCountsAndMachineSpecificModeIsNot() throws Exception {
        Map<String, String> reference = probe("portable", Map.of("OMP_NUM_THREADS", "1"));
        assertEquals("HASWELL", reference.get("blas.kernel"), reference::toString);
        assertEquals("1", reference.get("nd4j.threads"), reference::toString);
        assertEquals("1", reference.get("blas.threads"), reference::toString);

        // other machines, simulated: another kernel the CPU would pick, another core count
        Map<String, String> prescott4 = probe("portable", Map.of("OPENBLAS_CORETYPE", "Prescott", "OMP_NUM_THREADS", "4"));
        assertEquals("HASWELL", prescott4.get("blas.kernel"), prescott4::toString);
        assertEquals(reference.get("fingerprint"), prescott4.get("fingerprint"),
                "portable mode under OPENBLAS_CORETYPE=Prescott, OMP_NUM_THREADS=4 differs from the reference");
        Map<String, String> sandy2 = probe("portable", Map.of("OPENBLAS_CORETYPE", "SandyBridge", "OMP_NUM_THREADS", "2"));
        assertEquals(reference.get("fingerprint"), sandy2.get("fingerprint"),
                "portable mode under OPENBLAS_CORETYPE=SandyBridge, OMP_NUM_THREADS=2 differs from the reference");

        // machine-specific mode with portable mode's settings given by hand gives portable mode's result ...
        Map<String, String> byHand = probe("machine", Map.of("OPENBLAS_CORETYPE", "Haswell", "OMP_NUM_THREADS", "1"));
        assertEquals("HASWELL", byHand.get("blas.kernel"), byHand::toString);
        assertEquals(reference.get("fingerprint"), byHand.get("fingerprint"),
                "machine-specific mode with OPENBLAS_CORETYPE=Haswell and OMP_NUM_THREADS=1 should equal portable mode");
        // ... and another kernel, or another thread count, changes it (what portable mode pins)
        Map<String, String> kernel = probe("machine", Map.of("OPENBLAS_CORETYPE", "Prescott", "OMP_NUM_THREADS", "1"));
        assertEquals("PRESCOTT", kernel.get("blas.kernel"), kernel::toString);
        assertNotEquals(reference.get("fingerprint"), kernel.get("fingerprint"),
                "machine-specific mode: the Prescott kernel no longer changes the result; update docs/portable.md");
        Map<String, String> threads = probe("machine", Map.of("OPENBLAS_CORETYPE", "Haswell", "OMP_NUM_THREADS", "2"));
        assertEquals("2", threads.get("nd4j.threads"), threads::toString);
        assertNotEquals(reference.get("fingerprint"), threads.get("fingerprint"),
                "machine-specific mode: 2 threads no longer change the result; update docs/portable.md");

        assertTrue(GOLDEN.equals(reference.get("fingerprint")), () -> goldenMessage(reference));
    }

    static String goldenMessage(Map<String, String> r) {
        return "the portable-mode fingerprint of this machine is " + r.get("fingerprint") + ", the machines recorded "
                + "before gave " + GOLDEN + " (ProbeMain lenet 1 portable 5). This machine: cpu.simd=" + r.get("cpu.simd")
                + " blas.kernel=" + r.get("blas.kernel") + " nd4j.build=" + r.get("nd4j.build") + " platform="
                + r.get("platform") + ". If ND4J, OpenBLAS or the probe changed on purpose, record the new value in "
                + "PortableMatrixTest.GOLDEN. Otherwise this machine type computes differently in portable mode: add "
                + "its CPU model (/proc/cpuinfo 'model name' and flags), the fingerprint and the settings above to "
                + "docs/portable.md 'Machines checked', and file an issue; do not change GOLDEN";
    }
}
