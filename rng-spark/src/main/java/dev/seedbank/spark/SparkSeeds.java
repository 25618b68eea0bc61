package dev.seedbank.spark;

import dev.seedbank.rng.registry.KeyDerivation;
import dev.seedbank.rng.registry.RootSeed;
import dev.seedbank.rng.registry.SeedRegistry;
import java.io.Serializable;
import org.apache.spark.SparkConf;

/**
 * The registry as a small serialisable value, carried from the driver to the executors inside task
 * closures: the root seed and the derivation version. Each executor rebuilds the same
 * {@link SeedRegistry} from it without coordination, since a registry is a pure function of (root seed,
 * path). The version travels with the seed so that an executor running another Seedbank derivation refuses
 * the value instead of deriving other streams silently.
 *
 * <p>Immutable; thread-safe.
 */
public final class SparkSeeds implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The Spark configuration key a driver may read its root seed from. */
    public static final String SEED_KEY = "spark.seedbank.seed";

    private final long rootSeed;
    private final String derivationVersion;

    SparkSeeds(long rootSeed, String derivationVersion) {
        this.rootSeed = rootSeed;
        this.derivationVersion = derivationVersion;
    }

    /** The value of {@code registry}. */
    public static SparkSeeds of(SeedRegistry registry) {
        return new SparkSeeds(registry.seed().value(), registry.derivationVersion());
    }

    /** The value of an explicit root seed. */
    public static SparkSeeds of(long rootSeed) {
        return of(SeedRegistry.of(rootSeed));
    }

    /**
     * The root seed set on the driver as {@value #SEED_KEY}. There is deliberately no fallback to a fresh
     * seed: a Spark job that is to be repeated must name its seed.
     *
     * @throws IllegalArgumentException when the key is missing or not a seed
     */
    public static SparkSeeds fromConf(SparkConf conf) {
        if (!conf.contains(SEED_KEY)) {
            throw new IllegalArgumentException("no Seedbank root seed on the driver: set " + SEED_KEY
                    + " in the Spark configuration (e.g. --conf " + SEED_KEY + "=42)");
        }
        return of(SeedRegistry.of(RootSeed.parse(conf.get(SEED_KEY), SEED_KEY)));
    }

    /** The root seed. */
    public long rootSeed() {
        return rootSeed;
    }

    /** The derivation version the driver derived with. */
    public String derivationVersion() {
        return derivationVersion;
    }

    /**
     * The registry, on whichever JVM this runs.
     *
     * @throws IllegalStateException when this value was made by another derivation version than this JVM's
     */
    public SeedRegistry registry() {
        if (!KeyDerivation.VERSION.equals(derivationVersion)) {
            throw new IllegalStateException("Seedbank registry value from derivation version '" + derivationVersion
                    + "' arrived at a JVM that derives with '" + KeyDerivation.VERSION
                    + "' (use the same Seedbank release on the driver and the executors)");
        }
        return SeedRegistry.of(rootSeed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparkSeeds s && s.rootSeed == rootSeed && s.derivationVersion.equals(derivationVersion);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(rootSeed) * 31 + derivationVersion.hashCode();
    }

    @Override
    public String toString() {
        return "SparkSeeds[rootSeed=" + Long.toUnsignedString(rootSeed) + ", derivation=" + derivationVersion + "]";
    }
}
