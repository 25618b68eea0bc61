package dev.seedbank.nd4j.control;

import dev.seedbank.rng.registry.StreamKey;
import dev.seedbank.rng.stream.PhiloxStream;

/**
 * How a Seedbank stream becomes an ND4J generator seed.
 *
 * <p>ND4J generators take one 64-bit seed ({@code setSeed(s)} sets the native states to
 * {@code (s, s ^ 0xdeadbeef)}), and ND4J/DL4J treat a seed of 0 as "use the clock". A seed is therefore
 * drawn as {@link PhiloxStream#nextLong()} (two 32-bit words), repeated while it is 0: a stream at position
 * {@code p} yields the same seed every time and advances to {@code p + 2} (or further, with probability
 * 2^-64 per extra draw).
 *
 * <p>{@link #seedAt} derives a seed without consuming anything: the key reached from the stream's key by
 * the path {@code nd4j/<position>} ({@link StreamKey#child}), for binding ND4J inside a task scope without
 * shifting what the task itself draws from its stream.
 *
 * <p>Stateless; thread-safe.
 */
public final class Nd4jSeeds {
    private Nd4jSeeds() {
    }

    /** The next nonzero 64-bit value of {@code stream}: the ND4J seed it stands for. */
    public static long seedFrom(PhiloxStream stream) {
        if (stream == null) {
            throw new IllegalArgumentException("cannot derive an ND4J seed from a null stream");
        }
        long seed;
        do {
            seed = stream.nextLong();
        } while (seed == 0L);
        return seed;
    }

    /**
     * A nonzero seed that is a pure function of the stream's key and position; the stream is not advanced.
     * Equals {@code StreamKey.of(key).child("nd4j").child(position)}, or, when that is 0, the key of
     * {@code nd4j/position/0}, and so on.
     */
    public static long seedAt(PhiloxStream stream) {
        if (stream == null) {
            throw new IllegalArgumentException("cannot derive an ND4J seed from a null stream");
        }
        StreamKey seed = StreamKey.of(stream.key()).child("nd4j").child(stream.position());
        while (seed.value() == 0L) {
            seed = seed.child(0);
        }
        return seed.value();
    }
}
