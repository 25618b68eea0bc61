package dev.seedbank.nd4j.training;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.stream.PhiloxStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks and data for the training tests (shared with the child JVM of the resume test). */
final class TestNets {
    static final int FEATURES = 6;
    static final int CLASSES = 3;
    static final int EXAMPLES = 96;
    static final int BATCH = 16;

    private TestNets() {
    }

    static MultiLayerConfiguration conf(double dropoutRetain, int hidden) {
        return new NeuralNetConfiguration.Builder()
                .seed(12345)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.01))
                .list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(hidden).activation(Activation.RELU)
                        .dropOut(dropoutRetain).build())
                .layer(new DenseLayer.Builder().nIn(hidden).nOut(hidden).activation(Activation.TANH)
                        .dropOut(dropoutRetain).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hidden).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    static MultiLayerConfiguration conf() {
        return conf(0.5, 16);
    }

    static MultiLayerNetwork net() {
        MultiLayerNetwork net = new MultiLayerNetwork(conf());
        net.init();
        return net;
    }

    /** Deterministic synthetic data: uniform features, label = argmax of the first three features. */
    static DataSet data() {
        PhiloxStream s = SeedRegistry.of(99).stream("test/data");
        float[][] x = new float[EXAMPLES][FEATURES];
        float[][] y = new float[EXAMPLES][CLASSES];
        for (int i = 0; i < EXAMPLES; i++) {
            int best = 0;
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = s.nextFloat();
                if (j < CLASSES && x[i][j] > x[i][best]) {
                    best = j;
                }
            }
            y[i][best] = 1f;
        }
        INDArray features = Nd4j.create(x);
        INDArray labels = Nd4j.create(y);
        return new DataSet(features, labels);
    }

    static float[] params(MultiLayerNetwork net) {
        return net.params().toFloatVector();
    }
}
