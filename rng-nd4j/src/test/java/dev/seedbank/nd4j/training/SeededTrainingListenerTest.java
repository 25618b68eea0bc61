package dev.seedbank.nd4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.seedbank.rng.registry.SeedRegistry;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class SeededTrainingListenerTest {
    private static final SeedRegistry REGISTRY = SeedRegistry.of(77);
    private static final DataSet DATA = TestNets.data();

    /** Trains a fresh network for {@code epochs}, drawing {@code unrelated} numbers on this thread first. */
    private static float[] train(boolean seeded, int unrelated, int epochs) {
        MultiLayerNetwork net = TestNets.net();
        if (unrelated > 0) {
            Nd4j.rand(DataType.FLOAT, unrelated);
        }
        if (seeded) {
            net.setListeners(new SeededTrainingListener(REGISTRY));
        }
        net.fit(EpochShuffledIterator.forModel(DATA, TestNets.BATCH, REGISTRY, net), epochs);
        assertEquals(epochs, net.getEpochCount());
        return TestNets.params(net);
    }

    @Test
    void trainingWithDropoutIsBitwiseRepeatable() {
        float[] a = train(true, 0, 2);
        float[] b = train(true, 0, 2);
        assertArrayEquals(a, b);
    }

    @Test
    void unrelatedDrawsBeforeTrainingChangeNothing() {
        float[] clean = train(true, 0, 2);
        float[] disturbed = train(true, 1000, 2);
        assertArrayEquals(clean, disturbed);
        // control: without the listener the same disturbance changes the dropout masks, hence the result
        float[] plainClean = train(false, 0, 2);
        float[] plainDisturbed = train(false, 1000, 2);
        assertFalse(Arrays.equals(plainClean, plainDisturbed));
    }

    @Test
    void masksDependOnEpochAndIteration() {
        SeededTrainingListener listener = new SeededTrainingListener(REGISTRY);
        INDArray m00 = mask(listener, 0, 0);
        INDArray m01 = mask(listener, 0, 1);
        INDArray m10 = mask(listener, 1, 0);
        Nd4j.rand(DataType.FLOAT, 50);
        INDArray again = mask(listener, 0, 0);
        assertEquals(m00, again);
        assertFalse(m00.equals(m01));
        assertFalse(m00.equals(m10));
        assertFalse(m01.equals(m10));
        assertEquals(REGISTRY.stream("train/epoch=0/iteration=1").nextLong(), listener.seed(0, 1));
        assertEquals("train/epoch=3/iteration=7", listener.path(3, 7).toString());
    }

    private static INDArray mask(SeededTrainingListener listener, int epoch, int iteration) {
        listener.bind(epoch, iteration);
        INDArray in = Nd4j.ones(DataType.FLOAT, 8, 32);
        return new Dropout(0.5).applyDropout(in, in.ulike(), iteration, epoch, LayerWorkspaceMgr.noWorkspaces());
    }
}
