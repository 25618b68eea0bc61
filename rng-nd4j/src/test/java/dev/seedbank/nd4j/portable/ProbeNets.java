package dev.seedbank.nd4j.portable;

import dev.seedbank.nd4j.init.SeededInit;
import dev.seedbank.nd4j.training.SeededTrainingListener;
import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.stream.PhiloxStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The three networks of the portability evidence, trained on the calling thread only (no prefetch thread, no
 * augmentation threads), so that only native arithmetic can make two runs differ:
 * <ul>
 *   <li>{@code mlp}: the demo MLP (training-demo's {@code Models "mlp"}: 64-32-4 with dropout, Adam) on 8x8
 *       synthetic data;</li>
 *   <li>{@code cnn}: the demo CNN (3x3 conv, 8 maps, max pool, dense 32 with dropout);</li>
 *   <li>{@code lenet}: a LeNet-style net (5x5 conv 6 maps, pool, 5x5 conv 16 maps, pool, dense 64 with dropout,
 *       softmax) on 20x20 synthetic images, trained by DL4J's {@code EarlyStoppingTrainer} (validation loss,
 *       best model kept).</li>
 * </ul>
 * Weight init is Seedbank's ({@code SeededInit}), dropout masks come from {@code SeededTrainingListener}, the
 * data from a Philox stream: everything random is a function of the seed.
 */
final class ProbeNets {
    static final List<String> MODELS = List.of("mlp", "cnn", "lenet");
    static final int BATCH = 32;

    private ProbeNets() {
    }

    /** Trains {@code model} for {@code epochs} epochs from {@code seed}; returns the final parameters. */
    static INDArray train(String model, long seed, int epochs) {
        SeedRegistry registry = SeedRegistry.of(seed);
        int side = model.equals("lenet") ? 20 : 8;
        int classes = model.equals("lenet") ? 10 : 4;
        List<DataSet> train = batches(registry.stream("probe/train"), 256, side, classes);
        MultiLayerNetwork net = new MultiLayerNetwork(SeededInit.apply(conf(model), SeedRegistry.of(seed)));
        net.init();
        SeededTrainingListener listener = new SeededTrainingListener(registry);
        net.setListeners(listener);
        if (!model.equals("lenet")) {
            for (int e = 0; e < epochs; e++) {
                listener.bindNext(net);
                for (DataSet ds : train) {
                    net.fit(ds);
                }
                net.incrementEpochCount();
            }
            return net.params();
        }
        List<DataSet> validation = batches(registry.stream("probe/validation"), 128, side, classes);
        EarlyStoppingConfiguration<MultiLayerNetwork> es = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(epochs),
                        new ScoreImprovementEpochTerminationCondition(2))
                .scoreCalculator(new DataSetLossCalculator(new ViewIterator(DataSet.merge(validation), BATCH), true))
                .evaluateEveryNEpochs(1)
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        EarlyStoppingResult<MultiLayerNetwork> result =
                new EarlyStoppingTrainer(es, net, new ViewIterator(DataSet.merge(train), BATCH)).fit();
        MultiLayerNetwork best = result.getBestModel();
        return best.params();
    }

    static MultiLayerConfiguration conf(String model) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(12345)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(2e-3))
                .list();
        switch (model) {
            case "mlp" -> b
                    .layer(new DenseLayer.Builder().name("dense_1").nIn(64).nOut(64).activation(Activation.RELU)
                            .dropOut(0.8).build())
                    .layer(new DenseLayer.Builder().name("dense_2").nIn(64).nOut(32).activation(Activation.RELU)
                            .dropOut(0.8).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nIn(32)
                            .nOut(4).activation(Activation.SOFTMAX).build());
            case "cnn" -> b
                    .layer(new ConvolutionLayer.Builder(3, 3).name("conv_1").nIn(1).nOut(8).stride(1, 1)
                            .activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool_1")
                            .kernelSize(2, 2).stride(2, 2).build())
                    .layer(new DenseLayer.Builder().name("dense_1").nOut(32).activation(Activation.RELU)
                            .dropOut(0.8).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nOut(4)
                            .activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.convolutionalFlat(8, 8, 1));
            case "lenet" -> b
                    .layer(new ConvolutionLayer.Builder(5, 5).name("conv_1").nIn(1).nOut(6).stride(1, 1)
                            .activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool_1")
                            .kernelSize(2, 2).stride(2, 2).build())
                    .layer(new ConvolutionLayer.Builder(5, 5).name("conv_2").nOut(16).stride(1, 1)
                            .activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool_2")
                            .kernelSize(2, 2).stride(2, 2).build())
                    .layer(new DenseLayer.Builder().name("dense_1").nOut(64).activation(Activation.RELU)
                            .dropOut(0.5).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nOut(10)
                            .activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.convolutionalFlat(20, 20, 1));
            default -> throw new IllegalArgumentException("unknown model '" + model + "' (expected one of: "
                    + String.join(", ", MODELS) + ")");
        }
        return b.build();
    }

    /** {@code examples} examples in minibatches of {@link #BATCH}: class prototypes plus normal noise. */
    static List<DataSet> batches(PhiloxStream s, int examples, int side, int classes) {
        int features = side * side;
        float[] prototypes = new float[classes * features];
        s.fillNormal(prototypes, 0, prototypes.length, 0f, 1f);
        List<DataSet> out = new ArrayList<>();
        for (int start = 0; start < examples; start += BATCH) {
            int n = Math.min(BATCH, examples - start);
            float[] x = new float[n * features];
            float[] y = new float[n * classes];
            for (int i = 0; i < n; i++) {
                int label = (int) ((s.nextInt() & 0xffffffffL) % classes);
                y[i * classes + label] = 1f;
                s.fillNormal(x, i * features, (i + 1) * features, 0f, 1f);
                for (int j = 0; j < features; j++) {
                    x[i * features + j] += 0.6f * prototypes[label * features + j];
                }
            }
            out.add(new DataSet(Nd4j.create(x, new long[] {n, features}), Nd4j.create(y, new long[] {n, classes})));
        }
        return out;
    }

    /** SHA-256 of the parameters as little-endian IEEE-754 floats, in hex. */
    static String fingerprint(INDArray params) {
        float[] v = params.castTo(DataType.FLOAT).toFloatVector();
        byte[] bytes = new byte[v.length * 4];
        for (int i = 0; i < v.length; i++) {
            int b = Float.floatToRawIntBits(v[i]);
            bytes[4 * i] = (byte) b;
            bytes[4 * i + 1] = (byte) (b >>> 8);
            bytes[4 * i + 2] = (byte) (b >>> 16);
            bytes[4 * i + 3] = (byte) (b >>> 24);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
