package dev.seedbank.demo;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The demo's networks, on {@link SyntheticData}'s 8x8 inputs and 4 classes. Both use dropout, so training
 * draws random masks every iteration. The configuration seed is a constant: Seedbank seeds initialisation
 * ({@code SeededInit}) and the generators, and a clock-derived configuration seed would change the
 * configuration fingerprint on every run.
 */
public final class Models {
    /** The model names {@code --model} accepts. */
    public static final List<String> NAMES = List.of("mlp", "cnn");
    private static final long CONFIG_SEED = 12345;
    private static final double RETAIN = 0.8;

    private Models() {
    }

    /** The configuration of model {@code name}. */
    public static MultiLayerConfiguration build(String name) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(CONFIG_SEED)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(2e-3))
                .list();
        int in = SyntheticData.FEATURES;
        int classes = SyntheticData.CLASSES;
        switch (name) {
            case "mlp" -> b
                    .layer(new DenseLayer.Builder().name("dense_1").nIn(in).nOut(64).activation(Activation.RELU)
                            .dropOut(RETAIN).build())
                    .layer(new DenseLayer.Builder().name("dense_2").nIn(64).nOut(32).activation(Activation.RELU)
                            .dropOut(RETAIN).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nIn(32)
                            .nOut(classes).activation(Activation.SOFTMAX).build());
            case "cnn" -> b
                    .layer(new ConvolutionLayer.Builder(3, 3).name("conv_1").nIn(1).nOut(8).stride(1, 1)
                            .activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool_1")
                            .kernelSize(2, 2).stride(2, 2).build())
                    .layer(new DenseLayer.Builder().name("dense_1").nOut(32).activation(Activation.RELU)
                            .dropOut(RETAIN).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nOut(classes)
                            .activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.convolutionalFlat(SyntheticData.SIDE, SyntheticData.SIDE, 1));
            default -> throw new IllegalArgumentException("unknown model '" + name + "' (expected one of: "
                    + String.join(", ", NAMES) + ")");
        }
        return b.build();
    }
}
