package dev.seedbank.record;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import dev.seedbank.nd4j.portable.PortableMode;
import dev.seedbank.rng.stream.FillPath;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What of the machine can change training results: JVM, OS, CPU model and SIMD level, ND4J backend, version and
 * thread settings, BLAS vendor and threads, portable or machine-specific mode with the BLAS kernel, native build and
 * thread counts actually in force ({@code portable.*}), the environment variables that steer them, CUDA on the CUDA
 * backend (cuRAND, driver and devices when rng-cuda is on the classpath), and the Seedbank version and git commit.
 * Values are strings; an entry that cannot be read says why in its value.
 */
public final class EnvironmentFingerprint {
    /** Environment variables recorded when set (OMP_NUM_THREADS always). */
    private static final List<String> VARIABLE_PREFIXES = List.of("OMP_", "MKL_", "OPENBLAS_", "GOTO", "BACKEND_PRIORITY",
            "CUDA_", "ND4J_", "DL4J_", "SEEDBANK_", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "LD_PRELOAD");
    private static final List<String> SIMD = List.of("avx512f", "avx512bw", "avx512vl", "avx2", "fma", "avx", "sse4_2");

    /** Prefix of the entries read back by {@link PortableMode#inForce()}: mode, BLAS kernel, threads, native build. */
    public static final String PORTABLE_PREFIX = "portable.";

    private EnvironmentFingerprint() {
    }

    /** The fingerprint (initialises ND4J's backend). */
    public static Map<String, String> collect() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("seedbank.version", seedbankVersion());
        m.put("seedbank.gitCommit", gitCommit());
        m.put("seedbank.fillPath", FillPath.current());
        m.put("java.vendor", System.getProperty("java.vendor"));
        m.put("java.version", System.getProperty("java.version"));
        m.put("java.vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        m.put("os.name", System.getProperty("os.name"));
        m.put("os.version", System.getProperty("os.version"));
        m.put("os.arch", System.getProperty("os.arch"));
        cpu(m);
        nd4j(m);
        PortableMode.inForce().asMap().forEach((k, v) -> m.put(PORTABLE_PREFIX + k, v));
        Map<String, String> env = new TreeMap<>();
        System.getenv().forEach((k, v) -> {
            if (VARIABLE_PREFIXES.stream().anyMatch(k::startsWith)) {
                env.put(k, v);
            }
        });
        env.putIfAbsent("OMP_NUM_THREADS", "(unset)");
        env.forEach((k, v) -> m.put("env." + k, v));
        return m;
    }

