package dev.seedbank.nd4j.init;

import dev.seedbank.rng.registry.KeyDerivation;
import dev.seedbank.rng.registry.SeedRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.util.GraphIndices;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One call that makes a DL4J network's initial parameters a function of a root seed and each parameter's
 * identity: every weight-init field of every layer ({@code weightInitFn}, recurrent layers'
 * {@code weightInitFnRecurrent}, and those of wrapped layers: Bidirectional, Frozen, other wrappers) is
 * replaced by a {@link SeededWeightInit} for that layer, which fills parameter {@code p} of layer {@code L}
 * from stream {@code init/L/p} ({@code init/layer=i/p} for a layer without a name).
 *
 * <p>Layers are identified by name: MultiLayerNetwork layer names (DL4J names unnamed layers
 * {@code layer<i>}, which changes when layers are inserted before them: name layers to keep their
 * initial parameters when the network changes) and ComputationGraph vertex names. Biases and other
 * parameters DL4J sets to constants stay as DL4J sets them.
 *
 * <p>Errors, never fallbacks: duplicate layer names, a custom {@link IWeightInit}, an unsupported
 * distribution (Orthogonal), or a layer with parameters that does not initialise them through
 * {@link IWeightInit} (SameDiff layers and vertices) are rejected with an {@link IllegalArgumentException}
 * naming the layer.
 *
 * <p>The configuration is modified in place and returned. Applying again (another seed) replaces the
 * earlier seeded inits.
 */
public final class SeededInit {
    private SeededInit() {
    }

    /** Seeds every layer of {@code conf} from the root seed of {@code registry}; returns {@code conf}. */
    public static MultiLayerConfiguration apply(MultiLayerConfiguration conf, SeedRegistry registry) {
        long rootSeed = registry.seed().value();
        Map<String, Integer> names = new HashMap<>();
        long offset = 0;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            NeuralNetConfiguration nnc = conf.getConf(i);
            Layer layer = nnc.getLayer();
            String name = layer.getLayerName();
            if (name != null) {
                Integer previous = names.putIfAbsent(name, i);
                if (previous != null) {
                    throw new IllegalArgumentException("duplicate layer name '" + name + "' (layers " + previous + " and "
                            + i + "): seeded weight init keys layers by name; give each layer a unique name");
                }
            }
            offset += seedLayer(nnc, name, i, offset, rootSeed);
        }
        return conf;
    }

    /** Seeds every layer vertex of {@code conf} from the root seed of {@code registry} (keyed by vertex name); returns {@code conf}. */
    public static ComputationGraphConfiguration apply(ComputationGraphConfiguration conf, SeedRegistry registry) {
        long rootSeed = registry.seed().value();
        // the flattened parameter layout ComputationGraph.init() uses: vertices in topological order
        GraphIndices indices = new ComputationGraph(conf).calculateIndices();
        Map<Integer, String> idxToName = indices.getIdxToName();
        long offset = 0;
        for (int idx : indices.getTopologicalSortOrder()) {
            String name = idxToName.get(idx);
            GraphVertex vertex = conf.getVertices().get(name);
            if (vertex == null) {
                continue; // a network input
            }
            if (vertex instanceof LayerVertex lv) {
                NeuralNetConfiguration nnc = lv.getLayerConf();
                long n = seedLayer(nnc, name, idx, offset, rootSeed);
                offset += n;
            } else {
                long n = vertex.numParams(true);
                if (n != 0) {
                    throw new IllegalArgumentException("cannot seed vertex '" + name + "' ("
                            + vertex.getClass().getSimpleName() + "): it has " + n
                            + " parameters that are not initialised through IWeightInit");
                }
            }
        }
        return conf;
    }

    /** Installs seeded inits on one layer; returns its parameter count. */
    private static long seedLayer(NeuralNetConfiguration nnc, String name, int index, long layerOffset, long rootSeed) {
        Layer layer = nnc.getLayer();
        ParamInitializer initializer = layer.initializer();
        long numParams = initializer.numParams(nnc);
        List<WeightInitSlot> slots = new ArrayList<>();
        collectSlots(layer, slots);
        if (numParams == 0) {
            return 0;
        }
        String label = SeededWeightInit.layerLabel(name, index);
        if (slots.isEmpty()) {
            throw new IllegalArgumentException("cannot seed " + label + " (" + layer.getClass().getSimpleName()
                    + "): it has " + numParams + " parameters that are not initialised through IWeightInit");
        }
        LinkedHashMap<String, Long> paramOffsets = paramOffsets(nnc, initializer, numParams, label);
        for (WeightInitSlot slot : slots) {
            IWeightInit current = slot.get();
            if (current == null) {
                continue;
            }
            IWeightInit scheme = current instanceof SeededWeightInit s ? s.scheme() : current;
            slot.set(new SeededWeightInit(rootSeed, KeyDerivation.VERSION, name, index, layerOffset, paramOffsets,
                    scheme));
        }
        return numParams;
    }

    /** Where each parameter starts within the layer: the layer's own initializer on a scratch vector. */
    private static LinkedHashMap<String, Long> paramOffsets(NeuralNetConfiguration nnc, ParamInitializer initializer,
            long numParams, String label) {
        INDArray scratch = Nd4j.createUninitialized(DataType.FLOAT, 1, numParams);
        Map<String, INDArray> views = initializer.init(nnc, scratch, false);
        LinkedHashMap<String, Long> offsets = new LinkedHashMap<>();
        Map<Long, String> seen = new HashMap<>();
        for (Map.Entry<String, INDArray> e : views.entrySet()) {
            long start = e.getValue().offset() - scratch.offset();
            offsets.put(e.getKey(), start);
            String other = seen.putIfAbsent(start, e.getKey());
            if (other != null && e.getValue().length() > 0) {
                throw new IllegalArgumentException("cannot seed " + label + ": parameters '" + other + "' and '"
                        + e.getKey() + "' start at the same offset " + start);
            }
        }
        scratch.close();
        return offsets;
    }

    /** A settable weight-init field. */
    private interface WeightInitSlot {
        IWeightInit get();

        void set(IWeightInit init);
    }

    private static void collectSlots(Layer layer, List<WeightInitSlot> out) {
        if (layer instanceof BaseLayer b) {
            out.add(new WeightInitSlot() {
                public IWeightInit get() {
                    return b.getWeightInitFn();
                }

                public void set(IWeightInit init) {
                    b.setWeightInitFn(init);
                }
            });
        }
        if (layer instanceof BaseRecurrentLayer r) {
            out.add(new WeightInitSlot() {
                public IWeightInit get() {
                    return r.getWeightInitFnRecurrent();
                }

                public void set(IWeightInit init) {
                    r.setWeightInitFnRecurrent(init);
                }
            });
        }
        if (layer instanceof BaseWrapperLayer w && w.getUnderlying() != null) {
            collectSlots(w.getUnderlying(), out);
        }
        if (layer instanceof Bidirectional bi) {
            collectSlots(bi.getFwd(), out);
            collectSlots(bi.getBwd(), out);
        }
        if (layer instanceof FrozenLayer f && f.getLayer() != null) {
            collectSlots(f.getLayer(), out);
        }
    }
}
