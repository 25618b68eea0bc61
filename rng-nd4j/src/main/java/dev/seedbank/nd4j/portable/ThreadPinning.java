package dev.seedbank.nd4j.portable;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Portable mode's thread settings: every native op runs as one partition, so its result cannot depend on the
 * machine's core count, on {@code OMP_NUM_THREADS}, nor on how many pool threads happen to be free.
 *
 * <p>Why (measured, docs/portable.md): libnd4j splits whole-array reductions (sum, mean, norm2, ... : the score,
 * regularisation, gradient norms) into one chunk per thread and adds the chunks' sums, so 1, 2 and 8 threads give
 * three different sums; when its pool has no free threads it runs one chunk instead, so even one machine can vary.
 * OpenBLAS's multi-threaded GEMM/GEMV drivers block the inner dimension differently from the single-threaded
 * driver, so 1, 2 and 4 BLAS threads give different products. With one thread each, both take their
 * single-thread paths, which depend on nothing but the kernel.
 *
 * <p>How: before the libraries load, {@code OMP_NUM_THREADS=1} and {@code OPENBLAS_NUM_THREADS=1} in the C
 * environment ({@link PortableMode#nativeEnvironment()}: libgomp and OpenBLAS read them once, at load, for every
 * thread); after ND4J loads, libnd4j's {@code maxThreads}/{@code maxMasterThreads} and ND4J's OpenBLAS thread
 * count are set to 1 (ND4J sets them from the core count while loading).
 *
 * <p>Stateless; thread-safe.
 */
final class ThreadPinning {
    static final String OMP_ENV = "OMP_NUM_THREADS";
    static final String OPENBLAS_THREADS_ENV = "OPENBLAS_NUM_THREADS";

    private ThreadPinning() {
    }

    /** After ND4J loaded; also when it was loaded before portable mode was enabled. */
    static void afterLoad() {
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
    }
}
