package dev.seedbank.record;

/**
 * Input the user can fix (a missing or corrupt manifest, an unusable directory): the command line prints the
 * message as one line on stderr and exits 2.
 */
public class BadInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
