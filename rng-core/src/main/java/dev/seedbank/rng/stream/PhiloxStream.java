package dev.seedbank.rng.stream;

import java.util.ConcurrentModificationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.random.RandomGenerator;

/**
 * A Seedbank stream: the cuRAND Philox4_32_10 sequence of one 64-bit key, read from a movable
 * position. Word {@code i} is {@code curandGenerate}'s output {@code i} for seed {@code key}
 * (see {@link Philox4x32}). Each bulk fill of {@code n} values returns exactly what cuRAND's host API
 * returns for that format after {@code curandSetGeneratorOffset(position)}, then advances the position
 * by {@code n}, as cuRAND's offset counts values (see {@link StreamFills} for the layouts: the double
 * formats depend on where a fill starts, so two double fills differ from one fill of both sizes, as they
 * do in cuRAND after a new offset). Skipping is O(1) and the state is the {@link StreamState} value
 * (key, position).
 *
 * <p>Scalar draws follow {@link RandomGenerator}'s contracts: {@code nextInt()} is one word,
 * {@code nextLong()} two words (the first is the low half), {@code nextFloat()} and
 * {@code nextDouble()} lie in [0, 1) (unlike cuRAND's (0, 1] uniforms, available as fills), and
 * {@code nextGaussian()} is a one-value normal-double fill. Bounded draws are the JDK's unbiased
 * defaults.
 *
 * <p>Not thread-safe: a stream is a cursor and belongs to one thread at a time (give each thread its
 * own stream, see {@code dev.seedbank.rng.scope}). With the system property
 * {@code seedbank.checkConcurrentUse=true} every draw checks that no other thread is inside this
 * stream and throws {@link ConcurrentModificationException} naming both threads if one is; the
 * check costs two atomic operations per call.
 */
public final class PhiloxStream implements RandomGenerator {
    static final boolean CHECK_CONCURRENT_USE = Boolean.getBoolean("seedbank.checkConcurrentUse");

    private final long key;
    private long position;
    /** First of the two blocks whose words are in {@link #cached} (Philox4x32 computes blocks in pairs); -1 when none. */
    private long cachedBlock = -1;
    private final int[] cached = new int[2 * Philox4x32.BLOCK_WORDS];
    private final AtomicReference<Thread> user = CHECK_CONCURRENT_USE ? new AtomicReference<>() : null;

    /** A stream of {@code key} at position 0. */
    public PhiloxStream(long key) {
        this(key, 0);
    }

    /** A stream of {@code key} at {@code position} (unsigned). */
    public PhiloxStream(long key, long position) {
        this.key = key;
        this.position = position;
    }

    /** Continues the stream saved as {@code state}. */
    public static PhiloxStream restore(StreamState state) {
        return new PhiloxStream(state.key(), state.position());
    }

    /** The stream key. */
    public long key() {
        return key;
    }

    /** Index of the next word (unsigned). */
    public long position() {
        return position;
    }

    /** Moves to word {@code newPosition} (unsigned); O(1). */
    public void position(long newPosition) {
        enter();
        this.position = newPosition;
        exit();
    }

    /** Skips {@code words} words (unsigned, wraps modulo 2^64); O(1). */
    public void skip(long words) {
        enter();
        this.position += words;
        exit();
    }

    /** The current state, a value that {@link #restore(StreamState)} continues exactly. */
    public StreamState state() {
        return new StreamState(key, position);
    }

    @Override
    public int nextInt() {
        enter();
        try {
            return word();
        } finally {
            exit();
        }
    }

    @Override
    public long nextLong() {
        enter();
        try {
            return wordPair();
        } finally {
            exit();
        }
    }

    /** Uniform in [0, 1): the top 24 bits of one word. */
    @Override
    public float nextFloat() {
        return (nextInt() >>> 8) * 0x1p-24f;
    }

    /** Uniform in [0, 1): the top 53 bits of {@link #nextLong()}. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1p-53;
    }

    /** Standard normal: {@link #fillNormalDouble} of one value. */
    @Override
    public double nextGaussian() {
        double[] one = new double[1];
        fillNormalDouble(one, 0, 1, 0.0, 1.0);
        return one[0];
    }

    /** Fills {@code dst[from, to)} with 32-bit words ({@code curandGenerate}) and advances. */
    public void fillWords(int[] dst, int from, int to) {
        fill(to - from, origin -> StreamFills.words(key, origin, 0, dst, from, to));
    }

    /** Fills {@code dst[from, to)} with uniforms in (0, 1] ({@code curandGenerateUniform}) and advances. */
    public void fillUniform(float[] dst, int from, int to) {
        fill(to - from, origin -> StreamFills.uniform(key, origin, 0, dst, from, to));
    }

    /** Fills {@code dst[from, to)} with uniforms in (0, 1] ({@code curandGenerateUniformDouble}) and advances. */
    public void fillUniformDouble(double[] dst, int from, int to) {
        fill(to - from, origin -> StreamFills.uniformDouble(key, origin, 0, dst, from, to));
    }

    /** Fills {@code dst[from, to)} with normals ({@code curandGenerateNormal}) and advances. */
    public void fillNormal(float[] dst, int from, int to, float mean, float stddev) {
        fill(to - from, origin -> StreamFills.normal(key, origin, 0, dst, from, to, mean, stddev));
    }

    /** Fills {@code dst[from, to)} with normals ({@code curandGenerateNormalDouble}) and advances. */
    public void fillNormalDouble(double[] dst, int from, int to, double mean, double stddev) {
        fill(to - from, origin -> StreamFills.normalDouble(key, origin, 0, dst, from, to, mean, stddev));
    }

    /**
     * Advances past {@code values} values and returns the position they start at: the origin for callers
     * that fill elsewhere (in parallel, into native memory, on a GPU) exactly as the fill methods would.
     */
    public long reserve(long values) {
        enter();
        try {
            long start = position;
            position += values;
            return start;
        } finally {
            exit();
        }
    }

    @Override
    public String toString() {
        return "PhiloxStream[" + state() + "]";
    }

    /** Runs one fill at the current position as the origin, then advances past its {@code count} values. */
    private void fill(int count, LongConsumer atOrigin) {
        enter();
        try {
            atOrigin.accept(position);
            position += count;
        } finally {
            exit();
        }
    }

    private long wordPair() {
        long lo = word() & 0xFFFFFFFFL;
        return lo | ((long) word() << 32);
    }

    private int word() {
        long block = position >>> 2;
        long inCache = block - cachedBlock;
        if (cachedBlock < 0 || inCache < 0 || inCache > 1) {
            Philox4x32.blocks(key, block, cached, 0, 2);
            cachedBlock = block;
            inCache = 0;
        }
        return cached[(int) (inCache * Philox4x32.BLOCK_WORDS + (position++ & 3))];
    }

    private void enter() {
        if (CHECK_CONCURRENT_USE) {
            Thread me = Thread.currentThread();
            if (!user.compareAndSet(null, me)) {
                Thread other = user.get();
                throw new ConcurrentModificationException("stream " + UnsignedLongs.hex(key)
                        + " used concurrently by threads '" + me.getName() + "' and '"
                        + (other == null ? "?" : other.getName())
                        + "': give each thread its own stream (dev.seedbank.rng.scope)");
            }
        }
    }

    private void exit() {
        if (CHECK_CONCURRENT_USE) {
            user.set(null);
        }
    }
}
