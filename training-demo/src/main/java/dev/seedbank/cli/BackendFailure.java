package dev.seedbank.cli;

import java.util.Optional;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * Recognises ND4J failing to start a backend (no GPU or driver for the CUDA build, native libraries that do not
 * load on this platform) in an exception's cause chain, and says it in one line: the message ND4J's innermost
 * cause gives, and what to use instead. ND4J reports these as an {@link ExceptionInInitializerError} or a
 * {@link RuntimeException} wrapping {@link Nd4jBackend.NoAvailableBackendException} or {@link UnsatisfiedLinkError}.
 *
 * <p>Stateless; thread-safe.
 */
final class BackendFailure {
    private BackendFailure() {
    }

    /** The one-line description, or empty when {@code failure} is not a backend that failed to start. */
    static Optional<String> describe(Throwable failure) {
        Throwable innermost = null;
        boolean backend = false;
        for (Throwable t = failure; t != null && t != innermost; t = t.getCause()) {
            backend |= t instanceof Nd4jBackend.NoAvailableBackendException || t instanceof UnsatisfiedLinkError;
            innermost = t;
        }
        if (!backend) {
            return Optional.empty();
        }
        String why = innermost.getMessage() == null ? innermost.getClass().getSimpleName()
                : innermost.getMessage().lines().findFirst().orElse("");
        return Optional.of("ND4J cannot start its backend on this machine (" + why + "); the CUDA build of seedbank"
                + " needs an NVIDIA GPU and driver, the CPU build (mvn package without -Pcuda) runs on x86-64 Linux,"
                + " macOS and Windows");
    }
}
