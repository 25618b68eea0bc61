package dev.seedbank.demo;

import dev.seedbank.record.ParamFingerprints;
import dev.seedbank.record.Snapshot;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Records parameter fingerprints and the score every {@code every} iterations (after the update of iterations
 * {@code every-1, 2*every-1, ...}). Register it before {@code SeededTrainingListener}.
 * Not thread-safe (the training thread only).
 */
final class FingerprintListener extends BaseTrainingListener {
    private final int every;
    private final List<Snapshot> snapshots = new ArrayList<>();

    FingerprintListener(int every) {
        this.every = every;
    }

    List<Snapshot> snapshots() {
        return snapshots;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        if ((iteration + 1L) % every == 0) {
            snapshots.add(new Snapshot(Snapshot.ITERATION, epoch, iteration, net.score(), null, ParamFingerprints.of(net)));
        }
    }
}
