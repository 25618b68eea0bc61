package dev.seedbank.internal;

import java.util.function.UnaryOperator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.nn.api.Model;

/**
 * An early-stopping listener that hands the trained network to Seedbank when training starts (the only point
 * where a trainer built from a configuration shows its network), then calls the user's listener, if any.
 * Thread safety: as the trainer (its thread only).
 */
public final class WatchOnStart<T extends Model> implements EarlyStoppingListener<T> {
    private final UnaryOperator<Model> watch;
    private final EarlyStoppingListener<T> yours;

    public WatchOnStart(UnaryOperator<Model> watch, EarlyStoppingListener<T> yours) {
        this.watch = watch;
        this.yours = yours;
    }

    @Override
    public void onStart(EarlyStoppingConfiguration<T> esConfig, T net) {
        watch.apply(net);
        if (yours != null) {
            yours.onStart(esConfig, net);
        }
    }

    @Override
    public void onEpoch(int epochNum, double score, EarlyStoppingConfiguration<T> esConfig, T net) {
        if (yours != null) {
            yours.onEpoch(epochNum, score, esConfig, net);
        }
    }

    @Override
    public void onCompletion(EarlyStoppingResult<T> result) {
        if (yours != null) {
            yours.onCompletion(result);
        }
    }
}
