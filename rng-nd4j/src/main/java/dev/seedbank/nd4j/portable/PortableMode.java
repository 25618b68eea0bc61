package dev.seedbank.nd4j.portable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Portable determinism for ND4J's native CPU backend: the same training gives bitwise the same parameters on
 * every x86-64 machine with AVX2 and FMA (AVX2 and AVX-512 Intel, AMD Zen), whatever its core count.
 *
 * <p>{@link #enable()} must run before anything loads ND4J (first line of {@code main}). It
 * <ol>
 *   <li>loads nd4j-native's generic {@code linux-x86_64} build even when an AVX2/AVX-512 build is on the class
 *       path (JavaCPP property {@code org.bytedeco.javacpp.platform.extension}, unless the application set it);</li>
 *   <li>selects OpenBLAS's {@value #KERNEL} kernels, which every such CPU runs, by setting
 *       {@code OPENBLAS_CORETYPE} in the process's C environment (OpenBLAS reads it once, when it loads);</li>
 *   <li>loads ND4J and checks, from OpenBLAS's own kernel pointer, that the kernel is in force;</li>
 *   <li>makes the thread-count-dependent ops independent of the thread count: libnd4j and OpenBLAS run every
 *       op as one partition ({@link ThreadPinning}: their multi-threaded paths split sums by thread count).</li>
 * </ol>
 * If OpenBLAS was already loaded with another kernel, {@link #enable()} throws with one line naming the fix.
 * {@link #machineSpecific()} is the named opt-out: the machine's fastest kernels and thread settings, results
 * that differ between machine types. {@link #inForce()} reads back what is in force.
 *
 * <p>Thread-safe: the methods are synchronized on the class; the mode is chosen once per JVM.
 */
public final class PortableMode {
    /** The OpenBLAS kernel portable mode uses. */
    public static final String KERNEL = "Haswell";
    /** {@code mode} value when portable mode is in force. */
    public static final String PORTABLE = "portable";
    /** {@code mode} value after {@link #machineSpecific()}. */
    public static final String MACHINE_SPECIFIC = "machine-specific";
    /** {@code mode} value when neither was called. */
    public static final String UNSET = "unset";

    static final String CORETYPE_ENV = "OPENBLAS_CORETYPE";
    /** The nd4j-native build portable mode loads: the generic x86-64 one (no AVX2/AVX-512 code of its own). */
    static final String GENERIC_BUILD = "linux-x86_64";
    /**
     * JavaCPP's library-variant property. nd4j-native's variants are {@code -avx2}, {@code -avx512}, ...; JavaCPP
     * loads the first variant found on the class path unless this names one, and a value that names none loads
     * the plain build.
     */
    static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    static final String GENERIC_EXTENSION = "-seedbank-generic";

    private static String mode = UNSET;

    private PortableMode() {
    }

    /**
     * Turns portable mode on (idempotent) and returns what is in force. Loads ND4J.
     *
     * @throws IllegalStateException (one line naming the fix) when machine-specific mode was chosen, when
     *     OpenBLAS is already loaded with another kernel, or when this CPU cannot run the portable kernel
     * @throws UnsupportedOperationException on platforms other than linux-x86_64
     */
    public static synchronized PortableSettings enable() {
        if (mode.equals(PORTABLE)) {
            return inForce();
        }
        if (mode.equals(MACHINE_SPECIFIC)) {
            throw new IllegalStateException("machine-specific mode was already chosen in this JVM: call "
                    + "PortableMode.enable() instead of machineSpecific(), before ND4J loads");
        }
        String os = System.getProperty("os.name", "?");
        String arch = System.getProperty("os.arch", "?");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new UnsupportedOperationException("portable mode supports linux-x86_64 only, this is " + os + " "
                    + arch + ": call PortableMode.machineSpecific()");
        }
        // first, before anything asks JavaCPP for its (cached) platform properties: no SIMD-specific build
        if (System.getProperty(EXTENSION_PROPERTY) == null) {
            System.setProperty(EXTENSION_PROPERTY, GENERIC_EXTENSION);
        }
        Set<String> flags = cpuFlags();
        if (!flags.isEmpty() && !(flags.contains("avx2") && flags.contains("fma"))) {
            throw new IllegalStateException("this CPU lacks AVX2/FMA, which OpenBLAS's " + KERNEL
                    + " kernels of portable mode need: call PortableMode.machineSpecific()");
        }
        if (OpenBlasKernel.loaded()) {
            String k = OpenBlasKernel.current();
            if (!k.equalsIgnoreCase(KERNEL)) {
                throw new IllegalStateException("OpenBLAS is already loaded with kernel " + k + ": call "
                        + "PortableMode.enable() before anything uses ND4J, or start the JVM with "
                        + CORETYPE_ENV + "=" + KERNEL);
            }
        } else {
            nativeEnvironment().forEach(PortableMode::setNativeEnv);
        }
        Nd4j.getBackend();
        String k = OpenBlasKernel.current();
        if (!k.equalsIgnoreCase(KERNEL)) {
            throw new IllegalStateException("OpenBLAS loaded with kernel " + k + " although " + CORETYPE_ENV + "="
                    + KERNEL + " was set: start the JVM with " + CORETYPE_ENV + "=" + KERNEL);
        }
        String build = nativeBuild();
        if (!build.equals(GENERIC_BUILD)) {
            throw new IllegalStateException("nd4j-native build " + build + " is loaded, portable mode needs "
                    + GENERIC_BUILD + ": call PortableMode.enable() before anything uses JavaCPP or ND4J, and depend on "
                    + "org.nd4j:nd4j-native with classifier " + GENERIC_BUILD);
        }
        ThreadPinning.afterLoad();
        mode = PORTABLE;
        return inForce();
    }

    /**
     * The opt-out: the machine's own kernels and thread settings (fastest; results differ between machine types
     * and, for some networks, thread counts). Idempotent; does not load ND4J.
     *
     * @throws IllegalStateException when portable mode is already in force in this JVM
     */
    public static synchronized void machineSpecific() {
        if (mode.equals(PORTABLE)) {
            throw new IllegalStateException("portable mode is already in force in this JVM (it cannot be undone "
                    + "once OpenBLAS has loaded): choose machineSpecific() before enable(), in a new JVM");
        }
        mode = MACHINE_SPECIFIC;
    }

    /**
     * The C environment portable mode sets before the native libraries load ({@code OPENBLAS_CORETYPE}, one OpenMP
     * and one OpenBLAS thread), for JVMs that start before Seedbank can set it, such as Spark executors
     * ({@code spark.executorEnv.*}). In key order.
     */
    public static Map<String, String> nativeEnvironment() {
        return new TreeMap<>(Map.of(CORETYPE_ENV, KERNEL, ThreadPinning.OMP_ENV, "1",
                ThreadPinning.OPENBLAS_THREADS_ENV, "1"));
    }

    /** The JVM option that makes JavaCPP load nd4j-native's generic build, as {@link #enable()} does. */
    public static String javaOption() {
        return "-D" + EXTENSION_PROPERTY + "=" + GENERIC_EXTENSION;
    }

    /** The mode chosen in this JVM: {@link #PORTABLE}, {@link #MACHINE_SPECIFIC} or {@link #UNSET}. */
    public static synchronized String mode() {
        return mode;
    }

    /** What is in force now, read back from the libraries (loads ND4J). */
    public static synchronized PortableSettings inForce() {
        Nd4j.getBackend();
        Map<String, String> m = new HashMap<>();
        m.put("mode", mode);
        m.put("blas.kernel", OpenBlasKernel.current());
        String env = nativeEnv(CORETYPE_ENV);
        m.put("blas.coretype.env", env == null ? "unset" : env);
        m.put("blas.threads", Integer.toString(Nd4j.factory().blas().getMaxThreads()));
        m.put("nd4j.threads", Integer.toString(Nd4j.getEnvironment().maxThreads()));
        m.put("nd4j.master.threads", Integer.toString(Nd4j.getEnvironment().maxMasterThreads()));
        String omp = nativeEnv(ThreadPinning.OMP_ENV);
        m.put("omp.threads.env", omp == null ? "unset" : omp);
        m.put("nd4j.build", nativeBuild());
        m.put("cpu.simd", simd(cpuFlags()));
        m.put("platform", Loader.getPlatform());
        return new PortableSettings(m);
    }

    /** Sets {@code name=value} in the process's C environment (where native libraries read it). */
    static void setNativeEnv(String name, String value) {
        if (org.bytedeco.systems.global.linux.setenv(name, value, 1) != 0) {
            throw new IllegalStateException("setenv(" + name + ") failed: start the JVM with " + name + "=" + value);
        }
    }

    /** The value of {@code name} in the process's C environment (not Java's copy), or null. */
    static String nativeEnv(String name) {
        org.bytedeco.javacpp.BytePointer v = org.bytedeco.systems.global.linux.getenv(
                new org.bytedeco.javacpp.BytePointer(name));
        return v == null || v.isNull() ? null : v.getString(StandardCharsets.UTF_8);
    }

    /** The folder name of the loaded libnd4jcpu: {@code linux-x86_64}, {@code linux-x86_64-avx2}, ... */
    static String nativeBuild() {
        for (Map.Entry<String, String> e : new TreeMap<>(Loader.getLoadedLibraries()).entrySet()) {
            String path = e.getValue();
            if (path != null && path.contains("libnd4jcpu")) {
                Path parent = Path.of(path).getParent();
                return parent == null ? "unknown" : parent.getFileName().toString();
            }
        }
        return "unknown";
    }

    /** The CPU's flags from /proc/cpuinfo (empty when unreadable). */
    static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("flags")) {
                    int colon = line.indexOf(':');
                    return new TreeSet<>(java.util.Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
        return Set.of();
    }

    static String simd(Set<String> flags) {
        if (flags.contains("avx512f")) {
            return "avx512f";
        }
        if (flags.contains("avx2") && flags.contains("fma")) {
            return "avx2+fma";
        }
        if (flags.contains("avx")) {
            return "avx";
        }
        return flags.isEmpty() ? "unknown" : "sse";
    }

}
