package dev.seedbank.cuda;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/** CUDA runtime calls used by the device API, each failure one line. Stateless; thread-safe. */
final class Cuda {
    private Cuda() {
    }

    static void check(int status, String what) {
        if (status != cudart.cudaSuccess) {
            throw new IllegalStateException("CUDA " + what + " failed: " + describe(status));
        }
    }

    /** "cudaErrorName: description (code)". */
    static String describe(int status) {
        String name = cudart.cudaGetErrorName(status).getString();
        String text = cudart.cudaGetErrorString(status).getString();
        return name + ": " + text + " (" + status + ")";
    }

    /** cudaMalloc; the device address. */
    static long malloc(long bytes) {
        try (PointerPointer<Pointer> holder = new PointerPointer<>(1L)) {
            check(cudart.cudaMalloc(holder, bytes), "cudaMalloc of " + bytes + " bytes");
            return holder.get(0).address();
        }
    }

    static void free(long deviceAddress) {
        if (deviceAddress != 0) {
            check(cudart.cudaFree(new Address(deviceAddress)), "cudaFree");
        }
    }

    static void memcpy(long dst, long src, long bytes, int kind, String what) {
        check(cudart.cudaMemcpy(new Address(dst), new Address(src), bytes, kind), "cudaMemcpy " + what);
    }

    static void synchronize() {
        check(cudart.cudaDeviceSynchronize(), "cudaDeviceSynchronize");
    }
}
