package dev.seedbank.cuda;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.curand;
import org.bytedeco.javacpp.Loader;

/**
 * Loads the system's cuRAND ({@code libcurand.so.10}) and CUDA runtime ({@code libcudart.so.11.0}) through
 * JavaCPP's CUDA presets, once per JVM, and finds GPUs. Every failure is a {@link CurandUnavailableException}
 * with one line naming what is missing and how to install it, never a JVM crash. Thread-safe.
 */
public final class CurandLibrary {
    /** cuRAND major version this module was built and verified against ({@code curandGetVersion} 10300). */
    static final int CURAND_MAJOR = 10;
    static final String INSTALL = "install Debian's non-free packages libcurand10 and libcudart11.0"
            + " (enable contrib non-free, then apt-get install libcurand10 libcudart11.0; see docs/cuda.md)";

    private static boolean attempted;
    private static CurandUnavailableException failure;

    private CurandLibrary() {
    }

    /**
     * Loads the libraries (first call) and checks cuRAND's version.
     *
     * @throws CurandUnavailableException one line naming the missing library and how to install it
     */
    public static synchronized void load() {
        if (!attempted) {
            attempted = true;
            failure = tryLoad(Loader::load);
        }
        if (failure != null) {
            throw new CurandUnavailableException(failure.getMessage(), failure.getCause());
        }
    }

    /** Whether {@link #load()} succeeds. */
    public static boolean available() {
        try {
            load();
            return true;
        } catch (CurandUnavailableException e) {
            return false;
        }
    }

    /** cuRAND's version, e.g. 10300 for CUDA 11.8. */
    public static int version() {
        load();
        int[] v = new int[1];
        CurandStatus.check(curand.curandGetVersion(v), "curandGetVersion");
        return v[0];
    }

    /** The number of CUDA devices, and why there are none when there are none. Needs no GPU. */
    public static GpuProbe probeGpus() {
        load();
        int[] n = new int[1];
        int status = cudart.cudaGetDeviceCount(n);
        if (status != cudart.cudaSuccess) {
            return new GpuProbe(0, "cudaGetDeviceCount returned " + Cuda.describe(status) + driverVersions());
        }
        return n[0] > 0 ? new GpuProbe(n[0], null) : new GpuProbe(0, "cudaGetDeviceCount found 0 devices");
    }

    /**
     * The CUDA part of an environment record (run-record's on the CUDA backend), keys sorted: cuRAND version
     * ({@code cuda.curand}), driver and runtime versions, and each device's name and compute capability;
     * {@code cuda.devices} says why there are none when there are none, and {@code cuda.libraries} why nothing
     * else is there when the libraries do not load. Needs no GPU.
     */
    public static Map<String, String> fingerprint() {
        Map<String, String> f = new TreeMap<>();
        try {
            load();
        } catch (CurandUnavailableException e) {
            f.put("cuda.libraries", "(not available: " + e.getMessage() + ")");
            return f;
        }
        f.put("cuda.curand", String.valueOf(version()));
        int[] driver = new int[1];
        int[] runtime = new int[1];
        f.put("cuda.driver", cudart.cudaDriverGetVersion(driver) == cudart.cudaSuccess && driver[0] != 0
                ? cudaVersion(driver[0]) : "none");
        f.put("cuda.runtime", cudart.cudaRuntimeGetVersion(runtime) == cudart.cudaSuccess && runtime[0] != 0
                ? cudaVersion(runtime[0]) : "none");
        GpuProbe probe = probeGpus();
        if (probe.count() == 0) {
            f.put("cuda.devices", "0 (" + probe.reason() + ")");
            return f;
        }
        f.put("cuda.devices", String.valueOf(probe.count()));
        for (int d = 0; d < probe.count(); d++) {
            try (cudaDeviceProp p = new cudaDeviceProp()) {
                if (cudart.cudaGetDeviceProperties(p, d) == cudart.cudaSuccess) {
                    f.put("cuda.device." + d, p.name().getString() + ", compute capability " + p.major() + "." + p.minor());
                }
            }
        }
        return f;
    }

    /**
     * Throws unless a GPU is usable.
     *
     * @throws CurandUnavailableException one line: no GPU or no driver, and why
     */
    static void requireGpu() {
        GpuProbe probe = probeGpus();
        if (probe.count() == 0) {
            throw new CurandUnavailableException("no usable NVIDIA GPU: " + probe.reason()
                    + "; the cuRAND device API needs an NVIDIA GPU and driver (the host API, CurandApi.HOST, does not)");
        }
    }

    /** ", driver CUDA x.y, runtime CUDA x.y" for error messages. */
    static String driverVersions() {
        int[] driver = new int[1];
        int[] runtime = new int[1];
        int d = cudart.cudaDriverGetVersion(driver);
        int r = cudart.cudaRuntimeGetVersion(runtime);
        return " (driver supports CUDA " + (d != 0 || driver[0] == 0 ? "none: no NVIDIA driver loaded" : cudaVersion(driver[0]))
                + (r == 0 && runtime[0] != 0 ? ", runtime libcudart is CUDA " + cudaVersion(runtime[0]) : "") + ")";
    }

    static String cudaVersion(int v) {
        return (v / 1000) + "." + (v % 1000 / 10);
    }

    /**
     * Loads cudart then curand with {@code loader} and checks cuRAND's major version; null when all is well.
     * Package-private so tests can simulate a missing library.
     */
    static CurandUnavailableException tryLoad(Consumer<Class<?>> loader) {
        try {
            loader.accept(cudart.class);
        } catch (LinkageError | RuntimeException e) {
            return new CurandUnavailableException("CUDA runtime not available: cannot load libcudart.so.11.0 ("
                    + oneLine(e) + "); " + INSTALL, e);
        }
        try {
            loader.accept(curand.class);
        } catch (LinkageError | RuntimeException e) {
            return new CurandUnavailableException("cuRAND not available: cannot load libcurand.so.10 ("
                    + oneLine(e) + "); " + INSTALL, e);
        }
        int[] v = new int[1];
        int status = curand.curandGetVersion(v);
        if (status != curand.CURAND_STATUS_SUCCESS) {
            return new CurandUnavailableException("cuRAND not usable: curandGetVersion failed with "
                    + CurandStatus.name(status) + "; " + INSTALL);
        }
        if (v[0] / 1000 != CURAND_MAJOR) {
            return new CurandUnavailableException("cuRAND version mismatch: libcurand.so.10 reports " + v[0]
                    + ", rng-cuda needs cuRAND " + CURAND_MAJOR + ".x (CUDA 11; verified with 10300); " + INSTALL);
        }
        return null;
    }

    /** The throwable's class and message on one line, at most 300 characters. */
    static String oneLine(Throwable t) {
        String text = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }
}
