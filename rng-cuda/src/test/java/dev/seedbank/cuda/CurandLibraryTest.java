package dev.seedbank.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.curand;
import org.junit.jupiter.api.Test;

/** Loading, version and GPU probing; a missing library is simulated with a loader that throws. */
class CurandLibraryTest {
    private static void assertOneLine(String message, String... mentions) {
        System.out.println(message);
        assertFalse(message.contains("\n"), message);
        for (String m : mentions) {
            assertTrue(message.contains(m), "'" + message + "' should mention '" + m + "'");
        }
    }

    @Test
    void missingRuntimeNamesLibcudartAndHowToInstall() {
        CurandUnavailableException e = CurandLibrary.tryLoad(c -> {
            throw new UnsatisfiedLinkError("no jnicudart in java.library.path:\n /usr/lib\n libcudart.so.11.0: cannot open");
        });
        assertNotNull(e);
        assertOneLine(e.getMessage(), "libcudart.so.11.0", "libcurand10", "libcudart11.0", "non-free");
        assertTrue(e.getCause() instanceof UnsatisfiedLinkError);
    }

    @Test
    void missingCurandNamesLibcurand() {
        CurandUnavailableException e = CurandLibrary.tryLoad(c -> {
            if (c == curand.class) {
                throw new UnsatisfiedLinkError("libcurand.so.10: cannot open shared object file");
            }
        });
        assertNotNull(e);
        assertOneLine(e.getMessage(), "cannot load libcurand.so.10", "apt-get install libcurand10 libcudart11.0");
    }

    @Test
    void classInitFailureIsWrappedToo() {
        CurandUnavailableException e = CurandLibrary.tryLoad(c -> {
            if (c == cudart.class) {
                throw new NoClassDefFoundError("Could not initialize class org.bytedeco.cuda.global.cudart");
            }
        });
        assertNotNull(e);
        assertOneLine(e.getMessage(), "libcudart.so.11.0");
    }

    @Test
    void realLibraryLoadsWithVersion10() {
        LiveCurand.require();
        assertNull(CurandLibrary.tryLoad(org.bytedeco.javacpp.Loader::load));
        assertEquals(10, CurandLibrary.version() / 1000);
        System.out.println("cuRAND version " + CurandLibrary.version());
    }

    @Test
    void gpuProbeExplainsAnAbsentGpu() {
        LiveCurand.require();
        GpuProbe probe = CurandLibrary.probeGpus();
        System.out.println(probe);
        if (probe.count() == 0) {
            assertOneLine(probe.reason(), "cudaGetDeviceCount");
        } else {
            assertNull(probe.reason());
        }
    }

    @Test
    void fingerprintRecordsTheCudaEnvironment() {
        LiveCurand.require();
        Map<String, String> f = CurandLibrary.fingerprint();
        System.out.println(f);
        assertEquals(String.valueOf(CurandLibrary.version()), f.get("cuda.curand"));
        assertTrue(f.containsKey("cuda.driver") && f.containsKey("cuda.runtime"), f.toString());
        String devices = f.get("cuda.devices");
        if (devices.startsWith("0 (")) {
            assertTrue(devices.contains("cudaGetDeviceCount"), devices);
        } else {
            assertTrue(f.get("cuda.device.0").contains("compute capability"), f.toString());
        }
    }
}
