package dev.seedbank.rng.stream;

import java.util.Random;

/**
 * A {@link Random} view of a {@link PhiloxStream}, for APIs that still take {@code java.util.Random}
 * (for example {@code Collections.shuffle} or DL4J's {@code DataSet.shuffle(long)}-style code).
 * Every draw delegates to the stream; {@code next(bits)} is the top {@code bits} of one word.
 *
 * <p>Unlike {@code java.util.Random}, not thread-safe: it shares the stream's single-thread rule.
 * {@link #setSeed(long)} throws, because reseeding would silently break the stream's derivation.
 */
public final class StreamRandom extends Random {
    private static final long serialVersionUID = 1L;

    private final transient PhiloxStream stream;
    private final transient boolean constructed;

    /** Wraps {@code stream}; draws advance it. */
    public StreamRandom(PhiloxStream stream) {
        super(0L);
        this.stream = stream;
        this.constructed = true;
    }

    /** The wrapped stream. */
    public PhiloxStream stream() {
        return stream;
    }

    @Override
    protected int next(int bits) {
        return stream.nextInt() >>> (32 - bits);
    }

    @Override
    public int nextInt() {
        return stream.nextInt();
    }

    @Override
    public int nextInt(int bound) {
        return stream.nextInt(bound);
    }

    @Override
    public long nextLong() {
        return stream.nextLong();
    }

    @Override
    public float nextFloat() {
        return stream.nextFloat();
    }

    @Override
    public double nextDouble() {
        return stream.nextDouble();
    }

    @Override
    public double nextGaussian() {
        return stream.nextGaussian();
    }

    @Override
    public boolean nextBoolean() {
        return stream.nextBoolean();
    }

    /** Allowed only from {@code Random}'s own constructor. */
    @Override
    public synchronized void setSeed(long seed) {
        if (constructed) {
            throw new UnsupportedOperationException("a StreamRandom cannot be reseeded: derive another "
                    + "stream from the seed registry instead");
        }
    }
}
