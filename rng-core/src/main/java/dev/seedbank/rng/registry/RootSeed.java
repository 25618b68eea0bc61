package dev.seedbank.rng.registry;

import dev.seedbank.rng.stream.UnsignedLongs;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's root seed and where it came from. Resolution order: system property {@code seedbank.seed},
 * then environment variable {@code SEEDBANK_SEED}, then a fresh seed from {@link SecureRandom}, logged at
 * WARN (an application that logs warnings only still learns that its run cannot be repeated without it). Values are decimal or 0x-hex, 0 .. 2^64-1. Immutable; thread-safe.
 *
 * @param value the seed (unsigned 64-bit)
 * @param source where it came from, e.g. {@code environment variable SEEDBANK_SEED}
 */
public record RootSeed(long value, String source) {
    public static final String PROPERTY = "seedbank.seed";
    public static final String ENVIRONMENT = "SEEDBANK_SEED";

    /** A seed given in code. */
    public static RootSeed explicit(long value) {
        return new RootSeed(value, "explicit");
    }

    /** Resolves from this JVM's system properties and environment. */
    public static RootSeed resolve() {
        return resolve(System.getProperties(), System.getenv());
    }

    /** Resolves from the given properties and environment (see the class comment for the order). */
    public static RootSeed resolve(Properties properties, Map<String, String> environment) {
        String property = properties.getProperty(PROPERTY);
        if (property != null) {
            return parse(property, "system property " + PROPERTY);
        }
        String env = environment.get(ENVIRONMENT);
        if (env != null) {
            return parse(env, "environment variable " + ENVIRONMENT);
        }
        long generated = new SecureRandom().nextLong();
        // the logger is looked up here only: resolving an explicit seed should not start logging
        Logger log = LoggerFactory.getLogger(RootSeed.class);
        log.warn("root seed {} was generated (neither system property {} nor {} is set); set {}={} to repeat this"
                + " run", UnsignedLongs.hex(generated), PROPERTY, ENVIRONMENT, ENVIRONMENT, UnsignedLongs.hex(generated));
        return new RootSeed(generated, "generated");
    }

    /** Parses a seed, naming {@code source} in the one-line error. */
    public static RootSeed parse(String text, String source) {
        return new RootSeed(UnsignedLongs.parse(text, "seed in " + source), source);
    }

    @Override
    public String toString() {
        return UnsignedLongs.hex(value) + " (" + source + ")";
    }
}
