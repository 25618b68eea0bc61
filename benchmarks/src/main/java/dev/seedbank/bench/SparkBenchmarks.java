package dev.seedbank.bench;

import dev.seedbank.demo.Models;
import dev.seedbank.demo.SyntheticData;
import dev.seedbank.demo.TrainOptions;
import dev.seedbank.nd4j.init.SeededInit;
import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.spark.SeededTrainingMaster;
import dev.seedbank.spark.SparkSeeds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training epoch of the demo job (its MLP with dropout, 1024 synthetic examples, minibatches of 32) on
 * Spark {@code local[2]} with 4 partitions and averaging every 4 minibatches: Seedbank's
 * {@link SeededTrainingMaster} against DL4J's {@link ParameterAveragingTrainingMaster} with the same
 * settings, in the same JVM and Spark context; milliseconds per epoch.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 2, jvmArgsAppend = {"--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
        "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED"})
public class SparkBenchmarks {
    static final long SEED = 42;
    static final int PARTITIONS = 4;
    static final int AVERAGING_FREQUENCY = 4;

    @State(Scope.Benchmark)
    public static class Cluster {
        JavaSparkContext sc;
        JavaRDD<DataSet> data;
        SparkDl4jMultiLayer seeded;
        SparkDl4jMultiLayer dl4j;

        @Setup(Level.Trial)
        public void start() {
            sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("seedbank-bench")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1"));
            SyntheticData synthetic = SyntheticData.generate(SeedRegistry.of(SEED), TrainOptions.DEFAULT_EXAMPLES);
            List<DataSet> list = new ArrayList<>(synthetic.examples());
            for (int i = 0; i < synthetic.examples(); i++) {
                float[] x = new float[SyntheticData.FEATURES];
                System.arraycopy(synthetic.features(), i * SyntheticData.FEATURES, x, 0, SyntheticData.FEATURES);
                float[] y = new float[SyntheticData.CLASSES];
                y[synthetic.labels()[i]] = 1;
                list.add(new DataSet(Nd4j.create(x, 1, SyntheticData.FEATURES), Nd4j.create(y, 1, SyntheticData.CLASSES)));
            }
            data = sc.parallelize(list, PARTITIONS).persist(StorageLevel.MEMORY_ONLY());
            data.count();
            seeded = new SparkDl4jMultiLayer(sc, network(), SeededTrainingMaster.builder(SparkSeeds.of(SEED), PARTITIONS)
                    .batchSizePerWorker(TrainOptions.BATCH).averagingFrequency(AVERAGING_FREQUENCY).build());
            dl4j = new SparkDl4jMultiLayer(sc, network(), new ParameterAveragingTrainingMaster.Builder(PARTITIONS, 1)
                    .batchSizePerWorker(TrainOptions.BATCH).averagingFrequency(AVERAGING_FREQUENCY)
                    .workerPrefetchNumBatches(0).rngSeed(SEED).build());
        }

        private static MultiLayerNetwork network() {
            MultiLayerNetwork net = new MultiLayerNetwork(SeededInit.apply(Models.build("mlp"), SeedRegistry.of(SEED)));
            net.init();
            return net;
        }

        @TearDown(Level.Trial)
        public void stop() {
            sc.close();
        }
    }

    @Benchmark
    public MultiLayerNetwork seededEpoch(Cluster c) {
        return c.seeded.fit(c.data);
    }

    @Benchmark
    public MultiLayerNetwork dl4jEpoch(Cluster c) {
        return c.dl4j.fit(c.data);
    }
}
