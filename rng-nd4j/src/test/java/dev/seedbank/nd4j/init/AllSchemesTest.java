package dev.seedbank.nd4j.init;

import dev.seedbank.rng.registry.SeedRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.BinomialDistribution;
import org.deeplearning4j.nn.conf.distribution.Distribution;
import org.deeplearning4j.nn.conf.distribution.LogNormalDistribution;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.TruncatedNormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every DL4J scheme: deterministic, and with DL4J's scale (checked against independently written formulas). */
class AllSchemesTest {
    private static final int N_IN = 60;
    private static final int N_OUT = 50;

    private static INDArray weights(MultiLayerConfiguration conf, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(SeededInit.apply(conf, SeedRegistry.of(seed)));
        net.init();
        return net.getParam("0_W");
    }

    private static MultiLayerConfiguration conf(WeightInit init, Distribution dist, int nOut) {
        DenseLayer.Builder dense = new DenseLayer.Builder().name("w").nIn(N_IN).nOut(nOut);
        if (dist != null) {
            dense.dist(dist);
        } else {
            dense.weightInit(init);
        }
        return new NeuralNetConfiguration.Builder().list().layer(dense.build())
                .layer(new OutputLayer.Builder().name("out").nIn(nOut).nOut(2).build()).build();
    }

    /** The standard deviation each scheme should give for fanIn = 60, fanOut = 50 (uniform(-s, s): s / sqrt(3)). */
    private static double expectedStd(WeightInit w) {
        double in = N_IN;
        double out = N_OUT;
        double r3 = Math.sqrt(3);
        switch (w) {
            case XAVIER: return Math.sqrt(2 / (in + out));
            case XAVIER_UNIFORM: return Math.sqrt(6 / (in + out)) / r3;
            case XAVIER_LEGACY: return 1 / Math.sqrt(in + out);
            case NORMAL: case LECUN_NORMAL: case XAVIER_FAN_IN: return 1 / Math.sqrt(in);
            case RELU: return Math.sqrt(2 / in);
            case RELU_UNIFORM: return Math.sqrt(6 / in) / r3;
            case SIGMOID_UNIFORM: return 4 * Math.sqrt(6 / (in + out)) / r3;
            case UNIFORM: return 1 / Math.sqrt(in) / r3;
            case LECUN_UNIFORM: case VAR_SCALING_UNIFORM_FAN_IN: return 3 / Math.sqrt(in) / r3;
            case VAR_SCALING_UNIFORM_FAN_OUT: return 3 / Math.sqrt(out) / r3;
            case VAR_SCALING_UNIFORM_FAN_AVG: return 3 / Math.sqrt((in + out) / 2) / r3;
            // truncated at 2 sigma: the standard deviation shrinks by 0.8796
            case VAR_SCALING_NORMAL_FAN_IN: return Math.sqrt(1 / in) * 0.8796;
            case VAR_SCALING_NORMAL_FAN_OUT: return Math.sqrt(1 / out) * 0.8796;
            case VAR_SCALING_NORMAL_FAN_AVG: return Math.sqrt(2 / (in + out)) * 0.8796;
            default: throw new IllegalArgumentException(w.toString());
        }
    }

    @Test
    void randomSchemesAreDeterministicAndHaveDl4jScale() {
        int checked = 0;
        for (WeightInit w : WeightInit.values()) {
            if (w == WeightInit.DISTRIBUTION || w == WeightInit.ZERO || w == WeightInit.ONES || w == WeightInit.IDENTITY) {
                continue;
            }
            INDArray a = weights(conf(w, null, N_OUT), 5);
            INDArray b = weights(conf(w, null, N_OUT), 5);
            INDArray c = weights(conf(w, null, N_OUT), 6);
            assertEquals(a, b, w.toString());
            assertNotEquals(a, c, w.toString());
            double std = a.stdNumber().doubleValue();
            double expected = expectedStd(w);
            assertEquals(expected, std, expected * 0.06, w + ": std " + std + ", expected " + expected);
            assertEquals(0, a.meanNumber().doubleValue(), expected * 0.1, w.toString());
            checked++;
        }
        assertTrue(checked >= 17, "checked " + checked);
    }

    @Test
    void constantSchemesKeepDl4jValues() {
        assertEquals(0.0, weights(conf(WeightInit.ZERO, null, N_OUT), 1).amaxNumber().doubleValue());
        assertEquals(1.0, weights(conf(WeightInit.ONES, null, N_OUT), 1).minNumber().doubleValue());
        INDArray identity = weights(conf(WeightInit.IDENTITY, null, N_IN), 1);
        assertEquals(Nd4j.eye(N_IN).castTo(identity.dataType()), identity);
    }

    @Test
    void distributions() {
        INDArray normal = weights(conf(null, new NormalDistribution(1.0, 0.5), N_OUT), 3);
        assertEquals(1.0, normal.meanNumber().doubleValue(), 0.05);
        assertEquals(0.5, normal.stdNumber().doubleValue(), 0.03);

        INDArray uniform = weights(conf(null, new UniformDistribution(2, 3), N_OUT), 3);
        assertTrue(uniform.minNumber().doubleValue() >= 2 && uniform.maxNumber().doubleValue() <= 3);
        assertEquals(2.5, uniform.meanNumber().doubleValue(), 0.03);

        INDArray truncated = weights(conf(null, new TruncatedNormalDistribution(0, 1), N_OUT), 3);
        assertTrue(truncated.amaxNumber().doubleValue() <= 2.0);
        assertEquals(0.8796, truncated.stdNumber().doubleValue(), 0.05);

        INDArray logNormal = weights(conf(null, new LogNormalDistribution(0, 0.25), N_OUT), 3);
        assertTrue(logNormal.minNumber().doubleValue() > 0);
        assertEquals(Math.exp(0.25 * 0.25 / 2), logNormal.meanNumber().doubleValue(), 0.03);

        INDArray binomial = weights(conf(null, new BinomialDistribution(4, 0.25), N_OUT), 3);
        assertEquals(1.0, binomial.meanNumber().doubleValue(), 0.1);
        assertTrue(binomial.maxNumber().doubleValue() <= 4);
        assertEquals(binomial, binomial.castTo(org.nd4j.linalg.api.buffer.DataType.INT).castTo(binomial.dataType()));
    }
}
