package dev.seedbank.spark;

import static dev.seedbank.spark.SparkTraining.data;
import static dev.seedbank.spark.SparkTraining.onLocal;
import static dev.seedbank.spark.SparkTraining.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Spark local mode, real DL4J networks with dropout on nd4j-native: the guarantees of
 * {@link SeededTrainingMaster}.
 */
class SeededTrainingMasterTest {
    static final long SEED = 42;
    static final int EXAMPLES = 96;
    static final int EPOCHS = 2;

    static SeededTrainingMaster master(long seed, int partitions) {
        return SeededTrainingMaster.builder(SparkSeeds.of(seed), partitions).batchSizePerWorker(4)
                .averagingFrequency(3).build();
    }

    /** Trains the MLP for {@link #EPOCHS} epochs on {@code local[threads]}; returns its parameters. */
    static float[] trainMlp(int threads, long seed, int partitions) {
        return onLocal(threads, sc -> {
            SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, SparkTraining.newMlp(seed), master(seed, partitions));
            JavaRDD<DataSet> rdd = data(sc, EXAMPLES);
            for (int e = 0; e < EPOCHS; e++) {
                spark.fit(rdd);
            }
            return params(spark.getNetwork());
        });
    }

    @Test
    void sameJobTwiceAndAnyThreadCountGiveBitwiseIdenticalParameters() {
        float[] initial = params(SparkTraining.newMlp(SEED));
        float[] reference = trainMlp(2, SEED, 4);
        assertFalse(Arrays.equals(initial, reference), "training changed nothing");
        assertArrayEquals(reference, trainMlp(2, SEED, 4), "same job twice");
        assertArrayEquals(reference, trainMlp(1, SEED, 4), "local[1] vs local[2]");
        assertArrayEquals(reference, trainMlp(4, SEED, 4), "local[4] vs local[2]");
    }

    @Test
    void partitionCountAndRootSeedChangeTheResult() {
        float[] reference = trainMlp(2, SEED, 4);
        assertFalse(Arrays.equals(reference, trainMlp(2, SEED, 2)), "2 partitions vs 4");
        assertFalse(Arrays.equals(reference, trainMlp(2, SEED + 1, 4)), "another root seed");
    }

    @Test
    void computationGraphIsReproducibleToo() {
        float[][] runs = new float[2][];
        for (int run = 0; run < 2; run++) {
            int threads = run + 1;
            runs[run] = onLocal(threads, sc -> {
                SparkComputationGraph spark = new SparkComputationGraph(sc, SparkTraining.newGraph(SEED), master(SEED, 3));
                spark.fit(data(sc, EXAMPLES));
                return params(spark.getNetwork());
            });
        }
        assertFalse(Arrays.equals(params(SparkTraining.newGraph(SEED)), runs[0]), "training changed nothing");
        assertArrayEquals(runs[0], runs[1], "local[1] vs local[2]");
    }

    @Test
    void countersAdvanceLikeDl4j() {
        onLocal(2, sc -> {
            SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, SparkTraining.newMlp(SEED), master(SEED, 4));
            spark.fit(data(sc, EXAMPLES));
            MultiLayerNetwork net = spark.getNetwork();
            // 96 examples, 4 partitions, 12 examples per worker and round: 2 rounds of 3 minibatches of 4
            assertEquals(1, net.getEpochCount());
            assertEquals(6, net.getIterationCount());
            assertTrue(Double.isFinite(spark.getScore()), "score " + spark.getScore());
            return null;
        });
    }

    @Test
    void resumeFromCheckpointContinuesBitForBit(@TempDir Path dir) throws Exception {
        float[] uninterrupted = trainMlp(2, SEED, 4);
        float[] resumed = onLocal(2, sc -> {
            try {
                SeededTrainingMaster master = master(SEED, 4);
                SparkDl4jMultiLayer first = new SparkDl4jMultiLayer(sc, SparkTraining.newMlp(SEED), master);
                JavaRDD<DataSet> rdd = data(sc, EXAMPLES);
                first.fit(rdd);
                SparkCheckpoint.save(dir, first.getNetwork(), master);
                MultiLayerNetwork restored = SparkCheckpoint.restoreMultiLayerNetwork(dir, master(SEED, 4),
                        SparkTraining.mlp(SEED));
                SparkDl4jMultiLayer second = new SparkDl4jMultiLayer(sc, restored, master(SEED, 4));
                second.fit(rdd);
                return params(second.getNetwork());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertArrayEquals(uninterrupted, resumed);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkCheckpoint.restoreMultiLayerNetwork(dir, master(SEED, 2), SparkTraining.mlp(SEED)));
        assertEquals("cannot resume Spark training from " + dir + ": partitions 4 in the checkpoint, 2 in this run",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkCheckpoint.restoreMultiLayerNetwork(dir, master(7, 4), SparkTraining.mlp(SEED)));
        assertEquals("cannot resume Spark training from " + dir + ": rootSeed 42 in the checkpoint, 7 in this run",
                e.getMessage());
    }

    @Test
    void unsupportedInputsFailInOneLine() {
        SeededTrainingMaster master = master(SEED, 2);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> master.executeTrainingPaths(null, null, null, null, null));
        assertTrue(e.getMessage().startsWith("SeededTrainingMaster trains from a JavaRDD<DataSet>"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> master.setCollectTrainingStats(true));
        IllegalStateException noParams = assertThrows(IllegalStateException.class,
                () -> master.train(null, new MultiLayerNetwork(SparkTraining.mlp(SEED)), null));
        assertEquals("the network has no parameters: call init() on the driver first", noParams.getMessage());
    }

    @Test
    void settingsAreRecordedInOrder() {
        assertEquals("{\"trainingMaster\":\"SeededTrainingMaster\",\"partitions\":4,\"batchSizePerWorker\":4,"
                + "\"averagingFrequency\":3,\"examplesPerDataSet\":1,\"averageUpdater\":true,\"rootSeed\":\"42\","
                + "\"derivationVersion\":\"seedbank-derive-v1\"}", master(SEED, 4).toJson());
    }
}
