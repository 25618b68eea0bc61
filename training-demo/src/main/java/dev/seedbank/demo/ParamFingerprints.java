package dev.seedbank.demo;

import dev.seedbank.manifest.ParamHash;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Parameters of a MultiLayerNetwork by {@code layer/param} name, and their fingerprints. Stateless. */
public final class ParamFingerprints {
    private ParamFingerprints() {
    }

    /** Each parameter's values in c order, keyed {@code layerName/paramKey}, in network order. */
    public static Map<String, float[]> values(MultiLayerNetwork net) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = net.getLayer(i);
            String name = layer.conf().getLayer().getLayerName();
            for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                out.put((name == null ? "layer" + i : name) + "/" + e.getKey(), floats(e.getValue()));
            }
        }
        return out;
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
    public static Map<String, String> of(MultiLayerNetwork net) {
        Map<String, String> out = new LinkedHashMap<>();
        values(net).forEach((k, v) -> out.put(k, ParamHash.of(v)));
        return out;
    }

    /** SHA-256 of the whole flattened parameter vector. */
    public static String all(MultiLayerNetwork net) {
        return ParamHash.sha256(floats(net.params()));
    }

    static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').reshape(a.length()).toFloatVector();
    }
}
