package dev.seedbank.spark;

import java.io.Serializable;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the driver broadcasts before an averaging round: the configuration (with DL4J's epoch and
 * iteration counters), the parameters and, when the updater is averaged, the updater state. Building a
 * worker's network from it draws no random numbers ({@code init(params, false)}).
 *
 * <p>Immutable once made (arrays are copied in and out); thread-safe.
 */
final class NetworkSnapshot implements Serializable {
    private static final long serialVersionUID = 1L;

    private final MultiLayerConfiguration layers;
    private final ComputationGraphConfiguration graph;
    private final INDArray params;
    private final INDArray updaterState;

    private NetworkSnapshot(MultiLayerConfiguration layers, ComputationGraphConfiguration graph, INDArray params,
            INDArray updaterState) {
        this.layers = layers;
        this.graph = graph;
        this.params = params;
        this.updaterState = updaterState;
    }

    /** The state of {@code model}, with its updater state when {@code withUpdater}. */
    static NetworkSnapshot of(Model model, boolean withUpdater) {
        if (model instanceof MultiLayerNetwork net) {
            INDArray state = withUpdater ? net.getUpdater().getStateViewArray() : null;
            return new NetworkSnapshot(net.getLayerWiseConfigurations().clone(), null, net.params().dup(),
                    state == null ? null : state.dup());
        }
        ComputationGraph net = (ComputationGraph) model;
        INDArray state = withUpdater ? net.getUpdater().getStateViewArray() : null;
        return new NetworkSnapshot(null, net.getConfiguration().clone(), net.params().dup(),
                state == null ? null : state.dup());
    }

    /** A network with this snapshot's configuration, counters, parameters and updater state. */
    Model build() {
        if (layers != null) {
            MultiLayerNetwork net = new MultiLayerNetwork(layers.clone());
            net.init(params.dup(), false);
            if (updaterState != null) {
                net.setUpdater(new MultiLayerUpdater(net, updaterState.dup()));
            }
            return net;
        }
        ComputationGraph net = new ComputationGraph(graph.clone());
        net.init(params.dup(), false);
        if (updaterState != null) {
            net.setUpdater(new ComputationGraphUpdater(net, updaterState.dup()));
        }
        return net;
    }
}
