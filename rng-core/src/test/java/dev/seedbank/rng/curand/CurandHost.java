package dev.seedbank.rng.curand;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bytedeco.cuda.curand.curandGenerator_st;
import org.bytedeco.cuda.global.curand;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;

/**
 * The real cuRAND host generator (Philox4_32_10, default ordering) through JavaCPP's CUDA presets,
 * loading the system's libcurand.so.10. Test oracle only. Not thread-safe.
 */
final class CurandHost implements AutoCloseable {
    private static final String REQUIRE_PROPERTY = "seedbank.requireCurand";
    private static final String REQUIRE_ENV = "SEEDBANK_REQUIRE_CURAND";
    private static volatile String loadFailure;
    private static volatile boolean loaded;

    private final curandGenerator_st gen = new curandGenerator_st();

    private CurandHost() {
        check(curand.curandCreateGeneratorHost(gen, curand.CURAND_RNG_PSEUDO_PHILOX4_32_10), "create");
    }

    /**
     * Opens a host generator. When the library cannot be loaded, the calling test fails if
     * {@code SEEDBANK_REQUIRE_CURAND=1} (CI) or {@code -Dseedbank.requireCurand=true}, and is skipped
     * with the reason otherwise.
     */
    static CurandHost open() {
        ensureLoaded();
        if (loadFailure != null) {
            String reason = "cuRAND host library not available (" + loadFailure
                    + "); install Debian's libcurand10 and libcudart11.0 (.ci/install-curand)";
            if (required()) {
                fail(reason + ", and this run requires it");
            }
            assumeTrue(false, reason);
        }
        return new CurandHost();
    }

    static boolean required() {
        return Boolean.getBoolean(REQUIRE_PROPERTY) || "1".equals(System.getenv(REQUIRE_ENV));
    }

    private static synchronized void ensureLoaded() {
        if (loaded) {
            return;
        }
        loaded = true;
        try {
            Loader.load(curand.class);
            int[] version = new int[1];
            check(curand.curandGetVersion(version), "version");
        } catch (Throwable t) {
            loadFailure = t.getClass().getSimpleName() + ": " + t.getMessage();
        }
    }

    /** cuRAND's version, e.g. 10300. */
    static int version() {
        int[] v = new int[1];
        check(curand.curandGetVersion(v), "version");
        return v[0];
    }

    /**
     * Works around a library bug (docs/curand-notes.md): on the first call after setting an offset that is a
     * nonzero multiple of 4, the last {@code n % 4} values are left unwritten; asking for a multiple of 4
     * writes them correctly.
     */
    private static int request(int n) {
        return (n + 3) & ~3;
    }

    private void seek(long key, long offset) {
        check(curand.curandSetPseudoRandomGeneratorSeed(gen, key), "seed");
        check(curand.curandSetGeneratorOffset(gen, offset), "offset");
    }

    int[] words(long key, long offset, int n) {
        seek(key, offset);
        try (IntPointer p = new IntPointer(request(n))) {
            check(curand.curandGenerate(gen, p, request(n)), "generate");
            int[] out = new int[n];
            p.get(out);
            return out;
        }
    }

    float[] uniform(long key, long offset, int n) {
        seek(key, offset);
        try (FloatPointer p = new FloatPointer(request(n))) {
            check(curand.curandGenerateUniform(gen, p, request(n)), "uniform");
            float[] out = new float[n];
            p.get(out);
            return out;
        }
    }

    double[] uniformDouble(long key, long offset, int n) {
        seek(key, offset);
        try (DoublePointer p = new DoublePointer(request(n))) {
            check(curand.curandGenerateUniformDouble(gen, p, request(n)), "uniform double");
            double[] out = new double[n];
            p.get(out);
            return out;
        }
    }

    /** Normal floats. */
    float[] normal(long key, long offset, int n, float mean, float stddev) {
        seek(key, offset);
        try (FloatPointer p = new FloatPointer(request(n))) {
            check(curand.curandGenerateNormal(gen, p, request(n), mean, stddev), "normal");
            float[] out = new float[n];
            p.get(out);
            return out;
        }
    }

    /** Normal doubles. */
    double[] normalDouble(long key, long offset, int n, double mean, double stddev) {
        seek(key, offset);
        try (DoublePointer p = new DoublePointer(request(n))) {
            check(curand.curandGenerateNormalDouble(gen, p, request(n), mean, stddev), "normal double");
            double[] out = new double[n];
            p.get(out);
            return out;
        }
    }

    private static void check(int status, String what) {
        if (status != curand.CURAND_STATUS_SUCCESS) {
            throw new IllegalStateException("cuRAND " + what + " failed with status " + status);
        }
    }

    @Override
    public void close() {
        curand.curandDestroyGenerator(gen);
    }
}
