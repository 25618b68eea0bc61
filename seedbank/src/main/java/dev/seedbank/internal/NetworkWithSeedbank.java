package dev.seedbank.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A MultiLayerNetwork that keeps Seedbank's listeners, after the caller's, whatever {@code setListeners} or
 * {@code addListeners} the program calls (DL4J examples call {@code setListeners(new ScoreIterationListener(10))},
 * which would otherwise drop them). Serialises like any MultiLayerNetwork. Thread safety: as MultiLayerNetwork.
 */
public final class NetworkWithSeedbank extends MultiLayerNetwork {
    private static final long serialVersionUID = 1L;
    private final transient Supplier<TrainingListener[]> ours;

    public NetworkWithSeedbank(MultiLayerConfiguration conf, Supplier<TrainingListener[]> ours) {
        super(conf);
        this.ours = ours;
    }

    /** A copy of {@code net} (configuration, parameters, updater state, counters), as {@code net.clone()} makes it. */
    public static NetworkWithSeedbank copyOf(MultiLayerNetwork net, Supplier<TrainingListener[]> ours) {
        if (!net.isInitCalled()) {
            throw new IllegalArgumentException("network(MultiLayerNetwork) needs an initialised network (call init()"
                    + " or restore it with ModelSerializer), or pass its configuration to network(conf)");
        }
        NetworkWithSeedbank copy = new NetworkWithSeedbank(net.getLayerWiseConfigurations().clone(), ours);
        copy.init(net.params().dup(), false);
        INDArray state = net.getUpdater() == null ? null : net.getUpdater().getStateViewArray();
        if (state != null) {
            copy.getUpdater().setStateViewArray(copy, state.dup(), false);
        }
        return copy;
    }

    @Override
    public void init(INDArray parameters, boolean cloneParametersArray) {
        boolean first = !isInitCalled();
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
