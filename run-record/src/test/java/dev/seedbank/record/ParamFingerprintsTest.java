package dev.seedbank.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link ParamFingerprints#values} read from one copy of the flattened parameters equals, bit for bit, the
 * per-parameter {@link ParamFingerprints#floats} it replaced, for dense, convolution, batch-norm and graph layers
 * after a training step, and for a DOUBLE network (which takes the per-parameter path).
 */
class ParamFingerprintsTest {
    private static final int CLASSES = 3;

    /** The computation {@code values} replaced: each paramTable view through {@code floats}, in network order. */
    private static Map<String, float[]> reference(Model net) {
        Layer[] layers = layers(net);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.length; i++) {
            String name = layers[i].conf().getLayer().getLayerName();
            for (Map.Entry<String, INDArray> e : layers[i].paramTable().entrySet()) {
                out.put((name == null ? "layer" + i : name) + "/" + e.getKey(), ParamFingerprints.floats(e.getValue()));
            }
        }
        return out;
    }

    private static Layer[] layers(Model net) {
        return net instanceof MultiLayerNetwork m ? m.getLayers() : ((ComputationGraph) net).getLayers();
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    /** values() and of() against the reference; {@code viaBuffer}: every parameter is read from the one buffer's copy. */
    private static void assertMatchesReference(Model net, boolean viaBuffer) {
        Map<String, float[]> expected = reference(net);
        Map<String, float[]> actual = ParamFingerprints.values(net);
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()));
        Map<String, String> hashes = new LinkedHashMap<>();
        expected.forEach((k, v) -> {
            assertArrayEquals(bits(v), bits(actual.get(k)), k);
            hashes.put(k, ParamHash.of(v));
        });
        assertEquals(hashes, ParamFingerprints.of(net));

        List<INDArray> views = new ArrayList<>();
        for (Layer layer : layers(net)) {
            views.addAll(layer.paramTable().values());
        }
        float[] all = ParamFingerprints.sharedBuffer(views);
        assertEquals(viaBuffer, all != null);
        if (all != null) {
            for (INDArray v : views) {
                assertNotNull(ParamFingerprints.inBuffer(all, v), v.shapeInfoToString());
            }
        }
    }

    private static NeuralNetConfiguration.Builder builder(DataType type) {
        return new NeuralNetConfiguration.Builder().seed(7).dataType(type).weightInit(WeightInit.XAVIER)
                .updater(new Nesterovs(0.05, 0.9));
    }

    private static MultiLayerNetwork conv(DataType type) {
        MultiLayerNetwork net = new MultiLayerNetwork(builder(type).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 2))
                .build());
        net.init();
        net.fit(data(16, new long[] {16, 2, 8, 8}, type));
        return net;
    }

    /** {@code n} examples of the given feature shape whose values depend on their index only. */
    private static DataSet data(int n, long[] shape, DataType type) {
        long size = 1;
        for (long s : shape) {
            size *= s;
        }
        float[] f = new float[(int) size];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) StrictMath.sin(i * 0.37);
        }
        INDArray labels = Nd4j.zeros(type, n, CLASSES);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, i % CLASSES, 1f);
        }
        return new DataSet(Nd4j.create(f, shape, 'c').castTo(type), labels);
    }

    @Test
    void convolutionNetworkMatchesPerParameterCopies() {
        assertMatchesReference(conv(DataType.FLOAT), true);
    }

    @Test
    void graphMatchesPerParameterCopies() {
        ComputationGraph graph = new ComputationGraph(builder(DataType.FLOAT).graphBuilder()
                .addInputs("in")
                .addLayer("wide", new DenseLayer.Builder().nIn(10).nOut(32).activation(Activation.RELU).build(), "in")
                .addLayer("narrow", new DenseLayer.Builder().nIn(10).nOut(8).activation(Activation.TANH).build(), "in")
                .addVertex("merge", new MergeVertex(), "wide", "narrow")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(40).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "merge")
                .setOutputs("out").build());
        graph.init();
        graph.fit(data(32, new long[] {32, 10}, DataType.FLOAT));
        assertMatchesReference(graph, true);
    }

    @Test
    void doubleNetworkTakesThePerParameterPath() {
        MultiLayerNetwork net = conv(DataType.DOUBLE);
        assertMatchesReference(net, false);
    }

    /** General strides (permuted, stepped, offset views) read in c order; buffers holding more than the views are refused. */
    @Test
    void stridedViewsReadInCOrderAndForeignBuffersAreRefused() {
        INDArray flat = Nd4j.linspace(1, 200, 200, DataType.FLOAT);
        INDArray head = flat.get(NDArrayIndex.interval(0, 20));
        INDArray cube = flat.get(NDArrayIndex.interval(20, 140)).reshape('f', 4, 5, 6);
        INDArray tail = flat.get(NDArrayIndex.interval(140, 200)).reshape('c', 3, 4, 5).permute(2, 0, 1);
        float[] all = ParamFingerprints.sharedBuffer(List.of(head, cube, tail));
        assertNotNull(all);
        List<INDArray> views = List.of(head, cube, tail, cube.permute(2, 0, 1),
                cube.get(NDArrayIndex.interval(1, 4), NDArrayIndex.interval(0, 5, 2), NDArrayIndex.interval(2, 6)),
                flat.get(NDArrayIndex.interval(199, 200)), flat);
        for (INDArray v : views) {
            assertArrayEquals(bits(ParamFingerprints.floats(v)), bits(ParamFingerprints.inBuffer(all, v)),
                    v.shapeInfoToString());
        }
        assertNull(ParamFingerprints.sharedBuffer(List.of(head, cube)), "the buffer holds more than the views");
        assertNull(ParamFingerprints.sharedBuffer(List.of(head, cube, tail.dup())), "views of two buffers");
        assertNull(ParamFingerprints.sharedBuffer(List.of(flat.castTo(DataType.DOUBLE))));
        assertNull(ParamFingerprints.inBuffer(new float[100], tail), "a view beyond the values");
    }

    /** The hash reads each value's raw bits, little-endian: NaN payloads and signed zeros included. */
    @Test
    void hashesRawLittleEndianBits() {
        float[] values = {Float.intBitsToFloat(0x7fc01234), Float.intBitsToFloat(0xffa00001), -0f, 0f, 1.5f};
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putInt(Float.floatToRawIntBits(v));
        }
        String full = HexFormat.of().formatHex(ParamHash.sha256(b.array()));
        assertEquals(full, ParamHash.sha256(values));
        assertEquals(full.substring(0, 16), ParamHash.of(values));
    }
}
