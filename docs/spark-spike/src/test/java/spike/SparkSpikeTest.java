package spike;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class SparkSpikeTest {

    static MultiLayerConfiguration conf() {
        return new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(new Sgd(0.1))
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(8).nOut(3).activation(Activation.SOFTMAX).build())
                .build();
    }

    /** 64 examples, one per DataSet object. */
    static List<DataSet> data() {
        Nd4j.getRandom().setSeed(7);
        List<DataSet> list = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            INDArray f = Nd4j.rand(1, 4);
            INDArray l = Nd4j.zeros(1, 3);
            l.putScalar(0, i % 3, 1.0);
            list.add(new DataSet(f, l));
        }
        return list;
    }

    static INDArray runOnce(SparkConf sparkConf, RDDTrainingApproach approach) {
        System.out.println("SPIKE: Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()
                + ", Java " + System.getProperty("java.version") + ", approach " + approach
                + ", serializer " + sparkConf.get("spark.serializer", "java"));
        try (JavaSparkContext sc = new JavaSparkContext(sparkConf)) {
            JavaRDD<DataSet> rdd = sc.parallelize(data(), 2);
            ParameterAveragingTrainingMaster tm = new ParameterAveragingTrainingMaster.Builder(2, 1)
                    .batchSizePerWorker(8)
                    .averagingFrequency(2)
                    .workerPrefetchNumBatches(0)
                    .rddTrainingApproach(approach)
                    .build();
            SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, conf(), tm);
            INDArray before = sparkNet.getNetwork().params().dup();
            MultiLayerNetwork trained = sparkNet.fit(rdd);
            INDArray after = trained.params();
            System.out.println("SPIKE: params before[0..4]=" + before.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4))
                    + " after[0..4]=" + after.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4))
                    + " score=" + trained.score());
            assertEquals(before.length(), after.length());
            assertNotEquals(before, after, "parameters did not change after one epoch");
            System.out.println("SPIKE: OK (" + approach + ")");
            return after.dup();
        }
    }

    static SparkConf base() {
        return new SparkConf().setMaster("local[2]").setAppName("seedbank-spark-spike")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
    }

    @Test
    void parameterAveragingExport() {
        runOnce(base(), RDDTrainingApproach.Export);
    }

    @Test
    void parameterAveragingDirect() {
        runOnce(base(), RDDTrainingApproach.Direct);
    }

    /** Not an assertion: records whether stock DL4J-on-Spark repeats itself bit for bit. */
    @Test
    void sameJobTwiceIsItReproducible() {
        INDArray a = runOnce(base(), RDDTrainingApproach.Direct);
        INDArray b = runOnce(base(), RDDTrainingApproach.Direct);
        System.out.println("SPIKE: same job twice bitwise identical = " + a.equals(b)
                + ", max |diff| = " + a.sub(b).amaxNumber());
    }

    @Test
    void parameterAveragingDirectKryo() {
        runOnce(base()
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator"), RDDTrainingApproach.Direct);
    }
}
