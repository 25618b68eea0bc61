package dev.seedbank.demo;

import dev.seedbank.record.ParamFingerprints;
import dev.seedbank.record.Snapshot;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Records parameter fingerprints and the score every {@code every} iterations (after the update of iterations
 * {@code every-1, 2*every-1, ...}), and, for tests, can plant a one-ulp change in one parameter after a given
 * iteration, the way a nondeterministic kernel would. Register it before {@code SeededTrainingListener}.
 * Not thread-safe (the training thread only).
 */
final class FingerprintListener extends BaseTrainingListener {
    private final int every;
    private final Perturbation perturbation;
    private final List<Snapshot> snapshots = new ArrayList<>();

    /** A planted divergence: add one ulp to element 0 of {@code param} after iteration {@code iteration}. */
    record Perturbation(String param, long iteration) {
        static Perturbation parse(String text) {
            if (text == null) {
                return null;
            }
            int at = text.lastIndexOf('@');
            try {
                return new Perturbation(text.substring(0, at), Long.parseLong(text.substring(at + 1)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid --perturb '" + text + "' (expected layer/param@iteration)");
            }
        }
    }

    FingerprintListener(int every, Perturbation perturbation) {
        this.every = every;
        this.perturbation = perturbation;
    }

    List<Snapshot> snapshots() {
        return snapshots;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        if (perturbation != null && perturbation.iteration() == iteration) {
            INDArray view = ParamFingerprints.view(net, perturbation.param());
            view.putScalar(0, Math.nextUp(view.getFloat(0)));
        }
        if ((iteration + 1L) % every == 0) {
            snapshots.add(new Snapshot(Snapshot.ITERATION, epoch, iteration, net.score(), null, ParamFingerprints.of(net)));
        }
    }
}
