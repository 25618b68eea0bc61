package dev.seedbank.demo;

import dev.seedbank.record.RunDirectory;
import dev.seedbank.record.ParamFingerprints;
import dev.seedbank.record.EnvironmentFingerprint;
import dev.seedbank.record.BadInputException;
import dev.seedbank.record.ParamHash;
import dev.seedbank.record.RunInfo;
import dev.seedbank.record.RunManifest;
import dev.seedbank.record.Snapshot;
import dev.seedbank.record.SparkRun;
import dev.seedbank.record.StreamUse;
import dev.seedbank.nd4j.control.Nd4jSeeding;
import dev.seedbank.nd4j.init.SeededInit;
import dev.seedbank.nd4j.training.ConfigFingerprint;
import dev.seedbank.nd4j.training.DeterministicShuffle;
import dev.seedbank.nd4j.training.EpochShuffledIterator;
import dev.seedbank.nd4j.training.SeededTrainingListener;
import dev.seedbank.nd4j.training.TrainingCheckpoint;
import dev.seedbank.rng.registry.RootSeed;
import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.stream.PhiloxStream;
import dev.seedbank.rng.stream.UnsignedLongs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * The reproducible training job behind {@code seedbank train}: a small DL4J network ({@link Models}) with
 * dropout, on {@link SyntheticData}, with every random draw keyed by the root seed:
 * <ul>
 *   <li>ND4J generators of every thread: {@code Nd4jSeeding.install};</li>
 *   <li>initial parameters: {@code SeededInit} ({@code init/<layer>/<param>});</li>
 *   <li>data augmentation on {@code threads} threads: {@link Augmenter} ({@code augment/epoch=E/sample=S});</li>
 *   <li>example order: {@code EpochShuffledIterator} ({@code data/shuffle/epoch=E});</li>
 *   <li>dropout masks: {@code SeededTrainingListener} ({@code train/epoch=E/iteration=I}).</li>
 * </ul>
 * After each epoch it writes a checkpoint and the manifest; {@code --resume} continues from the latest
 * checkpoint with the streams an uninterrupted run would use, so the result is bitwise the same.
 *
 * <p>With {@code --spark local[N]} the same network (initialised on this driver) and the same augmented data
 * train on Spark local mode through {@code SeededTrainingMaster} with {@code --partitions P}
 * ({@link SparkTrainer}): the master places each epoch's examples with stream {@code spark/data/epoch=E} and
 * each worker draws from {@code spark/task/...} and {@code spark/train/partition=P/...} instead of
 * {@code data/shuffle}, {@code data/batch} and {@code train}. Only per-epoch snapshots are taken (workers'
 * iterations are not seen by driver-side listeners); checkpoints carry the master's settings, and resuming with
 * another partition count is refused.
 */
public final class TrainingJob {
    private TrainingJob() {
    }