    private static void cpu(Map<String, String> m) {
        m.put("cpu.logicalProcessors", String.valueOf(Runtime.getRuntime().availableProcessors()));
        Path info = Path.of("/proc/cpuinfo");
        String model = "(unknown: no /proc/cpuinfo)";
        String simd = "(unknown)";
        if (Files.isReadable(info)) {
            try {
                for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String key = line.substring(0, colon).trim();
                    String value = line.substring(colon + 1).trim();
                    if (key.equals("model name") && model.startsWith("(")) {
                        model = value;
                    } else if (key.equals("flags") && simd.startsWith("(")) {
                        List<String> flags = List.of(value.split("\\s+"));
                        List<String> present = new ArrayList<>();
                        for (String s : SIMD) {
                            if (flags.contains(s)) {
                                present.add(s);
                            }
                        }
                        simd = present.isEmpty() ? "(none of " + SIMD + ")" : String.join(" ", present);
                    }
                }
            } catch (IOException e) {
                model = "(unreadable: " + e.getMessage() + ")";
            }
        }
        m.put("cpu.model", model);
        m.put("cpu.simd", simd);
    }

    /** libnd4j's SIMD levels: 0 generic, 1 x86-64, 2 AVX2, 3 AVX-512 (what the binary was built for, and the CPU's best). */
    private static void simdLevels(Map<String, String> m) {
        String[] names = {"generic", "x86-64", "avx2", "avx512"};
        try {
            org.nd4j.nativeblas.NativeOps ops = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps();
            int binary = ops.binaryLevel();
            int optimal = ops.optimalLevel();
            m.put("nd4j.simd.binary", binary >= 0 && binary < names.length ? names[binary] : String.valueOf(binary));
            m.put("nd4j.simd.optimal", optimal >= 0 && optimal < names.length ? names[optimal] : String.valueOf(optimal));
        } catch (RuntimeException | LinkageError e) {
            m.put("nd4j.simd.binary", "(unknown: " + e.getClass().getSimpleName() + ")");
        }
    }

    private static void nd4j(Map<String, String> m) {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        Optional<Boolean> cpu = Optional.empty();
        m.put("nd4j.backend", backend);
        m.put("nd4j.version", mavenVersion("org.nd4j", "nd4j-native", mavenVersion("org.nd4j", "nd4j-api", "(unknown)")));
        m.put("nd4j.dataType", String.valueOf(Nd4j.dataType()));
        simdLevels(m);
        try {
            Environment env = Nd4j.getEnvironment();
            cpu = Optional.of(env.isCPU());
            m.put("nd4j.cpu", String.valueOf(cpu.get()));
            m.put("nd4j.helpersAllowed", String.valueOf(env.helpersAllowed()));
            m.put("nd4j.maxThreads", String.valueOf(env.maxThreads()));
            m.put("nd4j.maxMasterThreads", String.valueOf(env.maxMasterThreads()));
            m.put("nd4j.blasVersion", env.blasMajorVersion() + "." + env.blasMinorVersion() + "." + env.blasPatchVersion());
        } catch (RuntimeException | LinkageError e) {
            m.put("nd4j.environment", "(unavailable: " + e + ")");
        }
        try {
            Blas blas = Nd4j.factory().blas();
            m.put("blas.vendor", String.valueOf(blas.getBlasVendor()));
            m.put("blas.threads", String.valueOf(blas.getMaxThreads()));
        } catch (RuntimeException | LinkageError e) {
            m.put("blas.vendor", "(unavailable: " + e + ")");
        }
        try {
            Properties p = Nd4j.getExecutioner().getEnvironmentInformation();
            Map<String, String> sorted = new TreeMap<>();
            p.forEach((k, v) -> sorted.put(String.valueOf(k), String.valueOf(v)));
            sorted.forEach((k, v) -> {
                String key = "nd4j.env." + k;
                // memory figures change from run to run; they say nothing about results
                if (!k.toLowerCase(Locale.ROOT).contains("memory")) {
                    m.put(key, v);
                }
            });
        } catch (RuntimeException | LinkageError e) {
            m.put("nd4j.env", "(unavailable: " + e + ")");
        }
        m.putAll(CudaEntries.of(backend, cpu, CudaEntries.rngCuda()));
    }

    /** The Seedbank version from the jar's Maven metadata. */
    public static String seedbankVersion() {
        return mavenVersion("dev.seedbank", "run-record", "(development build)");
    }

    private static String mavenVersion(String group, String artifact, String fallback) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = EnvironmentFingerprint.class.getResourceAsStream(resource)) {
            if (in == null) {
                return fallback;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", fallback);
        } catch (IOException e) {
            return fallback;
        }
    }

    /** The commit of the git work tree the jar (or classes directory) lies in, read from {@code .git}; or why not. */
    public static String gitCommit() {
        try {
            Path here = Path.of(EnvironmentFingerprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = here.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path git = dir.resolve(".git");
                if (Files.isDirectory(git)) {
                    return readHead(git);
                }
            }
            return "(not in a git work tree)";
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }

    private static String readHead(Path git) throws IOException {
        String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).trim();
        if (!head.startsWith("ref: ")) {
            return head;
        }
        String ref = head.substring(5);
        Path loose = git.resolve(ref);
        if (Files.isRegularFile(loose)) {
            return Files.readString(loose, StandardCharsets.UTF_8).trim();
        }
        Path packed = git.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                if (line.endsWith(" " + ref)) {
                    return line.substring(0, line.indexOf(' '));
                }
            }
        }
        return "(unresolved " + ref + ")";
    }

    /** {@code key: value} lines, aligned. */
    public static List<String> lines(Map<String, String> m) {
        int width = m.keySet().stream().mapToInt(String::length).max().orElse(0);
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(String.format(Locale.ROOT, "%-" + width + "s  %s", k, v)));
        return out;
    }

    /** {@link #collect} as an ordered map copy. */
    static Map<String, String> copy(Map<String, String> m) {
        return new LinkedHashMap<>(m);
    }
}
