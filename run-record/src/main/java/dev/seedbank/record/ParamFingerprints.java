package dev.seedbank.record;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataBuffer;
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

    /**
     * Each parameter's values in c order, keyed {@code layerName/paramKey}, in network order. DL4J's parameters are
     * views into one flattened FLOAT buffer: that buffer is copied into Java once and each view is read from the
     * copy (instead of several INDArray allocations and native calls per parameter, which cost more than the
     * copying). Parameters of another type or in other buffers are read by {@link #floats}, with the same values.
     */
    public static Map<String, float[]> values(Model net) {
        Layer[] layers = layers(net);
        Map<String, INDArray> views = new LinkedHashMap<>();
        for (int i = 0; i < layers.length; i++) {
            String name = layers[i].conf().getLayer().getLayerName();
            for (Map.Entry<String, INDArray> e : layers[i].paramTable().entrySet()) {
                views.put((name == null ? "layer" + i : name) + "/" + e.getKey(), e.getValue());
            }
        }
        float[] all = sharedBuffer(views.values());
        Map<String, float[]> out = new LinkedHashMap<>();
        views.forEach((key, view) -> {
            float[] v = all == null ? null : inBuffer(all, view);
            out.put(key, v != null ? v : floats(view));
        });
        return out;
    }

    /**
     * The values of the FLOAT buffer that all {@code views} are views of, when there is one and it holds nothing
     * but them (its length is the sum of theirs, as for a network's flattened parameters), else null.
     */
    static float[] sharedBuffer(Collection<INDArray> views) {
        DataBuffer shared = null;
        long total = 0;
        for (INDArray v : views) {
            DataBuffer root = root(v.data());
            if (v.dataType() != DataType.FLOAT || shared != null && root != shared) {
                return null;
            }
            shared = root;
            total += v.length();
        }
        if (shared == null || shared.length() != total || total > Integer.MAX_VALUE) {
            return null;
        }
        return shared.asFloat(); // the whole buffer, as the old per-parameter copies read their own buffers
    }

    /**
     * The values of {@code view} in c order, read from {@code all} (the values of the buffer it is a view of, as
     * {@link #sharedBuffer} returns them), or null when it is not FLOAT or does not lie inside {@code all}. Element
     * (i_0, ..., i_r-1) of the view is {@code all[offset + sum(i_d * stride_d)]}, offset being the view's offset
     * in the root buffer.
     */
    static float[] inBuffer(float[] all, INDArray view) {
        if (view.dataType() != DataType.FLOAT || view.isEmpty()) {
            return null;
        }
        long[] shape = view.shape();
        long[] stride = view.stride();
        long offset = view.data().originalDataBuffer() == null ? 0 : view.data().originalOffset();
        long last = offset;
        for (int d = 0; d < shape.length; d++) {
            if (stride[d] < 0) {
                return null;
            }
            last += (shape[d] - 1) * stride[d];
        }
        if (offset < 0 || last >= all.length) {
            return null;
        }
        float[] out = new float[(int) view.length()];
        long[] index = new long[shape.length];
        long pos = offset;
        for (int k = 0; k < out.length; k++) {
            out[k] = all[(int) pos];
            for (int d = shape.length - 1; d >= 0; d--) { // next index in c order: the last dimension moves fastest
                if (++index[d] < shape[d]) {
                    pos += stride[d];
                    break;
                }
                index[d] = 0;
                pos -= (shape[d] - 1) * stride[d];
            }
        }
        return out;
    }

    /** The buffer that {@code b} is a view of, or {@code b} itself when it is no view. */
    private static DataBuffer root(DataBuffer b) {
        DataBuffer original = b.originalDataBuffer();
        return original == null ? b : original;
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
        return of(values(net));
    }

    /** The {@link ParamHash} fingerprint of each parameter's values, as {@link #values} gives them, in their order. */
    public static Map<String, String> of(Map<String, float[]> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, ParamHash.of(v)));
        return out;
    }

    /** SHA-256 of the whole flattened parameter vector. */
    public static String all(Model net) {
        return ParamHash.sha256(floats(net.params()));
    }

    /** The values of any array in c order, as float (one cast, copy and reshape per call). */
    public static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').reshape(a.length()).toFloatVector();
    }
}
