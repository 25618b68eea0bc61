package dev.seedbank.nd4j.init;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small test networks and a parameter hash. */
final class Nets {
    private Nets() {
    }

    /** Dense layers named d1, [extra], d2 and an output layer named out. */
    static MultiLayerConfiguration mlp(boolean withExtraLayer, WeightInit init) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(42).weightInit(init).list()
                .layer(new DenseLayer.Builder().name("d1").nIn(4).nOut(8).activation(Activation.RELU).build());
        if (withExtraLayer) {
            b.layer(new DenseLayer.Builder().name("extra").nIn(8).nOut(8).activation(Activation.RELU).build());
        }
        return b.layer(new DenseLayer.Builder().name("d2").nIn(8).nOut(6).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(6).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    /** Two branches a, b from one input, merged, then out. */
    static ComputationGraphConfiguration graph() {
        return new NeuralNetConfiguration.Builder().seed(42).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .addLayer("d1", new DenseLayer.Builder().nIn(4).nOut(8).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(4).nOut(5).weightInit(WeightInit.RELU_UNIFORM).build(), "in")
                .addVertex("merge", new MergeVertex(), "d1", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(13).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "merge")
                .setOutputs("out")
                .build();
    }

    /** An LSTM with nIn == nOut, so its W and RW have the same shape. */
    static MultiLayerConfiguration lstm() {
        return new NeuralNetConfiguration.Builder().seed(1).weightInit(WeightInit.XAVIER).list()
                .layer(new LSTM.Builder().name("lstm").nIn(5).nOut(5).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nIn(5).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build();
    }

    static String hash(INDArray params) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            INDArray c = params.dup('c');
            ByteBuffer bytes = ByteBuffer.allocate((int) c.length() * 8);
            for (long i = 0; i < c.length(); i++) {
                bytes.putDouble(c.getDouble(i));
            }
            return HexFormat.of().formatHex(sha.digest(bytes.array()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
