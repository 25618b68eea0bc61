package dev.seedbank.spark;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.nd4j.init.SeededInit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Test fixtures: a local Spark context, a small MLP / graph with dropout, and synthetic one-example DataSets. */
final class SparkTraining {
    static final int FEATURES = 8;
    static final int CLASSES = 3;

    private SparkTraining() {
    }

    /** Runs {@code job} on a fresh {@code local[threads]} context, stopped afterwards. */
    static <T> T onLocal(int threads, Function<JavaSparkContext, T> job) {
        SparkConf conf = new SparkConf().setMaster("local[" + threads + "]").setAppName("seedbank-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            return job.apply(sc);
        }
    }

    /** {@code n} one-example DataSets from a fixed generator, in 3 input partitions. */
    static JavaRDD<DataSet> data(JavaSparkContext sc, int n) {
        SplittableRandom random = new SplittableRandom(7);
        List<DataSet> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] x = new float[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                x[j] = (float) random.nextDouble(-1, 1);
            }
            float[] y = new float[CLASSES];
            y[random.nextInt(CLASSES)] = 1;
            list.add(new DataSet(Nd4j.create(x, 1, FEATURES), Nd4j.create(y, 1, CLASSES)));
        }
        return sc.parallelize(list, 3);
    }

    static MultiLayerConfiguration mlp(long seed) {
        return SeededInit.apply(new NeuralNetConfiguration.Builder().seed(seed).weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.01)).list()
                .layer(new DenseLayer.Builder().name("hidden").nIn(FEATURES).nOut(16).activation(Activation.RELU)
                        .dropOut(0.7).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(16).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build(), SeedRegistry.of(seed));
    }

    static ComputationGraphConfiguration graph(long seed) {
        return SeededInit.apply(new NeuralNetConfiguration.Builder().seed(seed).weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.01)).graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(FEATURES).nOut(16).activation(Activation.RELU)
                        .dropOut(0.7).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build(), SeedRegistry.of(seed));
    }

    static MultiLayerNetwork newMlp(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(mlp(seed));
        net.init();
        return net;
    }

    static ComputationGraph newGraph(long seed) {
        ComputationGraph net = new ComputationGraph(graph(seed));
        net.init();
        return net;
    }

    static float[] params(Model model) {
        return model.params().dup().data().asFloat();
    }
}
