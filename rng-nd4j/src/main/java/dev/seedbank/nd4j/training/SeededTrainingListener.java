package dev.seedbank.nd4j.training;

import dev.seedbank.nd4j.control.Nd4jSeeds;
import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamKey;
import dev.seedbank.rng.registry.StreamPath;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes training-time randomness (dropout, noise layers, anything drawn from {@code Nd4j.getRandom()} by the
 * training thread) a function of the position in training only: before the iteration {@code I} of epoch
 * {@code E} runs, the training thread's ND4J generator is reseeded from stream
 * {@code train/epoch=E/iteration=I} ({@link Nd4jSeeds#seedFrom}). {@code I} is DL4J's iteration counter
 * (counted over the whole training, not reset per epoch), {@code E} its epoch counter; both are saved with
 * the model, so a restored model continues with the streams an uninterrupted run would have used.
 *
 * <p>When: in {@code onEpochStart} for (current epoch, current iteration), and in {@code iterationDone(I, E)}
 * for (E, I+1), the next iteration (rebound by {@code onEpochStart} when that iteration opens a new epoch).
 * What other code draws from the training thread's generator between two iterations (other listeners that
 * run after this one, evaluation) therefore does not shift the masks; add this listener last. For
 * {@code fit(DataSet)}/{@code fit(INDArray, INDArray)} called directly, no {@code onEpochStart} happens: call
 * {@link #bindNext(Model)} once before the first call.
 *
 * <p>The generator is reseeded, not restored: it stays bound until the next iteration rebinds it.
 * Thread-safe (stateless apart from the registry's key).
 */
public final class SeededTrainingListener extends BaseTrainingListener {
    /** The default stream path prefix. */
    public static final StreamPath TRAIN = StreamPath.parse("train");

    private final SeedRegistry registry;
    private final StreamPath base;
    private final StreamKey baseKey;

    /** Streams {@code train/epoch=E/iteration=I} of {@code registry}. */
    public SeededTrainingListener(SeedRegistry registry) {
        this(registry, TRAIN);
    }

    /** Streams {@code base/epoch=E/iteration=I} of {@code registry}, e.g. one base per model trained. */
    public SeededTrainingListener(SeedRegistry registry, StreamPath base) {
        if (registry == null || base == null) {
            throw new IllegalArgumentException("SeededTrainingListener needs a registry and a base path");
        }
        this.registry = registry;
        this.base = base;
        this.baseKey = registry.key(base);
    }

    /** The registry. */
    public SeedRegistry registry() {
        return registry;
    }

    /** The stream path of (epoch, iteration). */
    public StreamPath path(long epoch, long iteration) {
        return base.child("epoch", epoch).child("iteration", iteration);
    }

    /** The ND4J seed used for (epoch, iteration). */
    public long seed(long epoch, long iteration) {
        return Nd4jSeeds.seedFrom(baseKey.child("epoch", epoch).child("iteration", iteration).stream());
    }

    /** Reseeds the calling thread's ND4J generator for (epoch, iteration); returns the seed. */
    public long bind(long epoch, long iteration) {
        long seed = seed(epoch, iteration);
        Nd4j.getRandom().setSeed(seed);
        return seed;
    }

    /** Reseeds the calling thread's generator for {@code model}'s next iteration (its current counters). */
    public long bindNext(Model model) {
        return bind(BaseOptimizer.getEpochCount(model), BaseOptimizer.getIterationCount(model));
    }

    @Override
    public void onEpochStart(Model model) {
        bindNext(model);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        bind(epoch, (long) iteration + 1);
    }
}
