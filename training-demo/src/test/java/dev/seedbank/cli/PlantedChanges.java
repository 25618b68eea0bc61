package dev.seedbank.cli;

import dev.seedbank.demo.Models;
import dev.seedbank.demo.TrainingHooks;
import dev.seedbank.nd4j.init.SeededInit;
import dev.seedbank.record.ParamFingerprints;
import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.stream.UnsignedLongs;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Differences planted in a training run for {@code seedbank compare} to find: one parameter one ulp off after an
 * iteration (the way a nondeterministic kernel would), or one layer initialised from another root seed.
 * Used on the training thread only.
 *
 * @param perturb {@code layer/param@iteration}: element 0 of that parameter gets one ulp added after that
 *                iteration, or null
 * @param layerSeed {@code layer=seed}: that layer's initial parameters come from another root seed, or null
 */
record PlantedChanges(String perturb, String layerSeed) implements TrainingHooks {
    @Override
    public void configure(MultiLayerConfiguration conf, String model) {
        if (layerSeed == null) {
            return;
        }
        int eq = layerSeed.indexOf('=');
        String layer = layerSeed.substring(0, eq);
        long other = UnsignedLongs.parse(layerSeed.substring(eq + 1), "layer seed");
        MultiLayerConfiguration donor = SeededInit.apply(Models.build(model), SeedRegistry.of(other));
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (layer.equals(conf.getConf(i).getLayer().getLayerName()) && conf.getConf(i).getLayer() instanceof BaseLayer b) {
                b.setWeightInitFn(((BaseLayer) donor.getConf(i).getLayer()).getWeightInitFn());
                return;
            }
        }
        throw new IllegalArgumentException("no layer with weights named '" + layer + "'");
    }

    @Override
    public List<TrainingListener> listeners() {
        List<TrainingListener> listeners = new ArrayList<>();
        if (perturb != null) {
            int at = perturb.lastIndexOf('@');
            String param = perturb.substring(0, at);
            long after = Long.parseLong(perturb.substring(at + 1));
            listeners.add(new BaseTrainingListener() {
                @Override
                public void iterationDone(Model model, int iteration, int epoch) {
                    if (iteration == after) {
                        INDArray view = ParamFingerprints.view((MultiLayerNetwork) model, param);
                        view.putScalar(0, Math.nextUp(view.getFloat(0)));
                    }
                }
            });
        }
        return listeners;
    }

    /**
     * {@code seedbank train} with planted changes, for end-to-end tests in a child JVM:
     * {@code PlantedChanges PERTURB|- LAYER_SEED|- TRAIN-OPTIONS...} ({@code -}: none).
     */
    public static void main(String[] args) {
        PlantedChanges planted = new PlantedChanges(orNull(args[0]), orNull(args[1]));
        String[] train = List.of(args).subList(2, args.length).toArray(String[]::new);
        System.exit(SeedbankCommand.commandLine(new TrainCommand(planted)).execute(train));
    }

    private static String orNull(String arg) {
        return arg.equals("-") ? null : arg;
    }
}
