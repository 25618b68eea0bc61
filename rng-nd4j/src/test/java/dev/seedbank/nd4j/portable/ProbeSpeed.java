package dev.seedbank.nd4j.portable;

import dev.seedbank.nd4j.init.SeededInit;
import dev.seedbank.rng.registry.SeedRegistry;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A rough speed probe (not JMH; for the JMH comparison see docs/benchmarks.md): {@code ProbeSpeed MODEL MODE
 * ROUNDS} times {@code fit(DataSet)} on the probe networks ({@code mlp}, {@code cnn}, {@code lenet}) or a
 * matrix-multiply-heavy dense net ({@code dense}: 784-1024-1024-10, minibatch 128) in portable or machine-specific
 * mode, after a warm-up, and prints {@code SPEED model mode median-ms-per-fit}. Timing only; no result depends
 * on the clock.
 */
public final class ProbeSpeed {
    private ProbeSpeed() {
    }

    public static void main(String[] args) {
        String model = args[0];
        if (args[1].equals("portable")) {
            PortableMode.enable();
        } else {
            PortableMode.machineSpecific();
        }
        int rounds = Integer.parseInt(args[2]);
        SeedRegistry registry = SeedRegistry.of(5);
        MultiLayerNetwork net;
        List<DataSet> data;
        if (model.equals("dense")) {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).dataType(DataType.FLOAT)
                    .weightInit(WeightInit.XAVIER).updater(new Adam(1e-3)).list()
                    .layer(new DenseLayer.Builder().nIn(784).nOut(1024).activation(Activation.RELU).build())
                    .layer(new DenseLayer.Builder().nIn(1024).nOut(1024).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(1024).nOut(10)
                            .activation(Activation.SOFTMAX).build())
                    .build();
            net = new MultiLayerNetwork(SeededInit.apply(conf, SeedRegistry.of(5)));
            data = ProbeNets.batches(registry.stream("speed"), 512, 28, 10);
            data = List.of(DataSet.merge(data.subList(0, 4)));
        } else {
            net = new MultiLayerNetwork(SeededInit.apply(ProbeNets.conf(model), SeedRegistry.of(5)));
            int side = model.equals("lenet") ? 20 : 8;
            data = ProbeNets.batches(registry.stream("speed"), 256, side, model.equals("lenet") ? 10 : 4);
        }
        net.init();
        for (int i = 0; i < 5; i++) {
            net.fit(data.get(i % data.size()));
        }
        long[] t = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            for (DataSet ds : data) {
                net.fit(ds);
            }
            t[r] = (System.nanoTime() - start) / data.size();
        }
        Arrays.sort(t);
        System.out.printf("SPEED %s %s %.3f ms/fit (median of %d rounds; %s)%n", model, args[1], t[rounds / 2] / 1e6,
                rounds, PortableMode.inForce());
        System.exit(0);
    }
}
