package dev.seedbank.rng.stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which code computes this JVM's fills: {@code vector-512} (or another width) when the Vector API module
 * {@code jdk.incubator.vector} is in the boot layer and the CPU multiplies 64-bit lanes natively at that width,
 * else {@code scalar}. The values are identical on every path; only the speed differs, so run records may name the
 * path ({@link #current()}) as an environment fact.
 *
 * <p>The choice is made once, at the first fill. The module is opt-in ({@code --add-modules
 * jdk.incubator.vector}); without it the scalar path runs and one INFO line says how to enable the vector path.
 * With it, the width is the CPU's preferred one; widths below {@value #MIN_AUTO_BITS} bits are not used (their
 * 64-bit lane multiplies are emulated, and the scalar path measured faster), and no width is ever used that the
 * CPU does not execute natively (the Vector API's Java fallback is two orders of magnitude slower). The system
 * property {@value #PROPERTY} ({@code auto}, {@code scalar}, {@code vector-<bits>}) overrides the choice, for tests
 * and measurements.
 *
 * <p>Stateless after the choice; thread-safe.
 */
public final class FillPath {
    /** System property that overrides the choice. */
    public static final String PROPERTY = "seedbank.fillPath";
    /** Name of the plain-Java path. */
    public static final String SCALAR = "scalar";
    /** Prefix of the vector paths' names, followed by the width in bits. */
    public static final String VECTOR_PREFIX = "vector-";
    private static final String AUTO = "auto";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_FILLS = "dev.seedbank.rng.stream.VectorBlockFills";
    /** Narrowest width chosen automatically: AVX-512 has 64-bit lane multiplies, AVX2 only emulates them. */
    static final int MIN_AUTO_BITS = 512;
    private static final Logger LOG = LoggerFactory.getLogger(FillPath.class);

    private FillPath() {
    }

    /** The path this JVM's fills take: {@code scalar} or {@code vector-<bits>} (for example {@code vector-512}). */
    public static String current() {
        return Chosen.NAME;
    }

    /** The implementation of that path. */
    static BlockFills blockFills() {
        return Chosen.FILLS;
    }

    /** The width requested by {@value #PROPERTY}, or 0 when it requests none. */
    static int requestedVectorBits() {
        String requested = requested();
        return requested.startsWith(VECTOR_PREFIX) ? Integer.parseInt(requested.substring(VECTOR_PREFIX.length())) : 0;
    }

    private static String requested() {
        String value = System.getProperty(PROPERTY, AUTO).trim();
        if (value.equals(AUTO) || value.equals(SCALAR) || value.matches(VECTOR_PREFIX + "(128|256|512)")) {
            return value;
        }
        LOG.warn("ignoring -D{}={}: expected auto, scalar or vector-128|256|512", PROPERTY, value);
        return AUTO;
    }

    /** The path taken: its name and implementation. */
    private record Choice(String name, BlockFills fills) {
    }

    /** Initialised at the first fill: the choice, and its log line. */
    private static final class Chosen {
        static final Choice CHOICE = choose();
        static final String NAME = CHOICE.name();
        static final BlockFills FILLS = CHOICE.fills();

        private static Choice choose() {
            Choice scalar = new Choice(SCALAR, ScalarBlockFills.INSTANCE);
            String requested = requested();
            if (requested.equals(SCALAR)) {
                return scalar;
            }
            if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
                LOG.info("Seedbank fills run on the scalar path; start the JVM with --add-modules {} for the vector "
                        + "path (the same values, faster on CPUs with AVX-512)", VECTOR_MODULE);
                return scalar;
            }
            try {
                Class<?> vector = Class.forName(VECTOR_FILLS);
                int bits = (int) vector.getDeclaredMethod("bits").invoke(null);
                if (requested.equals(AUTO) && bits < MIN_AUTO_BITS) {
                    LOG.info("Seedbank fills run on the scalar path: this CPU's vectors are {} bits, and the vector "
                            + "path needs {} (64-bit lane multiplies)", bits, MIN_AUTO_BITS);
                    return scalar;
                }
                return new Choice(VECTOR_PREFIX + bits, (BlockFills) vector.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot load " + VECTOR_FILLS, e);
            }
        }
    }
}
