package dev.seedbank.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The GPU check's no-GPU path: one clear line on stderr and exit status 2, in-process and as a real JVM. */
class GpuCheckTest {
    @BeforeAll
    static void noGpu() {
        LiveCurand.require();
        assumeTrue(CurandLibrary.probeGpus().count() == 0, "this machine has a GPU: run rng-cuda/gpu-check/run.sh");
    }

    @Test
    void inProcess() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = GpuCheck.run(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        System.out.print(e);
        assertEquals(2, status);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("gpu-check: no usable NVIDIA GPU: cudaGetDeviceCount returned"), e);
    }

    @Test
    void mainExitsWithTwo() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                GpuCheck.class.getName(), "--quick")).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(output);
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.contains("gpu-check: no usable NVIDIA GPU"), output);
    }
}
