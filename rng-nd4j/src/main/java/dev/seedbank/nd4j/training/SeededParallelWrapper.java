package dev.seedbank.nd4j.training;

import dev.seedbank.nd4j.control.Nd4jBinding;
import dev.seedbank.nd4j.control.Nd4jSeeds;
import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamKey;
import dev.seedbank.rng.registry.StreamPath;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.deeplearning4j.parallelism.factory.DefaultTrainerContext;
import org.deeplearning4j.parallelism.factory.TrainerContext;
import org.deeplearning4j.parallelism.trainer.DefaultTrainer;
import org.deeplearning4j.parallelism.trainer.Trainer;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@link ParallelWrapper} (parameter averaging) with one deterministic random stream per worker:
 *
 * <pre>{@code
 * ParallelWrapper pw = new ParallelWrapper.Builder<>(net).workers(4).averagingFrequency(3).build();
 * SeededParallelWrapper seeded = SeededParallelWrapper.install(pw, registry);
 * seeded.fit(EpochShuffledIterator.forModel(data, 32, registry, net), epochs);
 * }</pre>
 *
 * <h2>What DL4J does (1.0.0-M2.1, read from its source)</h2>
 * {@code fit} creates {@code workers} trainers, numbered {@code k = 0..workers-1}; trainer {@code k} runs on pool
 * thread {@code "ParallelWrapper training thread k"}, created afresh by every {@code fit} call. Round {@code r} takes
 * the next {@code workers} batches of the iterator in order and gives the {@code k}-th to worker {@code k}
 * (the last round of a pass may feed fewer workers). Worker 0 trains the wrapped model itself; worker
 * {@code k >= 1} builds a replica from the model's configuration JSON, calls {@code init()} (which reseeds its
 * thread's ND4J generator with the configuration seed, so that all replicas share one random sequence) and
 * then copies the wrapped model's parameters and updater state, without any lock against worker 0, which may
 * already be training the wrapped model. Every {@code averagingFrequency} rounds (counted over the wrapper's life,
 * not reset by {@code fit}) the coordinating thread averages the parameters and updater states of the workers
 * fed in that round ({@code Nd4j.averageAndPropagate}, element by element in worker order). The wrapper's
 * listeners are set on every replica; the same listener object is shared by all workers (only
 * {@code RoutingIterationListener}s are cloned) and called on each worker's thread. With {@code prefetchBuffer > 0}
 * and an iterator that supports it, an {@code AsyncDataSetIterator} prefetch thread reads the iterator. The
 * wrapper never touches the epoch counter. Note that {@code Builder.trainerFactory} is ignored in averaging mode
 * ({@code build()} replaces it with {@code DefaultTrainerContext}); {@link #install} sets the context afterwards.
 *
 * <h2>What this class changes</h2>
 * <ul>
 *   <li>Before each step, worker {@code k}'s thread generator is reseeded ({@link Nd4jSeeds#seedFrom}) from stream
 *       {@code train/worker=k/epoch=E/iteration=I}, where {@code E} and {@code I} are the epoch and iteration
 *       counters of the model that worker trains, read before the step. Worker 0 trains the wrapped model, and each
 *       replica starts a {@code fit} call with the wrapped model's counters, so {@code I} is the round number
 *       counted over the whole training: every worker of a round uses the same {@code (E, I)} and its own
 *       {@code k}. Dropout and noise masks of worker {@code k} depend on {@code (k, E, I)} only: distinct workers
 *       draw distinct masks, whichever listeners (including a shared {@link SeededTrainingListener}) run.</li>
 *   <li>Replica initialisation is made deterministic: worker 0 (which trains the wrapped model) waits before its
 *       first step of each {@code fit} until every worker {@code k >= 1} has built its replica from the wrapped
 *       model, so every replica starts from exactly the parameters, updater state and counters the wrapped model
 *       had when {@code fit} was called, however the threads are scheduled. (The replica's own {@code init()}
 *       draws are overwritten by the copy.) No copy of the model is taken: the replicas read the wrapped model
 *       itself, as in DL4J, while nothing changes it. A worker that fails to build its replica makes worker 0
 *       fail too, so that {@code fit} reports the failure instead of waiting for ever.</li>
 * </ul>
 *
 * <h2>What is guaranteed</h2>
 * Two trainings give bitwise identical final parameters when all of these are the same:
 * the registry (root seed, derivation version) and base path; the wrapped model's configuration, parameters,
 * updater state and counters when training starts; the worker count; the averaging frequency and
 * {@code averageUpdaters}; the sequence of {@code fit} calls on one wrapper instance (averaging rounds are counted
 * over the wrapper's life); and the batch sequence the iterator yields (use {@link EpochShuffledIterator}, whose
 * order and pre-processing depend on the root seed and epoch only, also on the prefetch thread). It holds in one
 * JVM or in separate ones, on the same backend with the same ND4J/OpenMP thread settings, and does not depend
 * on {@code prefetchBuffer} or on thread scheduling. Tested on {@code nd4j-native} (one device).
 *
 * <h2>What is not guaranteed</h2>
 * <ul>
 *   <li>Equality across worker counts: the data split, the number of models averaged and the streams used all
 *       change with the worker count, so results differ (each count is reproducible on its own). Likewise across
 *       averaging frequencies.</li>
 *   <li>{@code TrainingMode.SHARED_GRADIENTS} and {@code CUSTOM} (asynchronous, thresholded gradient sharing):
 *       {@link #install} refuses them.</li>
 *   <li>Several devices ({@code Nd4j.getAffinityManager().getNumberOfDevices() > 1}, where DL4J interleaves
 *       prefetched batches per device): not tested.</li>
 *   <li>Bit-exact resume from a checkpoint with a new wrapper: the new wrapper counts averaging rounds from 0, so
 *       it matches an uninterrupted run only when the rounds before the checkpoint are a multiple of the averaging
 *       frequency (not tested).</li>
 *   <li>Randomness outside the worker threads' ND4J generators (see {@code Nd4jSeeding} for other threads), and
 *       listeners whose own behaviour depends on timing.</li>
 * </ul>
 *
 * <p>One instance belongs to one wrapper. {@code init} and {@code create} run on the thread that calls
 * {@code ParallelWrapper.fit} (DL4J's {@code fit} is synchronized); {@link #seed}, {@link #path} and
 * {@link #bind} are thread-safe.
 *
 * <p>Why one large class: it is DL4J's trainer context for the wrapper (creating, initialising and finishing the
 * workers), and its worker class, replica barrier and per-worker keys must agree with each other; much of its
 * length is this comment, the record of the DL4J behaviour it relies on.
 */
public final class SeededParallelWrapper implements TrainerContext {
    /** The default stream path prefix. */
    public static final StreamPath TRAIN = SeededTrainingListener.TRAIN;
    private static final StreamPath INIT = StreamPath.parse("parallel/init");

    private final ParallelWrapper wrapper;
    private final SeedRegistry registry;
    private final StreamPath base;
    private final StreamKey baseKey;
    private final Consumer<Model> onEpochEnd;
    /** The replicas of the current {@code fit}, created in {@link #init}. Coordinating thread only. */
    private ReplicaBarrier replicas;

    private SeededParallelWrapper(ParallelWrapper wrapper, SeedRegistry registry, StreamPath base,
            Consumer<Model> onEpochEnd) {
        this.wrapper = wrapper;
        this.registry = registry;
        this.base = base;
        this.baseKey = registry.key(base);
        this.onEpochEnd = onEpochEnd;
    }

    /** {@link #install(ParallelWrapper, SeedRegistry, StreamPath)} with streams {@code train/worker=k/...}. */
    public static SeededParallelWrapper install(ParallelWrapper wrapper, SeedRegistry registry) {
        return install(wrapper, registry, TRAIN);
    }

    /**
     * Makes {@code wrapper} train with per-worker streams {@code base/worker=k/epoch=E/iteration=I} of
     * {@code registry}. Call after {@code build()} and before {@code fit} (or between two {@code fit} calls).
     *
     * @throws IllegalArgumentException for a wrapper in gradient-sharing mode or with another custom trainer context
     * @throws IllegalStateException while the wrapper is training
     */
    public static SeededParallelWrapper install(ParallelWrapper wrapper, SeedRegistry registry, StreamPath base) {
        return install(wrapper, registry, base, model -> { });
    }

    /**
     * {@link #install(ParallelWrapper, SeedRegistry, StreamPath)}, calling {@code onEpochEnd} with the wrapped model
     * at the end of every {@code wrapper.fit(iterator)}, before its epoch counter is incremented (what DL4J's
     * {@code onEpochEnd} listeners see in {@code MultiLayerNetwork.fit}).
     */
    public static SeededParallelWrapper install(ParallelWrapper wrapper, SeedRegistry registry, StreamPath base,
            Consumer<Model> onEpochEnd) {
        if (wrapper == null || registry == null || base == null || onEpochEnd == null) {
            throw new IllegalArgumentException("SeededParallelWrapper.install needs a wrapper, a registry and a base path");
        }
        if (wrapper.getGradientsAccumulator() != null) {
            throw new IllegalArgumentException("SeededParallelWrapper supports parameter averaging only"
                    + " (TrainingMode.AVERAGING); this wrapper shares gradients through "
                    + wrapper.getGradientsAccumulator().getClass().getName() + ", which is not reproducible");
        }
        TrainerContext current = wrapper.getTrainerContext();
        if (current != null && current.getClass() != DefaultTrainerContext.class && !(current instanceof SeededParallelWrapper)) {
            throw new IllegalArgumentException("SeededParallelWrapper would replace the wrapper's trainer context "
                    + current.getClass().getName() + "; only DL4J's DefaultTrainerContext (averaging mode) can be replaced");
        }
        if (wrapper.getZoo() != null) {
            throw new IllegalStateException("the wrapper is training; install SeededParallelWrapper before fit()");
        }
        if (!(wrapper.getModel() instanceof MultiLayerNetwork) && !(wrapper.getModel() instanceof ComputationGraph)) {
            throw new IllegalArgumentException("SeededParallelWrapper needs a MultiLayerNetwork or ComputationGraph, got "
                    + (wrapper.getModel() == null ? "null" : wrapper.getModel().getClass().getName()));
        }
        SeededParallelWrapper seeded = new SeededParallelWrapper(wrapper, registry, base, onEpochEnd);
        wrapper.setTrainerContext(seeded);
        return seeded;
    }

    /** The wrapper this instance is installed on. */
    public ParallelWrapper wrapper() {
        return wrapper;
    }

    /** The registry. */
    public SeedRegistry registry() {
        return registry;
    }

    /** The stream path of worker {@code worker} at (epoch, iteration). */
    public StreamPath path(int worker, long epoch, long iteration) {
        return base.child("worker", worker).child("epoch", epoch).child("iteration", iteration);
    }

    /** The ND4J seed of worker {@code worker} at (epoch, iteration): {@code seedFrom(registry.stream(path(...)))}. */
    public long seed(int worker, long epoch, long iteration) {
        return Nd4jSeeds.seedFrom(baseKey.child("worker", worker).child("epoch", epoch).child("iteration", iteration)
                .stream());
    }

    /** Reseeds the calling thread's ND4J generator for worker {@code worker} at (epoch, iteration); returns the seed. */
    public long bind(int worker, long epoch, long iteration) {
        long seed = seed(worker, epoch, iteration);
        Nd4j.getRandom().setSeed(seed);
        return seed;
    }

    /**
     * Trains {@code epochs} passes over {@code data}: for each, resets the iterator (when supported) and calls the
     * wrapper's {@code fit}, which (with this context installed) increments the wrapped model's epoch counter at
     * its end, so that {@code E} in the stream paths and {@link EpochShuffledIterator#forModel}'s epoch advance.
     */
    public void fit(DataSetIterator data, int epochs) {
        if (data == null || epochs < 0) {
            throw new IllegalArgumentException("fit needs an iterator and a non-negative number of epochs");
        }
        for (int e = 0; e < epochs; e++) {
            if (data.resetSupported()) {
                data.reset();
            }
            wrapper.fit(data);
        }
    }

    /**
     * The end of one {@code wrapper.fit}: worker 0 (which trains the wrapped model) is shut down after the last
     * round. ParallelWrapper never advances the epoch counter; this does, so that per-epoch {@code fit} calls see
     * epochs 0, 1, 2, ... as {@code MultiLayerNetwork.fit(iterator)} does.
     */
    private void fitEnded(Model model, boolean trained) {
        if (!trained) {
            return;
        }
        onEpochEnd.accept(model);
        if (model instanceof MultiLayerNetwork net) {
            net.incrementEpochCount();
        } else {
            ((ComputationGraph) model).incrementEpochCount();
        }
    }

    // ---- TrainerContext: called by ParallelWrapper on the thread that calls fit ----

    /**
     * Prepares the wrapped model for the replicas to read (initialised, updater created) and a barrier that keeps
     * worker 0 from training until every replica is built, before any worker starts.
     */
    @Override
    public void init(Model model, Object... args) {
        if (model != wrapper.getModel()) {
            throw new IllegalStateException("SeededParallelWrapper installed on another wrapper's model");
        }
        // init() of an uninitialised graph reseeds from the configuration seed; this thread's generator is
        // restored afterwards (a MultiLayerNetwork is initialised already: ParallelWrapper's constructor needs its
        // updater). Creating the updater here means the workers only read the wrapped model.
        try (Nd4jBinding ignored = Nd4jBinding.bind(registry.stream(INIT))) {
            if (model instanceof ComputationGraph graph) {
                graph.init();
                graph.getUpdater();
            } else {
                ((MultiLayerNetwork) model).getUpdater();
            }
        }
        replicas = new ReplicaBarrier(wrapper.getWorkers() - 1);
    }

    @Override
    public Trainer create(String uuid, int threadId, Model model, int rootDevice, boolean useMDS, ParallelWrapper wrapper,
            WorkspaceMode workspaceMode, int averagingFrequency) {
        if (wrapper != this.wrapper) {
            throw new IllegalStateException("SeededParallelWrapper installed on another wrapper");
        }
        if (replicas == null) {
            throw new IllegalStateException("worker " + threadId + " created before init");
        }
        return new Worker(this, replicas, uuid, threadId, model, useMDS, wrapper, workspaceMode, averagingFrequency);
    }

    @Override
    public void finalizeRound(Model originalModel, Model... models) {
        // averaging is done by ParallelWrapper itself
    }

    @Override
    public void finalizeTraining(Model originalModel, Model... models) {
        finalizeRound(originalModel, models);
    }

    /**
     * Counts the replicas of one {@code fit} built; worker 0 waits for all of them before its first step. A
     * worker that ends without building its replica counts as failed, so that worker 0 does not wait for ever.
     */
    private static final class ReplicaBarrier {
        private final CountDownLatch pending;
        private volatile int failedWorker = -1;

        ReplicaBarrier(int replicas) {
            pending = new CountDownLatch(replicas);
        }

        void built() {
            pending.countDown();
        }

        void failed(int worker) {
            failedWorker = worker;
            pending.countDown();
        }

        void await() {
            try {
                pending.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the ParallelWrapper replicas", e);
            }
            if (failedWorker >= 0) {
                throw new IllegalStateException("ParallelWrapper worker " + failedWorker
                        + " failed before building its replica; see that worker's exception");
            }
        }
    }

    /** DL4J's averaging trainer, with the worker's stream bound before every step and replicas built first. */
    private static final class Worker extends DefaultTrainer {
        private final transient SeededParallelWrapper seeding;
        private final transient ReplicaBarrier replicas;
        /** Worker k >= 1: the replica is built. Worker 0: the replicas were awaited. This worker's thread only. */
        private boolean ready;
        private volatile boolean trained;

        Worker(SeededParallelWrapper seeding, ReplicaBarrier replicas, String uuid, int threadId, Model wrapped,
                boolean useMDS, ParallelWrapper wrapper, WorkspaceMode workspaceMode, int averagingFrequency) {
            super();
            this.seeding = seeding;
            this.replicas = replicas;
            this.originalModel = wrapped;
            this.replicatedModel = wrapped;
            this.threadId = threadId;
            this.parallelWrapper = wrapper;
            this.workspaceMode = workspaceMode;
            this.useMDS = useMDS;
            this.uuid = uuid + "_thread_" + threadId;
            this.averagingFrequency = averagingFrequency;
            setupIfNeccessary();
            setName("SeededParallelWrapper trainer " + threadId);
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                super.run();
            } finally {
                if (threadId > 0 && !ready) {
                    replicas.failed(threadId);
                }
            }
        }

        @Override
        protected void postInit() {
            super.postInit();
            if (threadId > 0) {
                ready = true;
                replicas.built();
            }
        }

        @Override
        protected void fit(DataSet dataSet) {
            beforeStep();
            super.fit(dataSet);
        }

        @Override
        protected void fit(MultiDataSet dataSet) {
            beforeStep();
            super.fit(dataSet);
        }

        @Override
        public void shutdown() {
            super.shutdown();
            if (threadId == 0) {
                seeding.fitEnded(replicatedModel, trained);
                trained = false;
            }
        }

        private void beforeStep() {
            if (threadId == 0 && !ready) {
                replicas.await();
                ready = true;
            }
            Model model = replicatedModel;
            seeding.bind(threadId, BaseOptimizer.getEpochCount(model), BaseOptimizer.getIterationCount(model));
            trained = true;
        }
    }
}