    /** Runs the job; returns the final manifest (also written to {@code out/manifest.json}). */
    public static RunManifest run(TrainOptions o, PrintStream out) throws IOException {
        if (o.epochs() < 1) {
            throw new BadInputException("--epochs must be at least 1, got " + o.epochs());
        }
        if (o.threads() < 1) {
            throw new BadInputException("--threads must be at least 1, got " + o.threads());
        }
        if (o.hashEvery() != null && o.hashEvery() < 1) {
            throw new BadInputException("--hash-every must be at least 1, got " + o.hashEvery());
        }
        if (o.model() != null && !Models.NAMES.contains(o.model())) {
            throw new BadInputException("unknown model '" + o.model() + "' (expected one of: " + String.join(", ", Models.NAMES) + ")");
        }
        if (o.spark() != null) {
            SparkMasters.check(o.spark());
            SparkMasters.requireSpark(o.spark());
        }
        if (o.partitions() != null && o.partitions() < 1) {
            throw new BadInputException("--partitions must be at least 1, got " + o.partitions());
        }
        if (o.partitions() != null && o.spark() == null && o.resume() == null) {
            throw new BadInputException("--partitions needs --spark (a Spark master, e.g. --spark local[2])");
        }
        Progress progress = Progress.of(o.progress(), out);
        FingerprintListener.Perturbation perturbation = FingerprintListener.Perturbation.parse(o.perturb());
        RunDirectory.Resume resume = o.resume() == null ? null : RunDirectory.openForResume(o.resume());
        RunDirectory.prepareOutput(o.out());

        RootSeed seed;
        if (o.seed() != null) {
            seed = new RootSeed(o.seed(), "--seed");
        } else if (resume != null) {
            seed = new RootSeed(resume.state().rootSeed(), "resumed run (" + resume.manifest().run().seedSource() + ")");
        } else {
            seed = RootSeed.resolve();
        }
        String model = o.model() != null ? o.model() : resume != null ? resume.manifest().run().model() : "mlp";
        int hashEvery = o.hashEvery() != null ? o.hashEvery()
                : resume != null ? resume.manifest().run().hashEvery() : TrainOptions.DEFAULT_HASH_EVERY;
        int examples = resume != null ? resume.manifest().run().examples() : o.examples();
        SparkRun resumedSpark = resume == null ? null : resume.manifest().run().spark();
        String sparkMaster = o.spark() != null ? o.spark() : resumedSpark != null ? resumedSpark.master() : null;
        int partitions = o.partitions() != null ? o.partitions()
                : resumedSpark != null ? resumedSpark.partitions() : TrainOptions.DEFAULT_PARTITIONS;
        if (sparkMaster != null && o.spark() == null) {
            SparkMasters.requireSpark(sparkMaster);
        }
        if (sparkMaster == null && o.partitions() != null) {
            throw new BadInputException("--partitions needs --spark (" + resume.dir() + " was not trained on Spark)");
        }
        if (sparkMaster != null && o.perturb() != null) {
            throw new BadInputException("--perturb does not work with --spark (the workers' iterations are not seen by"
                    + " the driver)");
        }
        if (resume != null) {
            if (resume.state().rootSeed() != seed.value()) {
                throw new BadInputException("cannot resume from " + resume.dir() + ": it was trained with root seed "
                        + UnsignedLongs.hex(resume.state().rootSeed()) + ", not " + UnsignedLongs.hex(seed.value()));
            }
            if (resume.state().epoch() > o.epochs()) {
                throw new BadInputException("cannot resume from " + resume.dir() + ": its checkpoint is after epoch "
                        + resume.state().epoch() + ", beyond --epochs " + o.epochs());
            }
            if (o.examples() != examples && o.examples() != TrainOptions.DEFAULT_EXAMPLES) {
                throw new BadInputException("cannot resume from " + resume.dir() + ": it was trained on " + examples
                        + " examples, not " + o.examples());
            }
            if (sparkMaster != null && resumedSpark == null) {
                throw new BadInputException("cannot resume from " + resume.dir() + " with --spark: it was trained"
                        + " without Spark");
            }
        }

        SeedRegistry registry = SeedRegistry.of(seed);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Map<String, String> environment = EnvironmentFingerprint.collect();
        try (Nd4jSeeding.Installation ignored = Nd4jSeeding.install(registry);
                SparkTrainer spark = sparkMaster == null ? null : new SparkTrainer(registry, sparkMaster, partitions)) {
            MultiLayerConfiguration conf = Models.build(model);
            SeededInit.apply(conf, registry);
            if (o.layerSeed() != null) {
                reseedLayer(conf, model, o.layerSeed());
            }
            JsonNode configuration = ConfigFingerprint.normalized(conf);
            String configSha = ConfigFingerprint.sha256(configuration);

            Map<String, StreamUse> streams = new LinkedHashMap<>();
            List<Snapshot> history = new ArrayList<>();
            Map<String, String> init;
            MultiLayerNetwork net;
            if (resume != null) {
                if (!configSha.equals(resume.state().configSha256())) {
                    throw new BadInputException("cannot resume from " + resume.dir() + ": it was trained with another"
                            + " network configuration (model " + resume.manifest().run().model() + ", configuration "
                            + resume.state().configSha256().substring(0, 12) + ", this run " + configSha.substring(0, 12) + ")");
                }
                try {
                    net = spark != null ? spark.restore(resume.checkpoint(), conf)
                            : TrainingCheckpoint.restoreMultiLayerNetwork(resume.checkpoint(), registry, conf);
                } catch (IllegalArgumentException e) {
                    if (spark != null) {
                        throw new BadInputException(e.getMessage()); // names the checkpoint and what differs
                    }
                    throw new BadInputException("cannot resume from " + resume.checkpoint() + ": " + e.getMessage());
                } catch (IOException | RuntimeException e) {
                    throw new BadInputException("cannot resume from " + resume.checkpoint() + ": "
                            + (e instanceof IllegalArgumentException ? e.getMessage() : "unreadable checkpoint ("
                            + RunDirectory.describe(e) + ")"));
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
            } else {
                net = new MultiLayerNetwork(conf);
                net.init();
                init = ParamFingerprints.of(net);
            }
            put(streams, Nd4jSeeding.INSTALLER_PATH, 1, 2, StreamUse.WORDS);
            if (resume == null) {
                ParamFingerprints.values(net).forEach((name, v) -> {
                    String param = name.substring(name.lastIndexOf('/') + 1);
                    if (param.equals("W")) {
                        put(streams, "init/" + name, 1, v.length, StreamUse.VALUES);
                    }
                });
            }
            SyntheticData data = SyntheticData.generate(registry, examples);
            put(streams, SyntheticData.PATH, 1, data.draws(), StreamUse.WORDS);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, examples, SyntheticData.CLASSES);
            for (int i = 0; i < examples; i++) {
                labels.putScalar(i, data.labels()[i], 1f);
            }

            FingerprintListener fingerprints = new FingerprintListener(hashEvery, perturbation);
            if (spark == null) {
                net.setListeners(fingerprints, new SeededTrainingListener(registry));
            } else {
                spark.start(net); // the workers seed their own generators; driver-side listeners would see nothing
            }
            String resumedFrom = resume == null ? null : resume.checkpoint().toString();
            RunInfo info = new RunInfo(UnsignedLongs.hex(seed.value()), seed.source(), registry.derivationVersion(), model,
                    o.epochs(), BaseOptimizer.getEpochCount(net), o.threads(), examples, TrainOptions.BATCH, hashEvery,
                    resumedFrom, spark == null ? null : spark.info());
            RunDirectory.writeManifest(o.out(), new RunManifest(RunManifest.RUNNING, createdBy(), info, configSha,
                    configuration, environment, List.copyOf(streams.values()), init, history, null, null));

            double score = net.score();
            for (long e = BaseOptimizer.getEpochCount(net); e < o.epochs(); e++) {
                final long epoch = e;
                Augmenter.Epoch aug = Augmenter.augment(registry, data, e, o.threads());
                put(streams, Augmenter.epochPath(e) + "/sample=*", aug.streams(), aug.draws(), StreamUse.WORDS);
                long before = BaseOptimizer.getIterationCount(net);
                if (spark != null) {
                    score = spark.fitEpoch(aug.features(), data.labels());
                    for (StreamUse s : spark.streams(registry, e, before, examples)) {
                        streams.put(s.path(), s);
                    }
                } else {
                    PhiloxStream shuffle = DeterministicShuffle.epochStream(registry, e);
                    DeterministicShuffle.permutation(examples, shuffle);
                    put(streams, DeterministicShuffle.SHUFFLE.child("epoch", e).toString(), 1, shuffle.position(),
                            StreamUse.WORDS);

                    DataSet ds = new DataSet(Nd4j.create(aug.features(), new long[] {examples, SyntheticData.FEATURES},
                            'c'), labels);
                    fingerprints.snapshots().clear();
                    net.fit(new EpochShuffledIterator(ds, TrainOptions.BATCH, registry, () -> epoch, false));
                    score = net.score();
                    long iterations = BaseOptimizer.getIterationCount(net) - before;
                    put(streams, EpochShuffledIterator.BATCH.child("epoch", e) + "/batch=*", iterations, 2 * iterations,
                            StreamUse.WORDS);
                    put(streams, SeededTrainingListener.TRAIN.child("epoch", e) + "/iteration=*", iterations + 1,
                            2 * (iterations + 1), StreamUse.WORDS);
                    history.addAll(fingerprints.snapshots());
                }
                long last = BaseOptimizer.getIterationCount(net) - 1;
                Map<String, String> params = ParamFingerprints.of(net);
                history.add(new Snapshot(Snapshot.EPOCH, e, last, score, ParamHash.sha256(aug.features()), params));

                if (spark != null) {
                    RunDirectory.saveCheckpoint(o.out(), e + 1, dir -> spark.save(dir, net));
                } else {
                    RunDirectory.saveCheckpoint(o.out(), net, registry, e + 1);
                }
                info = withCompleted(info, (int) (e + 1));
                RunDirectory.writeManifest(o.out(), new RunManifest(RunManifest.RUNNING, createdBy(), info, configSha,
                        configuration, environment, List.copyOf(streams.values()), init, history, null, null));
                progress.epoch(e, o.epochs(), last, score, ParamFingerprints.all(net));
            }
            progress.done();
            long epochs = BaseOptimizer.getEpochCount(net);
            Snapshot fin = new Snapshot(Snapshot.EPOCH, epochs - 1, BaseOptimizer.getIterationCount(net) - 1, score,
                    null, ParamFingerprints.of(net));
            RunManifest done = new RunManifest(RunManifest.COMPLETE, createdBy(), withCompleted(info, (int) epochs),
                    configSha, configuration, environment, List.copyOf(streams.values()), init, history, fin,
                    ParamFingerprints.all(net));
            RunDirectory.writeManifest(o.out(), done);
            return done;
        }
    }

