package dev.seedbank.rng.registry;

import dev.seedbank.rng.stream.PhiloxStream;

/**
 * One root seed and the streams derived from it: {@code stream("init/dense_1/W")} is always the same
 * stream, whatever else was derived, in whichever order, on whichever thread or JVM
 * ({@link KeyDerivation} version {@value KeyDerivation#VERSION}).
 *
 * <p>Immutable; thread-safe: share one registry between threads, and give each thread its own streams.
 */
public final class SeedRegistry {
    private final RootSeed seed;
    private final StreamKey rootKey;

    private SeedRegistry(RootSeed seed) {
        this.seed = seed;
        this.rootKey = StreamKey.root(seed.value());
    }

    /** A registry for an explicit root seed. */
    public static SeedRegistry of(long rootSeed) {
        return new SeedRegistry(RootSeed.explicit(rootSeed));
    }

    /** A registry for a resolved root seed. */
    public static SeedRegistry of(RootSeed seed) {
        return new SeedRegistry(seed);
    }

    /** A registry seeded from {@code seedbank.seed}, {@code SEEDBANK_SEED} or a logged fresh seed. */
    public static SeedRegistry fromEnvironment() {
        return new SeedRegistry(RootSeed.resolve());
    }

    /** The root seed and its source. */
    public RootSeed seed() {
        return seed;
    }

    /** The derivation version, to record next to the seed. */
    public String derivationVersion() {
        return KeyDerivation.VERSION;
    }

    /** The key of {@code path}: derive children from it ({@link StreamKey#child}) where a base is reused. */
    public StreamKey key(StreamPath path) {
        return rootKey.descend(path);
    }

    /** The key of the path written as text, e.g. {@code data/shuffle/epoch=3}. */
    public StreamKey key(String path) {
        return key(StreamPath.parse(path));
    }

    /** A new stream at position 0 for {@code path}. */
    public PhiloxStream stream(StreamPath path) {
        return key(path).stream();
    }

    /** A new stream at position 0 for the path written as text. */
    public PhiloxStream stream(String path) {
        return stream(StreamPath.parse(path));
    }
}
