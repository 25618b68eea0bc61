package dev.seedbank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4jBackend;

class BackendFailureTest {
    @Test
    void noAvailableBackendIsOneLineWithTheInnermostMessage() {
        // the shape of the CUDA build's failure on a machine without a GPU
        Throwable cuda = new RuntimeException(new Nd4jBackend.NoAvailableBackendException(
                "Please ensure that you have an nd4j backend on your classpath.\nSecond line"));
        String line = BackendFailure.describe(cuda).orElseThrow();
        assertTrue(line.startsWith("ND4J cannot start its backend on this machine (Please ensure that you have an"
                + " nd4j backend on your classpath.)"), line);
        assertEquals(1, line.lines().count());
    }

    @Test
    void nativeLibraryThatDoesNotLoadIsRecognisedInsideAnInitializerError() {
        Throwable ours = new ExceptionInInitializerError(new RuntimeException("ND4J is probably missing dependencies",
                new UnsatisfiedLinkError("no jniopenblas_nolapack in java.library.path")));
        assertTrue(BackendFailure.describe(ours).orElseThrow().contains("(no jniopenblas_nolapack in java.library.path)"));
    }

    @Test
    void otherFailuresAreNotDescribed() {
        assertEquals(Optional.empty(), BackendFailure.describe(new IllegalStateException("disk full",
                new java.io.IOException("no space"))));
        assertEquals(Optional.empty(), BackendFailure.describe(new NoClassDefFoundError("org/example/Missing")));
    }
}
