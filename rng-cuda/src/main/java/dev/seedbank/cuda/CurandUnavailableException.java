package dev.seedbank.cuda;

/**
 * cuRAND or the CUDA runtime cannot be used here: a library is missing, has the wrong version, or (for the
 * device API) there is no GPU or driver. The message is one line naming what is missing and how to install it.
 */
public final class CurandUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    CurandUnavailableException(String message) {
        super(message);
    }

    CurandUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
