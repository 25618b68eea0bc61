package dev.seedbank.examples;

import dev.seedbank.Seedbank;
import java.nio.file.Files;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A ComputationGraph with two branches (one with dropout) merged before the output, trained with
 * {@code fit(iterator, epochs)} on synthetic data from {@code Nd4j.randn}. The lines marked {@code // seedbank} are
 * the only ones Seedbank adds or changes.
 */
public final class GraphClassifier {
    private GraphClassifier() {
    }

    /** The graph: a wide branch with dropout and a narrow one, merged before a softmax over 3 classes. */
    public static ComputationGraphConfiguration conf() {
        return new NeuralNetConfiguration.Builder()
                .weightInit(WeightInit.XAVIER)
                .updater(new Nesterovs(0.05, 0.9))
                .graphBuilder()
                .addInputs("in")
                .addLayer("wide", new DenseLayer.Builder().nIn(10).nOut(32).activation(Activation.RELU).dropOut(0.7).build(), "in")
                .addLayer("narrow", new DenseLayer.Builder().nIn(10).nOut(8).activation(Activation.TANH).build(), "in")
                .addVertex("merge", new MergeVertex(), "wide", "narrow")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(40).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "merge")
                .setOutputs("out")
                .build();
    }

    public static void main(String[] args) throws Exception {
        ExampleArgs a = ExampleArgs.parse(args, "GraphClassifier");
        Seedbank sb = a.plain() ? null : Seedbank.start(a.out()); // seedbank
        Files.createDirectories(a.out());

        int n = 512;
        INDArray features = Nd4j.randn(DataType.FLOAT, n, 10);
        INDArray scores = features.mmul(Nd4j.linspace(-1, 1, 30, DataType.FLOAT).reshape(10, 3));
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, Nd4j.argMax(scores.getRow(i)).getInt(0), 1f);
        }
        DataSetIterator train = new ListDataSetIterator<>(new DataSet(features, labels).asList(), 32);

        ComputationGraphConfiguration conf = conf();

        ComputationGraph graph = sb == null ? new ComputationGraph(conf) : sb.network(conf); // seedbank
        graph.init();
        graph.fit(sb == null ? train : sb.shuffled(train), 3); // seedbank

        Evaluation eval = graph.evaluate(train);
        System.out.printf("training accuracy %.4f%n", eval.accuracy());
        ModelSerializer.writeModel(graph, a.out().resolve("model.zip").toFile(), true);
    }
}
