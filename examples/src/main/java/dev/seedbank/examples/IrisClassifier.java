package dev.seedbank.examples;

import dev.seedbank.Seedbank;
import java.nio.file.Files;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.common.io.ClassPathResource;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The classic DL4J Iris example: a CSV file read with DataVec, {@code DataSet.shuffle()}, a train/test split,
 * standardisation, a small MLP trained with {@code fit(DataSet)} in a loop, evaluation. The data file is the Iris
 * data set (Fisher, 1936) as DL4J ships it ({@code iris.dat} in deeplearning4j-core). The lines marked
 * {@code // seedbank} are the only ones Seedbank adds or changes.
 */
public final class IrisClassifier {
    private IrisClassifier() {
    }

    /** The network: 4 inputs, two tanh layers of 3, softmax over 3 classes. */
    public static MultiLayerConfiguration conf() {
        return new NeuralNetConfiguration.Builder()
                .seed(6)
                .activation(Activation.TANH)
                .weightInit(WeightInit.XAVIER)
                .updater(new Sgd(0.1))
                .l2(1e-4)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).build())
                .layer(new DenseLayer.Builder().nIn(3).nOut(3).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .activation(Activation.SOFTMAX).nIn(3).nOut(3).build())
                .build();
    }

    public static void main(String[] args) throws Exception {
        ExampleArgs a = ExampleArgs.parse(args, "IrisClassifier");
        Seedbank sb = a.plain() ? null : Seedbank.start(a.out()); // seedbank
        Files.createDirectories(a.out());

        RecordReader reader = new CSVRecordReader(0, ',');
        reader.initialize(new FileSplit(new ClassPathResource("iris.csv").getFile()));
        DataSetIterator iterator = new RecordReaderDataSetIterator(reader, 150, 4, 3);
        DataSet allData = iterator.next();
        if (sb == null) allData.shuffle(); else sb.shuffle(allData); // seedbank
        SplitTestAndTrain testAndTrain = allData.splitTestAndTrain(0.65);
        DataSet trainingData = testAndTrain.getTrain();
        DataSet testData = testAndTrain.getTest();

        DataNormalization normalizer = new NormalizerStandardize();
        normalizer.fit(trainingData);
        normalizer.transform(trainingData);
        normalizer.transform(testData);

        MultiLayerConfiguration conf = conf();

        MultiLayerNetwork model = sb == null ? new MultiLayerNetwork(conf) : sb.network(conf); // seedbank
        model.init();
        model.setListeners(new ScoreIterationListener(100));
        for (int i = 0; i < 300; i++) {
            model.fit(trainingData);
        }

        Evaluation eval = new Evaluation(3);
        eval.eval(testData.getLabels(), model.output(testData.getFeatures()));
        System.out.printf("accuracy %.4f%n", eval.accuracy());
        ModelSerializer.writeModel(model, a.out().resolve("model.zip").toFile(), true);
    }
}
