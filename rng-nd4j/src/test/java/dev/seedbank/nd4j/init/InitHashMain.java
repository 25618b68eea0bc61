package dev.seedbank.nd4j.init;

import dev.seedbank.rng.registry.SeedRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Child-process entry point: prints {@code HASH mlp=<sha> graph=<sha>} for the seeded initial parameters
 * of {@link Nets#mlp} and {@link Nets#graph} under the root seed in args[0]. With args[1] = "noise", another
 * thread draws from ND4J's generator throughout.
 */
public final class InitHashMain {
    private InitHashMain() {
    }

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        boolean noise = args.length > 1 && args[1].equals("noise");
        AtomicBoolean stop = new AtomicBoolean();
        Thread noiseThread = new Thread(() -> {
            while (!stop.get()) {
                Nd4j.rand(64, 64);
            }
        }, "noise");
        if (noise) {
            noiseThread.start();
        }
        MultiLayerNetwork mlp = new MultiLayerNetwork(SeededInit.apply(Nets.mlp(false, WeightInit.XAVIER), SeedRegistry.of(seed)));
        mlp.init();
        ComputationGraph graph = new ComputationGraph(SeededInit.apply(Nets.graph(), SeedRegistry.of(seed)));
        graph.init();
        stop.set(true);
        if (noise) {
            noiseThread.join();
        }
        System.out.println("HASH mlp=" + Nets.hash(mlp.params()) + " graph=" + Nets.hash(graph.params()));
        System.exit(0);
    }
}
