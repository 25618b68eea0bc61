package dev.seedbank.internal;

import dev.seedbank.record.EnvironmentFingerprint;
import dev.seedbank.record.NetworkConfig;
import dev.seedbank.record.ParamFingerprints;
import dev.seedbank.record.RunInfo;
import dev.seedbank.record.RunManifest;
import dev.seedbank.record.Snapshot;
import dev.seedbank.record.StreamUse;
import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.stream.UnsignedLongs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one user run in {@code DIR/manifest.json} (the schema {@code seedbank compare} reads): parameter
 * fingerprints of the watched network at initialisation, at every epoch end and every {@code every} iterations,
 * and at the end. The manifest is rewritten atomically after every epoch with status {@code running}, on a
 * background thread at most once a second ({@link ManifestWriter}); the first and the final manifest are written
 * before the call returns.
 *
 * <p>Only the watched network is recorded: calls for other models (ParallelWrapper's replicas, which share the
 * wrapper's listeners) are ignored. Thread-safe (synchronized): DL4J may call it from worker threads.
 */
public final class RunRecorder extends BaseTrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);
    static final String NO_NETWORK = "(no network yet)";

    private final Path dir;
    private final ManifestWriter writer;
    private final SeedRegistry registry;
    private final int every;
    private final String program = program();
    private final String producer = "seedbank " + EnvironmentFingerprint.seedbankVersion(); // read once, not per epoch
    private final Map<String, String> environment;
    private final AppendOnlyList<Snapshot> snapshots = new AppendOnlyList<>();
    private final AppendOnlyList<StreamUse> streams = new AppendOnlyList<>(); // in order of first use
    private final Map<String, Integer> streamIndex = new HashMap<>(); // lookup only: the order is the list's
    private volatile Model watched;
    private Map<String, String> init = Map.of();
    private JsonNode configuration;
    private String configSha = NO_NETWORK;
    private String resumedFrom;
    private long firstEpoch = -1;
    private int batchSize;
    private long examples;
    private int completedEpochs;
    private boolean failed;
    private boolean completed; // the final manifest is written: later training does not change the record

    public RunRecorder(Path dir, SeedRegistry registry, int every) {
        this.dir = dir;
        this.writer = new ManifestWriter(dir);
        this.registry = registry;
        this.every = every;
        this.environment = EnvironmentFingerprint.collect();
    }

    /** Writes the first manifest (status running, no network yet). */
    public synchronized void begin() {
        write(RunManifest.RUNNING, null, null, true);
    }

    /** Records {@code model} from now on (its fingerprints now are the run's initial ones, if none were taken). */
    public synchronized void watch(Model model) {
        if (model == watched) {
            return;
        }
        if (watched != null) {
            LOG.warn("Seedbank now records another network ({}); the run record follows the latest one",
                    model.getClass().getSimpleName());
        }
        watched = model;
        NetworkConfig config = NetworkConfig.of(model);
        configuration = config.tree();
        configSha = config.sha256();
        if (init.isEmpty()) {
            Map<String, float[]> values = ParamFingerprints.values(model);
            init = ParamFingerprints.of(values);
            long e = BaseOptimizer.getEpochCount(model);
            long i = BaseOptimizer.getIterationCount(model);
            resumedFrom = e == 0 && i == 0 ? null : "a trained network at epoch " + e + ", iteration " + i;
            values.forEach((name, v) -> {
                if (name.endsWith("/W")) {
                    putStream(new StreamUse("init/" + name, 1, v.length, StreamUse.VALUES));
                }
            });
        }
        write(RunManifest.RUNNING, null, null, false);
    }

    /** Whether {@code model} is the recorded network. */
    public boolean watches(Model model) {
        return model != null && model == watched;
    }

    /** The recorded network's epoch counter, or -1 when none is recorded yet. */
    public long epochOfWatched() {
        Model m = watched;
        return m == null ? -1 : BaseOptimizer.getEpochCount(m);
    }

    @Override
    public synchronized void iterationDone(Model model, int iteration, int epoch) {
        if (model != watched || completed) {
            return;
        }
        if (firstEpoch < 0) {
            firstEpoch = epoch;
            batchSize = model.batchSize();
        }
        if (epoch == firstEpoch) {
            examples += model.batchSize();
        }
        if (every > 0 && (iteration + 1L) % every == 0) {
            snapshots.add(new Snapshot(Snapshot.ITERATION, epoch, iteration, model.score(), null, ParamFingerprints.of(model)));
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        epochEnded(model);
    }

    /** Takes the end-of-epoch snapshot of the recorded network and rewrites the manifest. */
    public synchronized void epochEnded(Model model) {
        if (model != watched || completed) {
            return;
        }
        long epoch = BaseOptimizer.getEpochCount(model);
        long iteration = BaseOptimizer.getIterationCount(model) - 1;
        snapshots.add(new Snapshot(Snapshot.EPOCH, epoch, iteration, model.score(), null, ParamFingerprints.of(model)));
        completedEpochs = (int) Math.min(Integer.MAX_VALUE, epoch + 1);
        long iterations = iteration + 1;
        putStream(new StreamUse("train/epoch=" + epoch + "/iteration=*", iterations, 2 * iterations, StreamUse.WORDS));
        write(RunManifest.RUNNING, null, null, false);
    }

    /** Marks the run as ended by an uncaught exception (the manifest is completed as {@code incomplete}). */
    public synchronized void failed() {
        failed = true;
    }

    /** Final fingerprints and status {@code complete} (or {@code incomplete} after {@link #failed()}). */
    public synchronized void complete() {
        completed = true;
        Model m = watched;
        try {
            if (m == null || failed) {
                write(failed ? RunManifest.INCOMPLETE : RunManifest.COMPLETE, null, null, true);
                return;
            }
            long epoch = BaseOptimizer.getEpochCount(m);
            long iteration = BaseOptimizer.getIterationCount(m) - 1;
            Snapshot fin = new Snapshot(Snapshot.EPOCH, epoch, iteration, m.score(), null, ParamFingerprints.of(m));
            write(RunManifest.COMPLETE, fin, ParamFingerprints.all(m), true);
        } finally {
            writer.close();
        }
    }

    /** {@link #complete()} from the JVM's shutdown hook: never throws, says what went wrong instead. */
    public void completeAtExit() {
        try {
            complete();
        } catch (RuntimeException | LinkageError e) {
            System.err.println("seedbank: could not complete the run record " + dir + "/" + RunManifest.FILE + ": " + e);
        }
    }

    /** Adds {@code use}, or replaces the entry of its path where it stands. */
    private void putStream(StreamUse use) {
        Integer at = streamIndex.putIfAbsent(use.path(), streams.size());
        if (at == null) {
            streams.add(use);
        } else {
            streams.set(at, use);
        }
    }

    /**
     * Rewrites the manifest: {@code now} on this thread, else built and written on the writer's. Its content is fixed
     * here (values that do not change, and the snapshots and streams so far as prefixes: constant time per epoch).
     */
    private void write(String status, Snapshot fin, String paramsSha, boolean now) {
        String model = program + ": " + (watched == null ? "no network" : watched instanceof ComputationGraph
                ? "ComputationGraph" : "MultiLayerNetwork");
        RunInfo info = new RunInfo(UnsignedLongs.hex(registry.seed().value()), registry.seed().source(),
                registry.derivationVersion(), model, completedEpochs, completedEpochs, 0, (int) examples, batchSize,
                every, resumedFrom, null);
        String config = configSha;
        JsonNode tree = configuration;
        Map<String, String> initial = init;
        List<StreamUse> streamsSoFar = streams.prefix();
        List<Snapshot> snapshotsSoFar = snapshots.prefix();
        Supplier<RunManifest> manifest = () -> new RunManifest(status, producer, info, config, tree, environment,
                streamsSoFar, initial, snapshotsSoFar, fin, paramsSha);
        try {
            if (now) {
                writer.writeNow(manifest.get());
            } else {
                writer.writeLater(manifest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run record " + dir.resolve(RunManifest.FILE) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The program's main class (from the launcher's command line), for the manifest's {@code run.model}. */
    private static String program() {
        String command = System.getProperty("sun.java.command", "");
        String first = command.isBlank() ? "(unknown program)" : command.split(" ", 2)[0];
        return first.endsWith(".jar") ? Path.of(first).getFileName().toString() : first;
    }
}
