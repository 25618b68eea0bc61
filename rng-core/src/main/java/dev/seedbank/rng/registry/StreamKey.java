package dev.seedbank.rng.registry;

import dev.seedbank.rng.stream.PhiloxStream;
import dev.seedbank.rng.stream.UnsignedLongs;

/**
 * The key of one stream: a value, like a JAX PRNG key. A key names a stream and derives its children by
 * {@link KeyDerivation}'s pure functions ({@code child} is JAX's {@code fold_in}): {@code key.child("epoch", 3)}
 * is the key of {@code path/epoch=3} when {@code key} is the key of {@code path}, on every JVM and thread. Derive
 * once and keep the key where a base is reused (each step is one SHA-256 hash), rather than re-deriving the path.
 *
 * <p>The 64-bit {@link #value()} is the cuRAND seed of the stream ({@link PhiloxStream}); it is the form to store
 * or to pass on a command line ({@link #of(long)} reads it back). Text form: {@code 0x} and 16 hex digits.
 *
 * <p>Immutable; thread-safe.
 */
public final class StreamKey {
    private final long value;

    private StreamKey(long value) {
        this.value = value;
    }

    /** The key whose 64-bit value is {@code value} (unsigned), e.g. one stored or given as {@code --key}. */
    public static StreamKey of(long value) {
        return new StreamKey(value);
    }

    /** The key of the empty path under {@code rootSeed} (unsigned 64-bit). */
    public static StreamKey root(long rootSeed) {
        return new StreamKey(KeyDerivation.rootKey(rootSeed));
    }

    /** The key of this stream's child {@code segment}. */
    public StreamKey child(PathSegment segment) {
        return new StreamKey(KeyDerivation.childKey(value, segment));
    }

    /** The key of child {@code name}, as the path {@code .../name}. */
    public StreamKey child(String name) {
        return child(new PathSegment.Name(name));
    }

    /** The key of child {@code index} (unsigned), as the path {@code .../index}. */
    public StreamKey child(long index) {
        return child(new PathSegment.Index(index));
    }

    /** The key of child {@code name=index} (index unsigned), as the path {@code .../name=index}. */
    public StreamKey child(String name, long index) {
        return child(new PathSegment.NamedIndex(name, index));
    }

    /** The key reached by following {@code path}'s segments from this key. */
    public StreamKey descend(StreamPath path) {
        return new StreamKey(KeyDerivation.descend(value, path));
    }

    /** A new stream of this key at position 0. */
    public PhiloxStream stream() {
        return new PhiloxStream(value);
    }

    /** The 64-bit value: the stream's cuRAND seed, and the form to store. */
    public long value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamKey k && k.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    /** {@code 0x} and 16 hex digits, e.g. {@code 0x00000000000000ff}. */
    @Override
    public String toString() {
        return UnsignedLongs.hex(value);
    }
}
