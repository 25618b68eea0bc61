package dev.seedbank.demo;

import dev.seedbank.nd4j.portable.PortableMode;
import dev.seedbank.nd4j.training.DeterministicShuffle;
import dev.seedbank.record.BadInputException;
import dev.seedbank.record.SparkRun;
import dev.seedbank.record.StreamUse;
import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.stream.PhiloxStream;
import dev.seedbank.spark.EpochPlan;
import dev.seedbank.spark.PortableExecutors;
import dev.seedbank.spark.SeededTrainingMaster;
import dev.seedbank.spark.SparkCheckpoint;
import dev.seedbank.spark.SparkSeeds;
import dev.seedbank.spark.SparkStreams;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Spark side of {@code seedbank train --spark MASTER --partitions P}: a Spark context in this JVM (local mode,
 * or the driver of a standalone cluster, see {@link #start}) and {@link SeededTrainingMaster} (synchronous parameter averaging over {@code P} partitions, minibatches
 * of {@link TrainOptions#BATCH} examples per worker, averaging every {@value #AVERAGING_FREQUENCY}
 * minibatches). Each epoch's augmented examples become one-example {@link DataSet}s in example order; the
 * master places them with its own epoch-keyed stream, so the result depends on the seed, the data and
 * {@code P}, not on the executors, their threads or task retries. Everything Spark is confined to this class, so
 * runs without {@code --spark} do not load Spark ({@code seedbank.jar} has none; {@link SparkMasters} says so).
 *
 * <p>Not thread-safe: the training thread only. Close it to stop the Spark context.
 */
final class SparkTrainer implements AutoCloseable {
    /** Minibatches each worker fits between two averagings. */
    static final int AVERAGING_FREQUENCY = 4;

    private final String masterUrl;
    private final SeededTrainingMaster master;
    private JavaSparkContext sc;
    private SparkDl4jMultiLayer spark;

    SparkTrainer(SeedRegistry registry, String masterUrl, int partitions) {
        this.masterUrl = masterUrl;
        this.master = SeededTrainingMaster.builder(SparkSeeds.of(registry), partitions)
                .batchSizePerWorker(TrainOptions.BATCH).averagingFrequency(AVERAGING_FREQUENCY).build();
    }

    /** The Spark release on the classpath. */
    static String sparkVersion() {
        return org.apache.spark.package$.MODULE$.SPARK_VERSION();
    }

    /** What the manifest records ({@code run.spark}). */
    SparkRun info() {
        return new SparkRun(sparkVersion(), masterUrl, master.partitions(), master.settings());
    }

    /**
     * Restores a checkpoint written by {@link #save}, refusing (with one line naming what differs) another
     * partition count or other training-master settings, another seed or another configuration.
     */
    MultiLayerNetwork restore(Path checkpoint, MultiLayerConfiguration expected) throws IOException {
        return SparkCheckpoint.restoreMultiLayerNetwork(checkpoint, master, expected);
    }

    /** Writes the model, its Seedbank state and the training-master settings into {@code dir}. */
    void save(Path dir, MultiLayerNetwork net) throws IOException {
        SparkCheckpoint.save(dir, net, master);
    }

    /**
     * Starts the Spark context and wraps {@code net} (initialised on this driver) for training. For a standalone
     * master ({@code spark://HOST:PORT}, client mode: this JVM is the driver; {@link SparkMasters#requireSpark}
     * checked that it answers) it ships this program's jar to the executors ({@code spark.jars}, unless set), gives
     * them {@value #EXECUTOR_MEMORY} heaps (unless {@code spark.executor.memory} is set) and, in portable mode,
     * portable mode's native settings ({@link PortableExecutors}), else this JVM's {@code OMP_NUM_THREADS}, and
     * waits until an executor has registered; each failure is one line ({@link BadInputException}) within {@code
     * spark.seedbank.executorWait} seconds (default {@value #DEFAULT_EXECUTOR_WAIT_S}). {@code spark.*} system
     * properties reach the configuration as in any Spark driver (e.g. {@code -Dspark.eventLog.enabled=true}).
     */
    void start(MultiLayerNetwork net) {
        SparkConf conf = new SparkConf().setMaster(masterUrl).setAppName("seedbank train")
                .setIfMissing("spark.ui.enabled", "false");
        boolean standalone = SparkMasters.isStandalone(masterUrl);
        String host = standalone ? SparkMasters.host(masterUrl) : "127.0.0.1";
        if (isLoopback(host)) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        long waitSeconds = conf.getTimeAsSeconds("spark.seedbank.executorWait", DEFAULT_EXECUTOR_WAIT_S + "s");
        if (standalone) {
            String jar = ownJar();
            if (jar != null) {
                conf.setIfMissing("spark.jars", jar);
            }
            conf.setIfMissing("spark.executor.memory", EXECUTOR_MEMORY);
            if (PortableMode.mode().equals(PortableMode.PORTABLE)) {
                PortableExecutors.configure(conf);
            } else {
                String omp = System.getenv("OMP_NUM_THREADS");
                if (omp != null) {
                    conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", omp);
                }
            }
        }
        sc = new JavaSparkContext(conf);
        if (standalone) {
            awaitExecutor(waitSeconds, conf.get("spark.executor.memory"));
        }
        spark = new SparkDl4jMultiLayer(sc, net, master);
    }

    /** Seconds to wait for the first executor unless spark.seedbank.executorWait says. */
    static final long DEFAULT_EXECUTOR_WAIT_S = 60;
    /** Executor heap unless spark.executor.memory says: the demo network and its data are small. */
    static final String EXECUTOR_MEMORY = "512m";

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.");
    }

    /**
     * Waits until the application has an executor; else stops the context and refuses (one line): the master did
     * not take the application, or no worker with free cores and {@code spark.executor.memory} registered.
     */
    private void awaitExecutor(long seconds, String memory) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline && !sc.sc().isStopped()) {
            // the driver is listed too
            if (sc.sc().statusTracker().getExecutorInfos().length > 1) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        boolean stopped = sc.sc().isStopped();
        close();
        throw new BadInputException(stopped
                ? "Spark master " + masterUrl + " did not accept the application (is it a Spark standalone master?)"
                : "no Spark executor registered with " + masterUrl + " within " + seconds + " s: no worker running, or"
                        + " none with a free core and " + memory + " (spark.executor.memory) free; see"
                        + " scripts/spark-cluster status");
    }

    /** The jar this class was loaded from (the launcher jar), or null when it runs from a classes folder. */
    private static String ownJar() {
        try {
            Path p = Path.of(SparkTrainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p.toAbsolutePath().toString() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Trains one epoch on {@code features} ({@code examples * FEATURES} values, example order) and
     * {@code labels}; returns the master's score (mean of the last averaging round's partition scores).
     */
    double fitEpoch(float[] features, int[] labels) {
        int f = SyntheticData.FEATURES;
        List<DataSet> examples = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            float[] x = new float[f];
            System.arraycopy(features, i * f, x, 0, f);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 1, SyntheticData.CLASSES);
            y.putScalar(0, labels[i], 1f);
            examples.add(new DataSet(Nd4j.create(x, new long[] {1, f}, 'c'), y));
        }
        JavaRDD<DataSet> rdd = sc.parallelize(examples, master.partitions());
        spark.fit(rdd);
        return spark.getScore();
    }

    /**
     * The stream use of one epoch of {@code examples} examples that started at iteration {@code firstIteration}:
     * {@code spark/data/epoch=E} (drawn here, on the driver, exactly as the master draws it), and the worker
     * streams {@code spark/task/epoch=E/round=*}{@code /partition=*} and
     * {@code spark/train/partition=P/epoch=E/iteration=*}, counted from the master's {@link EpochPlan} (which rounds and
     * partitions have examples, how many minibatches each fits): workers do not report their draws.
     */
    List<StreamUse> streams(SeedRegistry registry, long epoch, long firstIteration, int examples) {
        List<StreamUse> out = new ArrayList<>();
        PhiloxStream order = registry.stream(SparkStreams.dataOrder(epoch));
        DeterministicShuffle.permutation(examples, order);
        out.add(new StreamUse(SparkStreams.dataOrder(epoch).toString(), 1, order.position(), StreamUse.WORDS));

        int partitions = master.partitions();
        int batch = master.batchSizePerWorker();
        EpochPlan plan = EpochPlan.of(registry, epoch, examples, partitions, master.elementsPerWorker());
        long tasks = 0;
        long[] trainStreams = new long[partitions];
        long[] trainDraws = new long[partitions];
        long[] lastBound = new long[partitions];
        Arrays.fill(lastBound, -1);
        long start = firstIteration;
        for (int round = 0; round < plan.rounds(); round++) {
            long most = 0;
            for (int p = 0; p < partitions; p++) {
                int mine = plan.elements(round, p);
                if (mine == 0) {
                    continue;
                }
                long batches = (mine + batch - 1) / batch; // one-example elements
                most = Math.max(most, batches);
                tasks++;
                // bound before the first minibatch (iteration start) and after each (start+1 .. start+batches)
                trainDraws[p] += 2 * (batches + 1);
                trainStreams[p] += batches + 1 - (lastBound[p] == start ? 1 : 0);
                lastBound[p] = start + batches;
            }
            start += most;
        }
        out.add(new StreamUse(SparkStreams.SPARK.child("task").child("epoch", epoch) + "/round=*/partition=*", tasks,
                2 * tasks, StreamUse.WORDS));
        for (int p = 0; p < partitions; p++) {
            if (trainStreams[p] > 0) {
                out.add(new StreamUse(SparkStreams.trainBase(p).child("epoch", epoch) + "/iteration=*", trainStreams[p],
                        trainDraws[p], StreamUse.WORDS));
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (sc != null) {
            sc.close();
            sc = null;
        }
    }
}
