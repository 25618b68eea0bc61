package dev.seedbank.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link NetworkWithSeedbank} for a ComputationGraph. Thread safety: as ComputationGraph. */
public final class GraphWithSeedbank extends ComputationGraph {
    private static final long serialVersionUID = 1L;
    private final transient Supplier<TrainingListener[]> ours;

    public GraphWithSeedbank(ComputationGraphConfiguration conf, Supplier<TrainingListener[]> ours) {
        super(conf);
        this.ours = ours;
    }

    /** A copy of {@code graph} (configuration, parameters, updater state, counters), as {@code clone()} makes it. */
    public static GraphWithSeedbank copyOf(ComputationGraph graph, Supplier<TrainingListener[]> ours) {
        if (graph.params() == null) {
            throw new IllegalArgumentException("network(ComputationGraph) needs an initialised graph (call init() or"
                    + " restore it with ModelSerializer), or pass its configuration to network(conf)");
        }
        GraphWithSeedbank copy = new GraphWithSeedbank(graph.getConfiguration().clone(), ours);
        copy.init(graph.params().dup(), false);
        INDArray state = graph.getUpdater() == null ? null : graph.getUpdater().getStateViewArray();
        if (state != null) {
            copy.getUpdater().setStateViewArray(state.dup());
        }
        return copy;
    }

    @Override
    public void init(INDArray parameters, boolean cloneParametersArray) {
        boolean first = getLayers() == null;
        super.init(parameters, cloneParametersArray);
        if (first) {
            setListeners(new ArrayList<>(getListeners()));
        }
    }

    @Override
    public void setListeners(Collection<TrainingListener> listeners) {
        super.setListeners(SeedbankListeners.withOursLast(listeners, ours == null ? null : ours.get()));
    }

    @Override
    public void addListeners(TrainingListener... listeners) {
        setListeners(SeedbankListeners.plus(getListeners(), listeners));
    }
}
