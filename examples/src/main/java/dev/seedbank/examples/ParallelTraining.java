package dev.seedbank.examples;

import dev.seedbank.Seedbank;
import java.nio.file.Files;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small LeNet with dropout trained on {@code ParallelWrapper} (two workers, parameter averaging) the ordinary
 * way, {@code wrapper.fit(iterator)} once per epoch, on synthetic images. The lines marked {@code // seedbank} are
 * the only ones Seedbank adds or changes.
 */
public final class ParallelTraining {
    private ParallelTraining() {
    }

    public static void main(String[] args) throws Exception {
        ExampleArgs a = ExampleArgs.parse(args, "ParallelTraining");
        Seedbank sb = a.plain() ? null : Seedbank.start(a.out()); // seedbank
        Files.createDirectories(a.out());

        DataSetIterator train = new ListDataSetIterator<>(SyntheticImages.generate(256).asList(), 16);

        MultiLayerNetwork net = sb == null ? new MultiLayerNetwork(conf()) : sb.network(conf()); // seedbank
        net.init();

        ParallelWrapper built = wrapper(net);
        ParallelWrapper wrapper = sb == null ? built : sb.parallel(built); // seedbank
        for (int epoch = 0; epoch < 3; epoch++) {
            wrapper.fit(train);
        }
        wrapper.shutdown();

        System.out.printf("score %.6f%n", net.score());
        ModelSerializer.writeModel(net, a.out().resolve("model.zip").toFile(), true);
    }

    /** The network: a small LeNet with dropout. */
    public static MultiLayerConfiguration conf() {
        return new NeuralNetConfiguration.Builder()
                .seed(42)
                .weightInit(WeightInit.XAVIER)
                .updater(new Nesterovs(0.01, 0.9))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(24).activation(Activation.RELU).dropOut(0.6).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nOut(SyntheticImages.CLASSES).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(SyntheticImages.SIZE, SyntheticImages.SIZE, 1))
                .build();
    }

    /** Two workers averaging every two minibatches, as a DL4J user builds it. */
    public static ParallelWrapper wrapper(MultiLayerNetwork net) {
        return new ParallelWrapper.Builder<>(net)
                .prefetchBuffer(4)
                .workers(2)
                .averagingFrequency(2)
                .reportScoreAfterAveraging(false)
                .build();
    }
}
