package dev.seedbank.nd4j.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PortableMode's wrong-state errors (in child JVMs: the mode is once per JVM) and PortableSettings' forms. */
class PortableModeTest {
    @TempDir
    Path tmp;

    private String child(String arg) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ProbeMain.class.getName(), arg).redirectErrorStream(true);
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().put("OMP_NUM_THREADS", "1");
        Path log = tmp.resolve(arg + ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "child JVM did not finish");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> l.startsWith("ERROR ") || l.startsWith("ENABLED ")).findFirst()
                .orElseThrow(() -> new AssertionError("no ERROR/ENABLED line:\n" + out));
    }

    @Test
    void enablingAfterOpenBlasLoadedWithAnotherKernelFailsWithOneLineNamingTheFix() throws Exception {
        String line = child("late");
        // this CPU's own kernel: HASWELL on AVX2 Intel, where enabling late is harmless
        if (line.startsWith("ENABLED ")) {
            assertTrue(line.contains("blas.kernel=HASWELL"), line);
            return;
        }
        assertTrue(line.startsWith("ERROR OpenBLAS is already loaded with kernel "), line);
        assertTrue(line.contains("call PortableMode.enable() before anything uses ND4J"), line);
        assertTrue(line.contains("OPENBLAS_CORETYPE=Haswell"), line);
        assertFalse(line.contains("\n"), line);
    }

    @Test
    void enablingAfterMachineSpecificFails() throws Exception {
        String line = child("switch");
        assertTrue(line.startsWith("ERROR machine-specific mode was already chosen in this JVM"), line);
    }

    @Test
    void settingsKeepTheirKeyOrderAndRefuseUnknownKeys() {
        Map<String, String> m = new HashMap<>();
        for (String k : PortableSettings.KEYS) {
            m.put(k, "v-" + k);
        }
        m.put("mode", PortableMode.PORTABLE);
        PortableSettings s = new PortableSettings(m);
        assertEquals(PortableSettings.KEYS, List.copyOf(s.asMap().keySet()));
        assertTrue(s.portable());
        assertTrue(s.toString().startsWith("mode=portable blas.kernel=v-blas.kernel blas.coretype.env="), s.toString());
        assertEquals(s, new PortableSettings(new HashMap<>(m)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.get("blas.kernal"));
        assertTrue(e.getMessage().contains("'blas.kernal'"), e.getMessage());
        m.put("extra", "x");
        assertThrows(IllegalArgumentException.class, () -> new PortableSettings(m));
        assertThrows(UnsupportedOperationException.class, () -> s.asMap().put("mode", "x"));
    }

    @Test
    void simdLevelNamesTheWidestExtension() {
        assertEquals("avx512f", PortableMode.simd(Set.of("avx2", "fma", "avx512f")));
        assertEquals("avx2+fma", PortableMode.simd(Set.of("avx", "avx2", "fma")));
        assertEquals("avx", PortableMode.simd(Set.of("avx", "avx2")));
        assertEquals("sse", PortableMode.simd(Set.of("sse2")));
        assertEquals("unknown", PortableMode.simd(Set.of()));
    }
}
