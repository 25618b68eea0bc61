package dev.seedbank.cuda;

/** Which cuRAND API a {@link CurandGenerator} uses. */
public enum CurandApi {
    /** {@code curandCreateGeneratorHost}: runs on the CPU, writes host memory; needs no GPU or driver. */
    HOST,
    /** {@code curandCreateGenerator}: runs on the current CUDA device, writes device memory. */
    DEVICE
}
