package dev.seedbank.cuda;

/**
 * The memory a cuRAND generator writes: host memory for the host API, device memory for the device API.
 * Holds one growable scratch buffer in that memory. Addresses are raw native addresses. Not thread-safe.
 */
interface GeneratorMemory extends AutoCloseable {
    /** Address of a scratch buffer in generator memory of at least {@code bytes} bytes (reused, grown as needed). */
    long scratch(long bytes);

    /** Host address holding the {@code bytes} bytes at generator-memory address {@code src} (copied if needed). */
    long toHost(long src, long bytes);

    /** Copies {@code bytes} bytes from generator memory to host memory. */
    void copyToHost(long hostDst, long src, long bytes);

    /** Copies {@code bytes} bytes within generator memory. */
    void copyWithin(long dst, long src, long bytes);

    /** Waits until the generator's writes to its memory are complete. */
    void synchronize();

    /** Frees the scratch memory; idempotent. */
    @Override
    void close();
}
