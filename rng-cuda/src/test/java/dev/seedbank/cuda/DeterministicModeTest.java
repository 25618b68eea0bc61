package dev.seedbank.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class DeterministicModeTest {

    @Test
    void switchesHelpersOffAndRestoresThem() {
        Nd4j.getEnvironment().allowHelpers(true);
        try (DeterministicMode mode = DeterministicMode.enable()) {
            assertFalse(Nd4j.getEnvironment().helpersAllowed());
            assertEquals("false", DeterministicMode.fingerprint().get("nd4j.helpersAllowed"));
        }
        assertTrue(Nd4j.getEnvironment().helpersAllowed());
    }

    @Test
    void fingerprintRecordsTheCudaEnvironment() {
        LiveCurand.require();
        Map<String, String> f = DeterministicMode.fingerprint();
        assertTrue(f.get("curand.version").startsWith("10"), f.toString());
        assertTrue(f.containsKey("cuda.driver") && f.containsKey("cuda.runtime"), f.toString());
        String devices = f.get("cuda.devices");
        if (devices.startsWith("0 (")) {
            assertTrue(devices.contains("cudaGetDeviceCount"), devices);
        } else {
            assertTrue(f.get("cuda.device.0").contains("compute capability"), f.toString());
        }
    }
}
