package dev.seedbank.cuda;

/**
 * What {@code cudaGetDeviceCount} found.
 *
 * @param count CUDA devices usable by this process (0 when none, or no driver)
 * @param reason why there are none; null when {@code count > 0}
 */
public record GpuProbe(int count, String reason) {
}
