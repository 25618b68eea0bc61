package dev.seedbank.cuda;

import org.bytedeco.cuda.global.curand;

/** cuRAND status codes as one-line errors. Stateless; thread-safe. */
final class CurandStatus {
    private CurandStatus() {
    }

    /** Throws an {@link IllegalStateException} naming {@code what} and the status unless it is success. */
    static void check(int status, String what) {
        if (status != curand.CURAND_STATUS_SUCCESS) {
            throw new IllegalStateException("cuRAND " + what + " failed: " + name(status) + " (" + status + ")");
        }
    }

    static String name(int status) {
        return switch (status) {
            case 0 -> "CURAND_STATUS_SUCCESS";
            case 100 -> "CURAND_STATUS_VERSION_MISMATCH";
            case 101 -> "CURAND_STATUS_NOT_INITIALIZED";
            case 102 -> "CURAND_STATUS_ALLOCATION_FAILED";
            case 103 -> "CURAND_STATUS_TYPE_ERROR";
            case 104 -> "CURAND_STATUS_OUT_OF_RANGE";
            case 105 -> "CURAND_STATUS_LENGTH_NOT_MULTIPLE";
            case 106 -> "CURAND_STATUS_DOUBLE_PRECISION_REQUIRED";
            case 201 -> "CURAND_STATUS_LAUNCH_FAILURE";
            case 202 -> "CURAND_STATUS_PREEXISTING_FAILURE";
            case 203 -> "CURAND_STATUS_INITIALIZATION_FAILED";
            case 204 -> "CURAND_STATUS_ARCH_MISMATCH";
            case 999 -> "CURAND_STATUS_INTERNAL_ERROR";
            default -> "unknown cuRAND status";
        };
    }
}