    private static RunInfo withCompleted(RunInfo r, int completed) {
        return new RunInfo(r.rootSeed(), r.seedSource(), r.derivationVersion(), r.model(), r.epochs(), completed,
                r.augmentThreads(), r.examples(), r.batchSize(), r.hashEvery(), r.resumedFrom(), r.spark());
    }

    private static void put(Map<String, StreamUse> streams, String path, long count, long draws, String unit) {
        streams.put(path, new StreamUse(path, count, draws, unit));
    }

    static String createdBy() {
        return "seedbank " + EnvironmentFingerprint.seedbankVersion();
    }

    /** Test hook {@code --layer-seed layer=seed}: that layer's initial parameters come from another root seed. */
    private static void reseedLayer(MultiLayerConfiguration conf, String model, String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) {
            throw new BadInputException("invalid --layer-seed '" + spec + "' (expected layer=seed)");
        }
        String layer = spec.substring(0, eq);
        long other = UnsignedLongs.parse(spec.substring(eq + 1), "--layer-seed seed");
        MultiLayerConfiguration donor = SeededInit.apply(Models.build(model), SeedRegistry.of(other));
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (layer.equals(conf.getConf(i).getLayer().getLayerName()) && conf.getConf(i).getLayer() instanceof BaseLayer b) {
                b.setWeightInitFn(((BaseLayer) donor.getConf(i).getLayer()).getWeightInitFn());
                return;
            }
        }
        throw new BadInputException("--layer-seed: no layer with weights named '" + layer + "'");
    }
}
