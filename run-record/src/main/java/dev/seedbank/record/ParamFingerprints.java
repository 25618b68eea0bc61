package dev.seedbank.record;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parameters of a MultiLayerNetwork or ComputationGraph by {@code layer/param} name (layers in the network's own
 * order: MultiLayerNetwork index order, ComputationGraph topological order), and their fingerprints. Stateless;
 * thread-safe as far as the network is not being trained meanwhile.
 */
public final class ParamFingerprints {
    private ParamFingerprints() {
    }

    /** Each parameter's values in c order, keyed {@code layerName/paramKey}, in network order. */
    public static Map<String, float[]> values(Model net) {
        Map<String, float[]> out = new LinkedHashMap<>();
        Layer[] layers = layers(net);
        for (int i = 0; i < layers.length; i++) {
            Layer layer = layers[i];
            String name = layer.conf().getLayer().getLayerName();
            for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                out.put((name == null ? "layer" + i : name) + "/" + e.getKey(), floats(e.getValue()));
            }
        }
        return out;
    }

    private static Layer[] layers(Model net) {
        if (net instanceof MultiLayerNetwork m) {
            return m.getLayers();
        }
        if (net instanceof ComputationGraph g) {
            return g.getLayers();
        }
        throw new IllegalArgumentException("expected a MultiLayerNetwork or ComputationGraph, got "
                + (net == null ? "null" : net.getClass().getName()));
    }

    /** The view of parameter {@code layer/param}. */
    public static INDArray view(MultiLayerNetwork net, String name) {
        int slash = name.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("parameter '" + name + "' is not of the form layer/param");
        }
        Layer layer;
        try {
            layer = net.getLayer(name.substring(0, slash));
        } catch (RuntimeException e) {
            layer = null;
        }
        INDArray view = layer == null ? null : layer.paramTable().get(name.substring(slash + 1));
        if (view == null) {
            throw new IllegalArgumentException("the network has no parameter '" + name + "' (parameters: "
                    + String.join(", ", values(net).keySet()) + ")");
        }
        return view;
    }

    /** Each parameter's {@link ParamHash} fingerprint. */
    public static Map<String, String> of(Model net) {
        Map<String, String> out = new LinkedHashMap<>();
        values(net).forEach((k, v) -> out.put(k, ParamHash.of(v)));
        return out;
    }

    /** SHA-256 of the whole flattened parameter vector. */
    public static String all(Model net) {
        return ParamHash.sha256(floats(net.params()));
    }

    public static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').reshape(a.length()).toFloatVector();
    }
}
