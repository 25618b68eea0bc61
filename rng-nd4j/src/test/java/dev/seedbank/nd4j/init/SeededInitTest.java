package dev.seedbank.nd4j.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.nd4j.fill.ArrayFills;
import dev.seedbank.rng.registry.KeyDerivation;
import dev.seedbank.rng.registry.SeedRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.OrthogonalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SeededInitTest {
    private static final long SEED = 20240611L;

    static MultiLayerNetwork mlp(MultiLayerConfiguration conf, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(SeededInit.apply(conf, SeedRegistry.of(seed)));
        net.init();
        return net;
    }

    static INDArray flatF(INDArray a) {
        return Nd4j.toFlattened('f', a);
    }

    @Test
    void weightsAreTheStreamFillOfInitLayerParam() {
        MultiLayerNetwork net = mlp(Nets.mlp(false, WeightInit.XAVIER), SEED);
        INDArray expected = Nd4j.create(DataType.FLOAT, 32);
        ArrayFills.normal(expected, SeedRegistry.of(SEED).stream("init/d1/W"), 0, Math.sqrt(2.0 / (4 + 8)));
        assertEquals(expected, flatF(net.getParam("0_W")).reshape(32));
        // biases stay DL4J's constant
        assertEquals(0.0, net.getParam("0_b").amaxNumber().doubleValue());
    }

    @Test
    void sameSeedSameParametersDifferentSeedOrPathDifferent() {
        INDArray a = mlp(Nets.mlp(false, WeightInit.XAVIER), SEED).params();
        INDArray b = mlp(Nets.mlp(false, WeightInit.XAVIER), SEED).params();
        INDArray c = mlp(Nets.mlp(false, WeightInit.XAVIER), SEED + 1).params();
        assertEquals(a, b);
        assertNotEquals(a, c);

        // same seed, same shape, different path (layer name): different values
        INDArray x = Nd4j.create(DataType.FLOAT, 64);
        INDArray y = Nd4j.create(DataType.FLOAT, 64);
        ArrayFills.normal(x, SeedRegistry.of(SEED).stream("init/d1/W"), 0, 1);
        ArrayFills.normal(y, SeedRegistry.of(SEED).stream("init/d2/W"), 0, 1);
        assertNotEquals(x, y);
    }

    @Test
    void insertingALayerLeavesTheOtherNamedLayersUnchanged() {
        MultiLayerNetwork before = mlp(Nets.mlp(false, WeightInit.XAVIER), SEED);
        MultiLayerNetwork after = mlp(Nets.mlp(true, WeightInit.XAVIER), SEED);
        assertEquals(before.getParam("0_W"), after.getParam("0_W")); // d1
        assertEquals(before.getParam("1_W"), after.getParam("2_W")); // d2
        assertEquals(before.getParam("2_W"), after.getParam("3_W")); // out
        assertNotEquals(after.getParam("1_W"), after.getParam("2_W").get(
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 6))
                .dup().reshape(after.getParam("2_W").shape()).getRow(0)); // sanity: extra has its own values
    }

    @Test
    void computationGraphLayersAreKeyedByVertexName() {
        ComputationGraphConfiguration conf = SeededInit.apply(Nets.graph(), SeedRegistry.of(SEED));
        ComputationGraph g1 = new ComputationGraph(conf);
        g1.init();
        ComputationGraph g2 = new ComputationGraph(SeededInit.apply(Nets.graph(), SeedRegistry.of(SEED)));
        g2.init();
        assertEquals(g1.params(), g2.params());
        // vertex d1 is a 4x8 dense layer like MultiLayerNetwork layer d1: same stream, same values
        MultiLayerNetwork net = mlp(Nets.mlp(false, WeightInit.XAVIER), SEED);
        assertEquals(net.getParam("0_W"), g1.getParam("d1_W"));
        INDArray b = flatF(g1.getParam("b_W")).reshape(20);
        INDArray expected = Nd4j.create(DataType.FLOAT, 20);
        ArrayFills.uniform(expected, SeedRegistry.of(SEED).stream("init/b/W"), -Math.sqrt(6.0 / 4), Math.sqrt(6.0 / 4));
        assertEquals(expected, b);
        ComputationGraph g3 = new ComputationGraph(SeededInit.apply(Nets.graph(), SeedRegistry.of(SEED + 1)));
        g3.init();
        assertNotEquals(g1.params(), g3.params());
    }

    @Test
    void lstmInputAndRecurrentWeightsOfEqualShapeGetTheirOwnStreams() {
        MultiLayerNetwork net = mlp(Nets.lstm(), SEED);
        INDArray w = net.getParam("0_W");
        INDArray rw = net.getParam("0_RW");
        assertEquals(w.length(), rw.length());
        assertNotEquals(w, rw);
        INDArray expected = Nd4j.create(DataType.FLOAT, rw.length());
        // DL4J's LSTM passes fanIn = nOut, fanOut = nIn + nOut for the recurrent weights
        ArrayFills.normal(expected, SeedRegistry.of(SEED).stream("init/lstm/RW"), 0, Math.sqrt(2.0 / (5 + 10)));
        assertEquals(expected, flatF(rw).reshape(rw.length()));
    }

    @Test
    void jsonRoundTripKeepsTheSeededInitAndTheParameters() {
        MultiLayerConfiguration conf = SeededInit.apply(Nets.mlp(false, WeightInit.VAR_SCALING_NORMAL_FAN_AVG), SeedRegistry.of(SEED));
        String json = conf.toJson();
        assertTrue(json.contains(SeededWeightInit.class.getName()), json);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        IWeightInit init = ((org.deeplearning4j.nn.conf.layers.BaseLayer) back.getConf(1).getLayer()).getWeightInitFn();
        SeededWeightInit seeded = assertInstanceOf(SeededWeightInit.class, init);
        assertEquals(SEED, seeded.rootSeed());
        assertEquals("d2", seeded.layerName());
        MultiLayerNetwork a = new MultiLayerNetwork(conf);
        a.init();
        MultiLayerNetwork b = new MultiLayerNetwork(back);
        b.init();
        assertEquals(a.params(), b.params());

        ComputationGraphConfiguration graph = SeededInit.apply(Nets.graph(), SeedRegistry.of(SEED));
        ComputationGraphConfiguration graphBack = ComputationGraphConfiguration.fromJson(graph.toJson());
        ComputationGraph g1 = new ComputationGraph(graph);
        g1.init();
        ComputationGraph g2 = new ComputationGraph(graphBack);
        g2.init();
        assertEquals(g1.params(), g2.params());
    }

    @Test
    void anotherDerivationVersionIsRejectedClearly() {
        String json = SeededInit.apply(Nets.mlp(false, WeightInit.XAVIER), SeedRegistry.of(SEED)).toJson();
        String other = json.replace(KeyDerivation.VERSION, "seedbank-derive-v0");
        assertNotEquals(json, other);
        RuntimeException e = assertThrows(RuntimeException.class, () -> MultiLayerConfiguration.fromJson(other));
        String message = messages(e);
        assertTrue(message.contains("seedbank-derive-v0") && message.contains(KeyDerivation.VERSION), message);
    }

    @Test
    void duplicateLayerNamesAreRejectedNamingTheDuplicate() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().name("dense").nIn(3).nOut(3).build())
                .layer(new DenseLayer.Builder().name("dense").nIn(3).nOut(3).build())
                .layer(new OutputLayer.Builder().name("out").nIn(3).nOut(2).build())
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeededInit.apply(conf, SeedRegistry.of(SEED)));
        assertTrue(e.getMessage().contains("'dense'"), e.getMessage());
    }

    @Test
    void unsupportedDistributionIsRejected() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().name("orth").nIn(3).nOut(3).dist(new OrthogonalDistribution(1)).build())
                .layer(new OutputLayer.Builder().name("out").nIn(3).nOut(2).build())
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeededInit.apply(conf, SeedRegistry.of(SEED)));
        assertTrue(e.getMessage().contains("orth") && e.getMessage().contains("OrthogonalDistribution"), e.getMessage());
    }

    @Test
    void otherThreadsDrawingFromNd4jDoNotChangeTheParameters() throws Exception {
        INDArray reference = mlp(Nets.mlp(false, WeightInit.XAVIER), SEED).params();
        AtomicBoolean stop = new AtomicBoolean();
        Thread noise = new Thread(() -> {
            while (!stop.get()) {
                Nd4j.rand(32, 32);
                Nd4j.randn(32, 32);
            }
        });
        noise.start();
        try {
            for (int i = 0; i < 3; i++) {
                Nd4j.getRandom().setSeed(1000 + i); // even the init thread's own generator does not matter
                assertEquals(reference, mlp(Nets.mlp(false, WeightInit.XAVIER), SEED).params());
            }
        } finally {
            stop.set(true);
            noise.join();
        }
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
