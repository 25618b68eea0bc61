package dev.seedbank.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The fills as they were before issue 13 (the baseline the speed targets are relative to): {@code StreamFills}
 * loaded from the rng-core jar that {@code benchmarks/run.sh} builds from commit {@code $BASELINE} into
 * {@value #JAR_PROPERTY}, in its own class loader so that it runs beside the current rng-core in one JMH run
 * without a copy of its code here.
 *
 * <p>Immutable; thread-safe.
 */
final class BaselineFills {
    /** System property naming the baseline rng-core jar. */
    static final String JAR_PROPERTY = "seedbank.baselineJar";
    private static final String FILLS = "dev.seedbank.rng.stream.StreamFills";

    final MethodHandle words;
    final MethodHandle uniform;
    final MethodHandle normal;

    BaselineFills() throws ReflectiveOperationException {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null) {
            throw new IllegalStateException("-D" + JAR_PROPERTY + " is not set (benchmarks/run.sh builds the jar)");
        }
        try {
            URL url = Path.of(jar).toUri().toURL();
            // the platform loader as parent: the baseline must not see the current rng-core on the class path
            Class<?> fills = Class.forName(FILLS, true,
                    new URLClassLoader(new URL[] {url}, ClassLoader.getPlatformClassLoader()));
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            words = lookup.findStatic(fills, "words",
                    MethodType.methodType(void.class, long.class, long.class, long.class, int[].class, int.class,
                            int.class));
            uniform = lookup.findStatic(fills, "uniform",
                    MethodType.methodType(void.class, long.class, long.class, long.class, float[].class, int.class,
                            int.class));
            normal = lookup.findStatic(fills, "normal",
                    MethodType.methodType(void.class, long.class, long.class, long.class, float[].class, int.class,
                            int.class, float.class, float.class));
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException("bad -D" + JAR_PROPERTY + "=" + jar, e);
        }
    }
}
