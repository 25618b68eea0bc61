package dev.seedbank.cuda;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Gate for tests that call the real cuRAND library: when it cannot be loaded, the test fails if
 * {@code SEEDBANK_REQUIRE_CURAND=1} (CI, .ci/run) or {@code -Dseedbank.requireCurand=true}, and is skipped with
 * the reason otherwise. The only gate of the live comparison: rng-core checks committed golden vectors.
 */
final class LiveCurand {
    private LiveCurand() {
    }

    static void require() {
        try {
            CurandLibrary.load();
        } catch (CurandUnavailableException e) {
            if (required()) {
                fail(e.getMessage() + "; this run requires it (SEEDBANK_REQUIRE_CURAND=1 or -Dseedbank.requireCurand=true)");
            }
            assumeTrue(false, e.getMessage());
        }
    }

    static boolean required() {
        return Boolean.getBoolean("seedbank.requireCurand") || "1".equals(System.getenv("SEEDBANK_REQUIRE_CURAND"));
    }
}
