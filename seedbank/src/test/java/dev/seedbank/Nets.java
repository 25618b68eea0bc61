package dev.seedbank;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks with dropout and fixed data for the tests. */
final class Nets {
    static final int FEATURES = 6;
    static final int CLASSES = 3;

    private Nets() {
    }

    static MultiLayerConfiguration mlp() {
        return new NeuralNetConfiguration.Builder().weightInit(WeightInit.XAVIER).updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().name("hidden").nIn(FEATURES).nOut(16).activation(Activation.RELU)
                        .dropOut(0.6).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(16).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    static ComputationGraphConfiguration graph() {
        return new NeuralNetConfiguration.Builder().weightInit(WeightInit.XAVIER).updater(new Sgd(0.1)).graphBuilder()
                .addInputs("in")
                .addLayer("wide", new DenseLayer.Builder().nIn(FEATURES).nOut(12).activation(Activation.RELU)
                        .dropOut(0.7).build(), "in")
                .addLayer("narrow", new DenseLayer.Builder().nIn(FEATURES).nOut(4).activation(Activation.TANH).build(), "in")
                .addVertex("merge", new MergeVertex(), "wide", "narrow")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "merge")
                .setOutputs("out").build();
    }

    /** A small conv net with dropout for 1 x 8 x 8 images. */
    static MultiLayerConfiguration conv() {
        return new NeuralNetConfiguration.Builder().weightInit(WeightInit.XAVIER).updater(new Sgd(0.05)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).dropOut(0.6).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .build();
    }

    /** {@code n} images of 1 x 8 x 8 whose values depend on their index only. */
    static DataSet images(int n) {
        float[] f = new float[n * 64];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) StrictMath.sin(i * 0.37);
        }
        return new DataSet(Nd4j.create(f, new long[] {n, 1, 8, 8}, 'c'), data(n).getLabels());
    }

    /** {@code n} examples whose values depend on their index only. */
    static DataSet data(int n) {
        float[] f = new float[n * FEATURES];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) StrictMath.sin(i * 0.37);
        }
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, i % CLASSES, 1f);
        }
        return new DataSet(Nd4j.create(f, new long[] {n, FEATURES}, 'c'), labels);
    }
}
