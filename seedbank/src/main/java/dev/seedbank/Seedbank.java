package dev.seedbank;

import dev.seedbank.internal.GraphWithSeedbank;
import dev.seedbank.internal.NetworkWithSeedbank;
import dev.seedbank.internal.ConfigSeeds;
import dev.seedbank.internal.RunRecorder;
import dev.seedbank.internal.ShuffleBufferIterator;
import dev.seedbank.internal.WatchOnStart;
import dev.seedbank.nd4j.control.Nd4jSeeding;
import dev.seedbank.nd4j.init.SeededInit;
import dev.seedbank.nd4j.portable.PortableMode;
import dev.seedbank.nd4j.training.DeterministicShuffle;
import dev.seedbank.nd4j.training.EpochShuffledIterator;
import dev.seedbank.nd4j.training.SeededParallelWrapper;
import dev.seedbank.nd4j.training.SeededTrainingListener;
import dev.seedbank.record.RunDirectory;
import dev.seedbank.rng.registry.RootSeed;
import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamPath;
import dev.seedbank.rng.stream.UnsignedLongs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reproducible DL4J training in three lines: one root seed governs weight initialisation, dropout and noise,
 * shuffling and every ND4J generator of the process, and the run is recorded in {@code DIR/manifest.json}, which
 * {@code seedbank compare} reads.
 *
 * <pre>{@code
 * Seedbank sb = Seedbank.start(Path.of("runs/a"));   // seed: seedbank.seed / SEEDBANK_SEED, or generated (WARN)
 * MultiLayerNetwork net = sb.network(conf);           // seeded init, training hooks, recording
 * net.fit(sb.shuffled(trainIterator), epochs);        // any DataSetIterator, shuffled per epoch from the seed
 * }</pre>
 *
 * <h2>What each call does</h2>
 * <ul>
 *   <li>{@link #start}: portable mode (the same trained weights on every x86-64 machine with AVX2: OpenBLAS's
 *       Haswell kernels, nd4j-native's generic build, one native thread; {@link Builder#machineSpecific} opts
 *       out; it must run before anything else loads ND4J), resolves the root seed, puts every ND4J generator of the process under it
 *       ({@code Nd4jSeeding}), prepares the run directory (refusing one that holds another run) and writes the
 *       manifest with status {@code running}.</li>
 *   <li>{@link #network(MultiLayerConfiguration)} / {@link #network(ComputationGraphConfiguration)}: seeded
 *       initialisation ({@code init/<layer>/<param>}), dropout and noise keyed by (epoch, iteration)
 *       ({@code train/epoch=E/iteration=I}), fingerprints at initialisation, at every epoch end (and every K
 *       iterations with {@link Builder#fingerprintEvery}). The returned network keeps Seedbank's listeners last
 *       when you call {@code setListeners} or {@code addListeners}. {@link #network(MultiLayerNetwork)} does the
 *       same for a network you built or restored with {@code ModelSerializer} (training continues with the streams
 *       an uninterrupted run would use).</li>
 *   <li>{@link #shuffled(DataSetIterator)}: the source's examples in a seeded order per epoch (bounded shuffle
 *       buffer; a full permutation when an epoch fits in the buffer); {@link #shuffled(DataSet, int)} shuffles an
 *       in-memory data set by index; {@link #shuffle(DataSet)} replaces {@code DataSet.shuffle()}.</li>
 *   <li>{@link #configure} (for {@code new EarlyStoppingTrainer(esConf, conf, iterator)}) and
 *       {@link #earlyStopping()} (its listener), {@link #parallel(ParallelWrapper)} (for {@code ParallelWrapper}
 *       used with {@code wrapper.fit(iterator)} per epoch).</li>
 *   <li>{@link #close()}: final fingerprints, status {@code complete}, ND4J generators restored. Without it, a
 *       shutdown hook completes the manifest when the JVM exits normally; after an uncaught exception it is marked
 *       {@code incomplete}, and after a kill it stays {@code running}.</li>
 * </ul>
 *
 * <h2>Not covered</h2>
 * Randomness Seedbank cannot see: {@code DataSet.shuffle()} without a seed and {@code shuffle(seed)} (use
 * {@link #shuffle(DataSet)}), {@code new Random()}, {@code Math.random()}, and iterators that shuffle with their
 * own seed (keep their seed fixed). See docs/user-guide.md for the guarantees of each iterator kind.
 *
 * <p>One session per JVM at a time. Thread-safe: the methods may be called from any thread; training hooks run on
 * DL4J's training threads.
 *
 * <p>Why one large class: it is the library's one entry point; each public method is a few lines that hand over
 * to the internal package (recording, shuffling, network wrappers), and the rest, the builder and the session's
 * life (start, shutdown hook, close), shares the session's state.
 */
public final class Seedbank implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Seedbank.class);
    private static final StreamPath DATASET_SHUFFLE = DeterministicShuffle.SHUFFLE.child("dataset");
    private static final Object SESSIONS = new Object();
    /** The open session of this JVM, or null. Guarded by {@link #SESSIONS}. */
    private static Seedbank open;

    private final Path dir;
    private final SeedRegistry registry;
    private final Builder settings;
    private final Nd4jSeeding.Installation seeding;
    private final SeededTrainingListener trainingListener;
    private final RunRecorder recorder;
    private final AtomicLong shuffles = new AtomicLong();
    private final Thread shutdownHook;
    /** Installed by {@link #start} once the session is open; released by {@link #close}. Guarded by SESSIONS. */
    private FailureHook failureHook;
    private volatile boolean closed;

    private Seedbank(Path dir, RootSeed seed, Builder settings) {
        this.dir = dir;
        this.registry = SeedRegistry.of(seed);
        this.settings = settings;
        this.seeding = Nd4jSeeding.install(registry);
        this.trainingListener = new SeededTrainingListener(registry);
        this.recorder = new RunRecorder(dir, registry, settings.fingerprintEvery);
        this.shutdownHook = new Thread(this::completeAtExit, "seedbank-run-record");
    }

    /** A session writing to {@code runDir}, with the root seed from {@code seedbank.seed} / {@code SEEDBANK_SEED}. */
    public static Seedbank start(Path runDir) {
        return builder().start(runDir);
    }

    /** Settings other than the defaults: an explicit seed, fingerprints every K iterations, the shuffle buffer. */
    public static Builder builder() {
        return new Builder();
    }

    /** Session settings. Not thread-safe (build on one thread). */
    public static final class Builder {
        private RootSeed seed;
        private int fingerprintEvery;
        private int shuffleBuffer = ShuffleBufferIterator.DEFAULT_CAPACITY;
        private boolean machineSpecific;

        private Builder() {
        }

        /**
         * The opt-out of portable mode: ND4J keeps the machine's fastest BLAS kernels, native build and thread
         * counts, so results repeat on this machine type but differ between machine types (docs/portable.md).
         */
        public Builder machineSpecific() {
            this.machineSpecific = true;
            return this;
        }

        /** The root seed (instead of {@code seedbank.seed} / {@code SEEDBANK_SEED}). */
        public Builder seed(long rootSeed) {
            this.seed = RootSeed.explicit(rootSeed);
            return this;
        }

        /** Also record parameter fingerprints every {@code iterations} iterations (0: epochs only, the default). */
        public Builder fingerprintEvery(int iterations) {
            if (iterations < 0) {
                throw new IllegalArgumentException("fingerprintEvery must be 0 (epochs only) or positive, got " + iterations);
            }
            this.fingerprintEvery = iterations;
            return this;
        }

        /** Examples held by {@link Seedbank#shuffled(DataSetIterator)}'s shuffle buffer (default 65536). */
        public Builder shuffleBuffer(int examples) {
            if (examples < 1) {
                throw new IllegalArgumentException("shuffleBuffer must be at least 1 example, got " + examples);
            }
            this.shuffleBuffer = examples;
            return this;
        }

        /**
         * Starts the session.
         *
         * @throws IllegalStateException while another session of this JVM is open, or (portable mode, the default)
         *     when ND4J was loaded before with settings portable mode cannot change, naming the fix
         * @throws IllegalArgumentException when {@code runDir} cannot be written or already holds a run
         */
        public Seedbank start(Path runDir) {
            if (runDir == null) {
                throw new IllegalArgumentException("Seedbank.start needs a run directory, e.g. Path.of(\"runs/a\")");
            }
            synchronized (SESSIONS) {
                if (open != null) {
                    throw new IllegalStateException("Seedbank is already started in this JVM (run " + open.dir
                            + ", root seed " + UnsignedLongs.hex(open.registry.seed().value())
                            + "); close() it before starting another run");
                }
                Path manifest = runDir.resolve(dev.seedbank.record.RunManifest.FILE);
                if (Files.exists(manifest)) {
                    throw new IllegalArgumentException("run directory " + runDir + " already holds a run (" + manifest
                            + "); choose a new directory or delete the old run");
                }
                RunDirectory.prepareOutput(runDir);
                if (machineSpecific) {
                    PortableMode.machineSpecific();
                } else {
                    PortableMode.enable(); // before anything loads ND4J: kernel, native build and threads pinned
                }
                RootSeed resolved = seed != null ? seed : RootSeed.resolve();
                Seedbank sb = new Seedbank(runDir, resolved, this);
                sb.recorder.begin();
                Runtime.getRuntime().addShutdownHook(sb.shutdownHook);
                sb.recordUncaughtExceptions();
                open = sb;
                LOG.info("Seedbank run {} with root seed {}", runDir, resolved);
                return sb;
            }
        }
    }

    /** The run's registry: streams for your own randomness ({@code sb.registry().stream("augment/epoch=3")}). */
    public SeedRegistry registry() {
        checkOpen();
        return registry;
    }

    /** The run directory. */
    public Path directory() {
        return dir;
    }

    /** A new, initialised network for {@code conf}: seeded init, training hooks and recording (class comment). */
    public MultiLayerNetwork network(MultiLayerConfiguration conf) {
        checkOpen();
        MultiLayerNetwork net = new NetworkWithSeedbank(configure(conf), this::listeners);
        net.init();
        return watch(net);
    }

    /** A new, initialised graph for {@code conf}: seeded init, training hooks and recording. */
    public ComputationGraph network(ComputationGraphConfiguration conf) {
        checkOpen();
        ComputationGraph graph = new GraphWithSeedbank(configure(conf), this::listeners);
        graph.init();
        return watch(graph);
    }

    /**
     * Training hooks and recording for a network you built or restored ({@code ModelSerializer}): returns a copy
     * (parameters, updater state and training counters) that keeps Seedbank's listeners; train the copy. Its
     * parameters are not reinitialised, so use {@link #network(MultiLayerConfiguration)} for a new network.
     */
    public MultiLayerNetwork network(MultiLayerNetwork net) {
        checkOpen();
        if (net == null) {
            throw new IllegalArgumentException("network(MultiLayerNetwork) needs a network, got null");
        }
        return watch(NetworkWithSeedbank.copyOf(net, this::listeners));
    }

    /** {@link #network(MultiLayerNetwork)} for a ComputationGraph. */
    public ComputationGraph network(ComputationGraph graph) {
        checkOpen();
        if (graph == null) {
            throw new IllegalArgumentException("network(ComputationGraph) needs a graph, got null");
        }
        return watch(GraphWithSeedbank.copyOf(graph, this::listeners));
    }

    /**
     * Seeds {@code conf} in place (and returns it) for code that builds the network itself, such as
     * {@code new EarlyStoppingTrainer(esConf, sb.configure(conf), iterator)}: seeded initialisation and a
     * configuration seed derived from the root seed. Add {@link #earlyStopping()} to record and key dropout.
     */
    public MultiLayerConfiguration configure(MultiLayerConfiguration conf) {
        checkOpen();
        ConfigSeeds.apply(conf, registry);
        return SeededInit.apply(conf, registry);
    }

    /** {@link #configure(MultiLayerConfiguration)} for a ComputationGraph configuration. */
    public ComputationGraphConfiguration configure(ComputationGraphConfiguration conf) {
        checkOpen();
        ConfigSeeds.apply(conf, registry);
        return SeededInit.apply(conf, registry);
    }

    /**
     * An early-stopping listener that attaches Seedbank's training hooks and recording to the network the trainer
     * trains, whichever constructor built the trainer: {@code trainer.setListener(sb.earlyStopping())}.
     */
    public <T extends Model> EarlyStoppingListener<T> earlyStopping() {
        return earlyStopping(null);
    }

    /** {@link #earlyStopping()} around your own early-stopping listener (called after Seedbank's). */
    public <T extends Model> EarlyStoppingListener<T> earlyStopping(EarlyStoppingListener<T> yours) {
        checkOpen();
        return new WatchOnStart<>(this::watchTrained, yours);
    }

    private <T extends Model> T watchTrained(T model) {
        if (model instanceof NetworkWithSeedbank || model instanceof GraphWithSeedbank) {
            return watch(model);
        }
        model.addListeners(listeners());
        return watch(model);
    }

    /**
     * The examples of {@code source} in a seeded order per epoch: a shuffle buffer of
     * {@link Builder#shuffleBuffer} examples drawn from stream {@code data/shuffle/epoch=E} (E the trained network's
     * epoch counter). When an epoch fits in the buffer, the order is a uniform permutation of the epoch; otherwise
     * each example leaves the buffer at a seeded random point after it entered. The source is read in its own
     * order and reset at each new epoch; batches keep the source's size.
     */
    public DataSetIterator shuffled(DataSetIterator source) {
        checkOpen();
        if (source == null) {
            throw new IllegalArgumentException("shuffled needs an iterator, got null");
        }
        return new ShuffleBufferIterator(source, settings.shuffleBuffer, registry, recorder::epochOfWatched);
    }

    /** An in-memory data set in batches of {@code batchSize}, as a uniform permutation per epoch (by index). */
    public DataSetIterator shuffled(DataSet data, int batchSize) {
        checkOpen();
        return new EpochShuffledIterator(data, batchSize, registry, recorder::epochOfWatched, false);
    }

    /**
     * Shuffles {@code data} in place, instead of {@code DataSet.shuffle()} (which seeds from the clock): the
     * {@code n}-th call of this session draws from stream {@code data/shuffle/dataset=n}.
     */
    public void shuffle(DataSet data) {
        checkOpen();
        if (data == null) {
            throw new IllegalArgumentException("shuffle needs a DataSet, got null");
        }
        DeterministicShuffle.shuffle(data, registry.stream(DATASET_SHUFFLE.child("n", shuffles.getAndIncrement())));
    }

    /**
     * Makes a {@code ParallelWrapper} (parameter averaging) reproducible: one stream per worker and step,
     * deterministic replica copies, the epoch counter advanced by each {@code wrapper.fit(iterator)}, and recording
     * of the wrapped network. Call after {@code build()}, before the first {@code fit}; returns {@code wrapper}.
     */
    public ParallelWrapper parallel(ParallelWrapper wrapper) {
        checkOpen();
        if (wrapper == null) {
            throw new IllegalArgumentException("parallel needs a ParallelWrapper, got null");
        }
        SeededParallelWrapper.install(wrapper, registry, SeededParallelWrapper.TRAIN, recorder::epochEnded);
        if (!recorder.watches(wrapper.getModel())) {
            watchTrained(wrapper.getModel());
        }
        return wrapper;
    }

    /** Final fingerprints, status {@code complete}; restores ND4J's generators. Idempotent. */
    @Override
    public void close() {
        synchronized (SESSIONS) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                recorder.complete();
            } finally {
                seeding.close();
                if (failureHook != null) {
                    failureHook.release();
                }
                if (open == this) {
                    open = null;
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // called from the hook itself
                }
            }
        }
    }

    /** An uncaught exception on any thread marks the run {@code incomplete}; the previous handler still runs. */
    private void recordUncaughtExceptions() {
        failureHook = new FailureHook(recorder, Thread.getDefaultUncaughtExceptionHandler());
        Thread.setDefaultUncaughtExceptionHandler(failureHook);
    }

    /**
     * The default uncaught-exception handler of an open session. {@link #release} (at close) lets go of the run
     * recorder, and of the networks it watches, and puts the previous handler back unless another was installed on
     * top of this one since (which then keeps calling this one, now inert, and the previous). Thread-safe.
     */
    private static final class FailureHook implements Thread.UncaughtExceptionHandler {
        private volatile RunRecorder recorder;
        private final Thread.UncaughtExceptionHandler previous;

        FailureHook(RunRecorder recorder, Thread.UncaughtExceptionHandler previous) {
            this.recorder = recorder;
            this.previous = previous;
        }

        @Override
        public void uncaughtException(Thread thread, Throwable e) {
            RunRecorder r = recorder;
            if (r != null) {
                r.failed();
            }
            if (previous != null) {
                previous.uncaughtException(thread, e);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                e.printStackTrace(System.err);
            }
        }

        void release() {
            recorder = null;
            if (Thread.getDefaultUncaughtExceptionHandler() == this) {
                Thread.setDefaultUncaughtExceptionHandler(previous);
            }
        }
    }

    private void completeAtExit() {
        synchronized (SESSIONS) {
            if (closed) {
                return;
            }
            closed = true;
            recorder.completeAtExit();
        }
    }

    private <T extends Model> T watch(T model) {
        recorder.watch(model);
        trainingListener.bindNext(model); // covers a first iteration run by fit(DataSet) without an epoch start
        return model;
    }

    /** Seedbank's listeners, in the order they must run (the reseeding listener last). */
    private org.deeplearning4j.optimize.api.TrainingListener[] listeners() {
        return new org.deeplearning4j.optimize.api.TrainingListener[] {recorder, trainingListener};
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Seedbank session (run " + dir + ") is closed; start a new one with"
                    + " Seedbank.start(<new run directory>)");
        }
    }
}
