package dev.seedbank.nd4j.portable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What is in force in this JVM for native CPU arithmetic, read back from the libraries, for the run manifest and
 * for {@code compare}: an immutable list of {@code key = value} pairs in a fixed order ({@link #KEYS}).
 *
 * <ul>
 *   <li>{@code mode}: {@code portable}, {@code machine-specific} or {@code unset} (neither was called);</li>
 *   <li>{@code blas.kernel}: the OpenBLAS kernel table actually in use ({@code HASWELL}, {@code ZEN},
 *       {@code SKYLAKEX}, ...; {@code not-loaded} before ND4J loads);</li>
 *   <li>{@code blas.coretype.env}: {@code OPENBLAS_CORETYPE} in the process's C environment ({@code unset});</li>
 *   <li>{@code blas.threads}: OpenBLAS's thread count as ND4J set it;</li>
 *   <li>{@code nd4j.threads}, {@code nd4j.master.threads}: libnd4j's thread counts ({@code Environment}); ND4J
 *       sets them from OMP_NUM_THREADS or the core count, portable mode to 1;</li>
 *   <li>{@code omp.threads.env}: {@code OMP_NUM_THREADS} in the C environment ({@code unset});</li>
 *   <li>{@code nd4j.build}: the nd4j-native build that loaded ({@code linux-x86_64}, {@code linux-x86_64-avx2},
 *       {@code linux-x86_64-avx512});</li>
 *   <li>{@code cpu.simd}: the widest of avx512f / avx2+fma / sse the CPU reports;</li>
 *   <li>{@code platform}: JavaCPP's platform name.</li>
 * </ul>
 *
 * <p>Immutable; thread-safe.
 */
public final class PortableSettings {
    /** The keys of {@link #asMap()}, in order. */
    public static final java.util.List<String> KEYS = java.util.List.of("mode", "blas.kernel", "blas.coretype.env",
            "blas.threads", "nd4j.threads", "nd4j.master.threads", "omp.threads.env", "nd4j.build", "cpu.simd", "platform");

    private final Map<String, String> values;

    PortableSettings(Map<String, String> values) {
        LinkedHashMap<String, String> ordered = new LinkedHashMap<>();
        for (String k : KEYS) {
            String v = values.get(k);
            ordered.put(k, v == null ? "unknown" : v);
        }
        if (!ordered.keySet().containsAll(values.keySet())) {
            throw new IllegalArgumentException("unknown settings key in " + values.keySet() + " (expected " + KEYS + ")");
        }
        this.values = Collections.unmodifiableMap(ordered);
    }

    /** The settings as an unmodifiable map in {@link #KEYS} order. */
    public Map<String, String> asMap() {
        return values;
    }

    /** The value of {@code key}, one of {@link #KEYS}. */
    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("unknown settings key '" + key + "' (expected one of " + KEYS + ")");
        }
        return v;
    }

    /** Whether portable mode is in force. */
    public boolean portable() {
        return values.get("mode").equals(PortableMode.PORTABLE);
    }

    /** One line: {@code key=value} pairs separated by spaces, in {@link #KEYS} order. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortableSettings s && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }
}
