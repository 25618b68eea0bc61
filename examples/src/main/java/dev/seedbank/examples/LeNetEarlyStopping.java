package dev.seedbank.examples;

import dev.seedbank.Seedbank;
import java.nio.file.Files;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.LocalFileModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
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
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A LeNet-style conv net with dropout, trained by {@code EarlyStoppingTrainer} built from the configuration (the
 * constructor that creates the network itself), with {@code LocalFileModelSaver}, on synthetic images. The lines
 * marked {@code // seedbank} are the only ones Seedbank adds or changes.
 */
public final class LeNetEarlyStopping {
    private LeNetEarlyStopping() {
    }

    /** The network: two convolution and pooling stages, a dense layer with dropout, softmax over 4 classes. */
    public static MultiLayerConfiguration conf() {
        return new NeuralNetConfiguration.Builder()
                .seed(12345)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(1e-3))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).dropOut(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nOut(SyntheticImages.CLASSES).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(SyntheticImages.SIZE, SyntheticImages.SIZE, 1))
                .build();
    }

    public static void main(String[] args) throws Exception {
        ExampleArgs a = ExampleArgs.parse(args, "LeNetEarlyStopping");
        Seedbank sb = a.plain() ? null : Seedbank.start(a.out()); // seedbank
        Files.createDirectories(a.out());

        DataSet all = SyntheticImages.generate(320);
        SplitTestAndTrain split = all.splitTestAndTrain(256);
        DataSetIterator train = new ListDataSetIterator<>(split.getTrain().asList(), 32);
        DataSetIterator test = new ListDataSetIterator<>(split.getTest().asList(), 32);

        MultiLayerConfiguration conf = conf();

        EarlyStoppingConfiguration<MultiLayerNetwork> esConf = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(3))
                .scoreCalculator(new DataSetLossCalculator(test, true))
                .evaluateEveryNEpochs(1)
                .modelSaver(new LocalFileModelSaver(a.out().toString()))
                .build();

        EarlyStoppingTrainer trainer = new EarlyStoppingTrainer(esConf, sb == null ? conf : sb.configure(conf), sb == null ? train : sb.shuffled(train)); // seedbank
        if (sb != null) trainer.setListener(sb.earlyStopping()); // seedbank
        EarlyStoppingResult<MultiLayerNetwork> result = trainer.fit();

        System.out.println("termination: " + result.getTerminationReason() + " (" + result.getTerminationDetails() + ")");
        System.out.println("best epoch " + result.getBestModelEpoch() + ", score " + result.getBestModelScore());
        ModelSerializer.writeModel(result.getBestModel(), a.out().resolve("model.zip").toFile(), true);
    }
}
