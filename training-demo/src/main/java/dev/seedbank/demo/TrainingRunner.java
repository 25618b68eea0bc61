package dev.seedbank.demo;

import dev.seedbank.nd4j.control.Nd4jSeeding;
import dev.seedbank.nd4j.init.SeededInit;
import dev.seedbank.nd4j.training.DeterministicShuffle;
import dev.seedbank.nd4j.training.EpochShuffledIterator;
import dev.seedbank.nd4j.training.SeededTrainingListener;
import dev.seedbank.nd4j.training.TrainingCheckpoint;
import dev.seedbank.record.BadInputException;
import dev.seedbank.record.EnvironmentFingerprint;
import dev.seedbank.record.NetworkConfig;
import dev.seedbank.record.ParamFingerprints;
import dev.seedbank.record.ParamHash;
import dev.seedbank.record.RunDirectory;
import dev.seedbank.record.RunInfo;
import dev.seedbank.record.RunManifest;
import dev.seedbank.record.Snapshot;
import dev.seedbank.record.StreamUse;
import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.stream.PhiloxStream;
import dev.seedbank.rng.stream.UnsignedLongs;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a {@link TrainingPlan}: the reproducible training job behind {@code seedbank train}, a small DL4J network
 * ({@link Models}) with dropout, on {@link SyntheticData}, with every random draw keyed by the root seed:
 * <ul>
 *   <li>ND4J generators of every thread: {@code Nd4jSeeding.install};</li>
 *   <li>initial parameters: {@code SeededInit} ({@code init/<layer>/<param>});</li>
 *   <li>data augmentation on {@code threads} threads: {@link Augmenter} ({@code augment/epoch=E/sample=S});</li>
 *   <li>example order: {@code EpochShuffledIterator} ({@code data/shuffle/epoch=E});</li>
 *   <li>dropout masks: {@code SeededTrainingListener} ({@code train/epoch=E/iteration=I}).</li>
 * </ul>
 * After each epoch it writes a checkpoint and the manifest; a resumed run continues from the latest checkpoint
 * with the streams an uninterrupted run would use, so the result is bitwise the same.
 *
 * <p>On Spark the same network (initialised on this driver) and the same augmented data train through
 * {@code SeededTrainingMaster} ({@link SparkTrainer}): the master places each epoch's examples with stream
 * {@code spark/data/epoch=E} and each worker draws from {@code spark/task/...} and
 * {@code spark/train/partition=P/...} instead of {@code data/shuffle}, {@code data/batch} and {@code train}. Only
 * per-epoch snapshots are taken (workers' iterations are not seen by driver-side listeners); checkpoints carry
 * the master's settings, and resuming with another partition count is refused.
 *
 * <p>One instance per run, used on one thread.
 *
 * <p>Why one large class: the epoch loop, resuming from a checkpoint, the Spark branch and the manifest writes
 * share the run's state (network configuration, registry, stream use, snapshots so far); the options and the
 * plan already live in the command and {@link TrainingPlan}.
 */
public final class TrainingRunner {
    private final TrainingPlan plan;
    private final TrainingHooks hooks;
    private final SeedRegistry registry;
    private final Map<String, String> environment;
    /** Stream use, in the order streams were first used. */
    private final Map<String, StreamUse> streams = new LinkedHashMap<>();
    /** Snapshots so far, in training order. */
    private final List<Snapshot> history = new ArrayList<>();
    private NetworkConfig config;
    private Map<String, String> init;
    private RunInfo info;

    private TrainingRunner(TrainingPlan plan, TrainingHooks hooks) {
        this.plan = plan;
        this.hooks = hooks;
        this.registry = SeedRegistry.of(plan.seed());
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        this.environment = EnvironmentFingerprint.collect();
    }

    /** Runs {@code plan} with {@code hooks}; returns the final manifest (also written to {@code out/manifest.json}). */
    public static RunManifest run(TrainingPlan plan, TrainingHooks hooks, PrintStream out) throws IOException {
        Progress progress = Progress.of(plan.options().progress(), out);
        List<TrainingListener> planted = hooks.listeners();
        if (plan.onSpark() && !planted.isEmpty()) {
            throw new BadInputException("training listeners do not work with --spark (the workers' iterations are not"
                    + " seen by the driver)");
        }
        RunDirectory.prepareOutput(plan.options().out());
        return new TrainingRunner(plan, hooks).train(planted, progress);
    }

    private RunManifest train(List<TrainingListener> planted, Progress progress) throws IOException {
        TrainOptions o = plan.options();
        try (Nd4jSeeding.Installation ignored = Nd4jSeeding.install(registry);
                SparkTrainer spark = plan.onSpark()
                        ? new SparkTrainer(registry, plan.sparkMaster(), plan.partitions()) : null) {
            MultiLayerNetwork net = network(spark);
            int examples = plan.examples();
            SyntheticData data = SyntheticData.generate(registry, examples);
            put(SyntheticData.PATH, 1, data.draws(), StreamUse.WORDS);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, examples, SyntheticData.CLASSES);
            for (int i = 0; i < examples; i++) {
                labels.putScalar(i, data.labels()[i], 1f);
            }

            FingerprintListener fingerprints = new FingerprintListener(plan.hashEvery());
            if (spark == null) {
                List<TrainingListener> listeners = new ArrayList<>(planted);
                listeners.add(fingerprints);
                listeners.add(new SeededTrainingListener(registry));
                net.setListeners(listeners);
            } else {
                spark.start(net); // the workers seed their own generators; driver-side listeners would see nothing
            }
            info = new RunInfo(UnsignedLongs.hex(plan.seed().value()), plan.seed().source(),
                    registry.derivationVersion(), plan.model(), o.epochs(), BaseOptimizer.getEpochCount(net), o.threads(),
                    examples, TrainOptions.BATCH, plan.hashEvery(),
                    plan.resuming() ? plan.resume().checkpoint().toString() : null, spark == null ? null : spark.info());
            writeManifest(RunManifest.RUNNING, null, null);

            double score = net.score();
            for (long e = BaseOptimizer.getEpochCount(net); e < o.epochs(); e++) {
                Augmenter.Epoch aug = Augmenter.augment(registry, data, e, o.threads());
                put(Augmenter.epochPath(e) + "/sample=*", aug.streams(), aug.draws(), StreamUse.WORDS);
                score = spark != null ? sparkEpoch(spark, net, e, aug, data)
                        : localEpoch(net, e, aug, labels, fingerprints);
                long last = BaseOptimizer.getIterationCount(net) - 1;
                history.add(new Snapshot(Snapshot.EPOCH, e, last, score, ParamHash.sha256(aug.features()),
                        ParamFingerprints.of(net)));
                if (spark != null) {
                    RunDirectory.saveCheckpoint(o.out(), e + 1, dir -> spark.save(dir, net));
                } else {
                    RunDirectory.saveCheckpoint(o.out(), net, registry, e + 1);
                }
                info = withCompleted(info, (int) (e + 1));
                writeManifest(RunManifest.RUNNING, null, null);
                progress.epoch(e, o.epochs(), last, score, ParamFingerprints.all(net));
            }
            progress.done();
            long epochs = BaseOptimizer.getEpochCount(net);
            info = withCompleted(info, (int) epochs);
            Snapshot fin = new Snapshot(Snapshot.EPOCH, epochs - 1, BaseOptimizer.getIterationCount(net) - 1, score,
                    null, ParamFingerprints.of(net));
            return writeManifest(RunManifest.COMPLETE, fin, ParamFingerprints.all(net));
        }
    }

    /** The seeded network: initialised, or restored from the plan's checkpoint with the history before it. */
    private MultiLayerNetwork network(SparkTrainer spark) {
        MultiLayerConfiguration conf = Models.build(plan.model());
        SeededInit.apply(conf, registry);
        hooks.configure(conf, plan.model());
        config = NetworkConfig.of(conf);
        MultiLayerNetwork net;
        Map<String, float[]> initial = Map.of(); // none drawn when resuming
        if (plan.resuming()) {
            net = restore(spark, conf);
        } else {
            net = new MultiLayerNetwork(conf);
            net.init();
            initial = ParamFingerprints.values(net);
            init = ParamFingerprints.of(initial);
        }
        put(Nd4jSeeding.INSTALLER_PATH, 1, 2, StreamUse.WORDS);
        initial.forEach((name, v) -> {
            if (name.endsWith("/W")) {
                put("init/" + name, 1, v.length, StreamUse.VALUES);
            }
        });
        return net;
    }

    private MultiLayerNetwork restore(SparkTrainer spark, MultiLayerConfiguration conf) {
        RunDirectory.Resume resume = plan.resume();
        if (!config.sha256().equals(resume.state().configSha256())) {
            throw new BadInputException("cannot resume from " + resume.dir() + ": it was trained with another"
                    + " network configuration (model " + resume.manifest().run().model() + ", configuration "
                    + resume.state().configSha256().substring(0, 12) + ", this run " + config.sha256().substring(0, 12)
                    + ")");
        }
        MultiLayerNetwork net;
        try {
            net = spark != null ? spark.restore(resume.checkpoint(), conf)
                    : TrainingCheckpoint.restoreMultiLayerNetwork(resume.checkpoint(), registry, conf);
        } catch (IllegalArgumentException e) {
            if (spark != null) {
                throw new BadInputException(e.getMessage()); // names the checkpoint and what differs
            }
            throw new BadInputException("cannot resume from " + resume.checkpoint() + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("cannot resume from " + resume.checkpoint() + ": unreadable checkpoint ("
                    + RunDirectory.describe(e) + ")");
        }
        long start = resume.state().epoch();
        init = resume.manifest().init();
        for (Snapshot s : resume.manifest().snapshots()) {
            if (s.epoch() < start) {
                history.add(s);
            }
        }
        for (StreamUse s : resume.manifest().streams()) {
            if (RunDirectory.epochIn(s.path()).orElse(-1) < start) {
                streams.put(s.path(), s);
            }
        }
        return net;
    }

    /** Trains epoch {@code e} on this JVM; returns the score. */
    private double localEpoch(MultiLayerNetwork net, long e, Augmenter.Epoch aug, INDArray labels,
            FingerprintListener fingerprints) {
        int examples = plan.examples();
        PhiloxStream shuffle = DeterministicShuffle.epochStream(registry, e);
        DeterministicShuffle.permutation(examples, shuffle);
        put(DeterministicShuffle.SHUFFLE.child("epoch", e).toString(), 1, shuffle.position(), StreamUse.WORDS);

        DataSet ds = new DataSet(Nd4j.create(aug.features(), new long[] {examples, SyntheticData.FEATURES}, 'c'),
                labels);
        fingerprints.snapshots().clear();
        long before = BaseOptimizer.getIterationCount(net);
        net.fit(new EpochShuffledIterator(ds, TrainOptions.BATCH, registry, () -> e, false));
        long iterations = BaseOptimizer.getIterationCount(net) - before;
        put(EpochShuffledIterator.BATCH.child("epoch", e) + "/batch=*", iterations, 2 * iterations, StreamUse.WORDS);
        put(SeededTrainingListener.TRAIN.child("epoch", e) + "/iteration=*", iterations + 1, 2 * (iterations + 1),
                StreamUse.WORDS);
        history.addAll(fingerprints.snapshots());
        return net.score();
    }

    /** Trains epoch {@code e} on Spark; returns the training master's score. */
    private double sparkEpoch(SparkTrainer spark, MultiLayerNetwork net, long e, Augmenter.Epoch aug,
            SyntheticData data) {
        long before = BaseOptimizer.getIterationCount(net);
        double score = spark.fitEpoch(aug.features(), data.labels());
        for (StreamUse s : spark.streams(registry, e, before, plan.examples())) {
            streams.put(s.path(), s);
        }
        return score;
    }

    private RunManifest writeManifest(String status, Snapshot fin, String paramsSha) throws IOException {
        RunManifest m = new RunManifest(status, createdBy(), info, config.sha256(), config.tree(), environment,
                List.copyOf(streams.values()), init, history, fin, paramsSha);
        RunDirectory.writeManifest(plan.options().out(), m);
        return m;
    }

    private static RunInfo withCompleted(RunInfo r, int completed) {
        return new RunInfo(r.rootSeed(), r.seedSource(), r.derivationVersion(), r.model(), r.epochs(), completed,
                r.augmentThreads(), r.examples(), r.batchSize(), r.hashEvery(), r.resumedFrom(), r.spark());
    }

    private void put(String path, long count, long draws, String unit) {
        streams.put(path, new StreamUse(path, count, draws, unit));
    }

    static String createdBy() {
        return "seedbank " + EnvironmentFingerprint.seedbankVersion();
    }
}
