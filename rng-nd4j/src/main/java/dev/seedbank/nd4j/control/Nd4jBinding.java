package dev.seedbank.nd4j.control;

import dev.seedbank.rng.stream.PhiloxStream;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Binds the current thread's ND4J generator ({@link Nd4j#getRandom()}) to a stream for a scope, and
 * restores the generator's previous state when the scope closes:
 *
 * <pre>{@code
 * try (Nd4jBinding b = Nd4jBinding.bind(registry.stream("augment/sample=17"))) {
 *     INDArray noise = Nd4j.randn(DataType.FLOAT, 4, 4);   // a function of the stream only
 * }
 * // Nd4j.getRandom() continues exactly where it was before the scope
 * }</pre>
 *
 * <p>Binding seeds the generator with {@link Nd4jSeeds#seedFrom} (consuming two words of the stream, the
 * same two on every run). Closing restores the generator's native state ({@code rootState},
 * {@code nodeState}) and its recorded seed. Not restored: the Java-side Box-Muller cache of scalar
 * {@link Random#nextGaussian()} in ND4J's native generators (array ops never use it).
 *
 * <p>A binding belongs to the thread that opened it; bindings nest and must be closed innermost first,
 * on the same thread ({@link IllegalStateException} otherwise). Not thread-safe by design: one per thread.
 */
public final class Nd4jBinding implements AutoCloseable {
    private static final ThreadLocal<Nd4jBinding> INNERMOST = new ThreadLocal<>();

    private final Random generator;
    private final Thread owner;
    private final Nd4jBinding outer;
    private final long savedSeed;
    private final long savedRoot;
    private final long savedNode;
    private final long seed;
    private boolean closed;

    private Nd4jBinding(Random generator, long seed) {
        this.generator = generator;
        this.owner = Thread.currentThread();
        this.outer = INNERMOST.get();
        this.savedSeed = generator.getSeed();
        this.savedRoot = generator.rootState();
        this.savedNode = generator.nodeState();
        this.seed = seed;
    }

    /** Seeds this thread's ND4J generator from {@code stream} until the returned binding is closed. */
    public static Nd4jBinding bind(PhiloxStream stream) {
        return bindSeed(Nd4jSeeds.seedFrom(stream));
    }

    /**
     * Seeds this thread's ND4J generator with {@code seed} until the returned binding is closed.
     *
     * @throws IllegalArgumentException for seed 0, which ND4J reads as "use the clock"
     */
    public static Nd4jBinding bindSeed(long seed) {
        checkSeed(seed);
        Random generator = Nd4j.getRandom();
        Nd4jBinding binding = new Nd4jBinding(generator, seed);
        generator.setSeed(seed);
        INNERMOST.set(binding);
        return binding;
    }

    /**
     * Seeds this thread's ND4J generator from {@code stream} with no scope: nothing is restored. Used
     * where the generator should stay bound until the next reseed, e.g. between training iterations.
     *
     * @return the seed set
     */
    public static long reseed(PhiloxStream stream) {
        long seed = Nd4jSeeds.seedFrom(stream);
        Nd4j.getRandom().setSeed(seed);
        return seed;
    }

    /** The seed this binding set. */
    public long seed() {
        return seed;
    }

    /** The generator this binding seeded (the thread's generator when it was opened). */
    public Random generator() {
        return generator;
    }

    /** Restores the generator's state from before {@link #bind}. Closing twice does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("ND4J generator binding opened on thread '" + owner.getName()
                    + "' closed on thread '" + Thread.currentThread().getName() + "'");
        }
        if (INNERMOST.get() != this) {
            throw new IllegalStateException("ND4J generator bindings closed out of order: close the innermost first");
        }
        closed = true;
        if (savedSeed != 0L) {
            generator.setSeed(savedSeed); // restores getSeed(); the states are overwritten next
        }
        generator.setStates(savedRoot, savedNode);
        if (outer == null) {
            INNERMOST.remove();
        } else {
            INNERMOST.set(outer);
        }
    }

    static void checkSeed(long seed) {
        if (seed == 0L) {
            throw new IllegalArgumentException("ND4J seed 0 means \"seed from the clock\"; derive a nonzero seed"
                    + " (Nd4jSeeds.seedFrom does)");
        }
    }
}
