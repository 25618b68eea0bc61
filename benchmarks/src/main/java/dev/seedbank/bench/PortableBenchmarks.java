package dev.seedbank.bench;

import dev.seedbank.demo.Models;
import dev.seedbank.demo.SyntheticData;
import dev.seedbank.nd4j.portable.PortableMode;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of portable mode (issue target: within 1.3x of machine-specific mode), in milliseconds per
 * {@code fit(DataSet)} of one minibatch: the demo MLP and CNN (64 examples) and a matrix-multiply-heavy dense
 * network 784-1024-1024-10 (128 examples). Each parameter combination runs in its own fork, where the setup chooses
 * the mode before anything loads ND4J; machine-specific mode keeps ND4J's defaults (all cores, the CPU's OpenBLAS kernel).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class PortableBenchmarks {
    static MultiLayerConfiguration dense() {
        return new NeuralNetConfiguration.Builder().seed(7).weightInit(WeightInit.XAVIER).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(1024).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(1024).nOut(1024).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(1024).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    @Param({"portable", "machine-specific"})
    public String mode;
    @Param({"mlp", "cnn", "dense"})
    public String model;
    private MultiLayerNetwork net;
    private DataSet batch;

    @Setup(Level.Trial)
    public void setUp() {
        if (mode.equals("portable")) {
            PortableMode.enable();
        } else {
            PortableMode.machineSpecific();
        }
        boolean dense = model.equals("dense");
        int n = dense ? 128 : 64;
        int features = dense ? 784 : SyntheticData.FEATURES;
        int classes = dense ? 10 : SyntheticData.CLASSES;
        net = new MultiLayerNetwork(dense ? dense() : Models.build(model));
        net.init();
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, i % classes, 1f);
        }
        batch = new DataSet(Nd4j.rand(DataType.FLOAT, n, features), labels);
    }

    @Benchmark
    public MultiLayerNetwork fit() {
        net.fit(batch);
        return net;
    }
}
