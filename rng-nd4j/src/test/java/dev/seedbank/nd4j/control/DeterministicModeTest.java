package dev.seedbank.nd4j.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class DeterministicModeTest {

    @Test
    void switchesHelpersOffAndRestoresThem() {
        Nd4j.getEnvironment().allowHelpers(true);
        try (DeterministicMode mode = DeterministicMode.enable()) {
            assertFalse(Nd4j.getEnvironment().helpersAllowed());
        }
        assertTrue(Nd4j.getEnvironment().helpersAllowed());
    }

    @Test
    void restoresHelpersThatWereOff() {
        Nd4j.getEnvironment().allowHelpers(false);
        try {
            try (DeterministicMode mode = DeterministicMode.enable()) {
                assertFalse(Nd4j.getEnvironment().helpersAllowed());
            }
            assertFalse(Nd4j.getEnvironment().helpersAllowed());
        } finally {
            Nd4j.getEnvironment().allowHelpers(true);
        }
    }
}
