package spike;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.FixedThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/** Gradient sharing (SharedTrainingMaster, Aeron UDP on loopback). Run with -Pshared. */
class SharedSpikeTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sharedTrainingMaster() {
        System.out.println("SPIKE: SharedTrainingMaster on Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION());
        try (JavaSparkContext sc = new JavaSparkContext(SparkSpikeTest.base())) {
            JavaRDD<DataSet> rdd = sc.parallelize(SparkSpikeTest.data(), 2);
            VoidConfiguration voidConf = VoidConfiguration.builder()
                    .unicastPort(40123)
                    .networkMask("127.0.0.0/8")
                    .controllerAddress("127.0.0.1")
                    .build();
            SharedTrainingMaster tm = new SharedTrainingMaster.Builder(voidConf, new FixedThresholdAlgorithm(1e-3), 1)
                    .batchSizePerWorker(8)
                    .workersPerNode(2)
                    .workerPrefetchNumBatches(0)
                    .repartitioner(new org.deeplearning4j.spark.impl.repartitioner.NoOpRepartitioner())
                    .rddTrainingApproach(RDDTrainingApproach.Direct)
                    .build();
            SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, SparkSpikeTest.conf(), tm);
            INDArray before = sparkNet.getNetwork().params().dup();
            MultiLayerNetwork trained = sparkNet.fit(rdd);
            INDArray after = trained.params();
            System.out.println("SPIKE: shared params before[0]=" + before.getDouble(0) + " after[0]=" + after.getDouble(0));
            assertNotEquals(before, after, "parameters did not change after one epoch");
            System.out.println("SPIKE: OK (SharedTrainingMaster)");
        }
    }
}
