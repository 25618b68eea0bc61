package dev.seedbank.bench;

import dev.seedbank.nd4j.init.SeededInit;
import dev.seedbank.nd4j.training.SeededTrainingListener;
import dev.seedbank.rng.registry.SeedRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * rng-nd4j against plain DL4J, in milliseconds per operation: seeded weight initialisation of a
 * 50.4M-parameter MLP against DL4J's own {@code init()} with the same scheme, and {@code fit()} of a small
 * MLP with and without the per-iteration {@link SeededTrainingListener} (per {@code fit} call of one batch).
 * The two fit timings differ by less than their noise, so {@link #listenerIteration} also times the
 * listener's share directly (microseconds per iteration), for a ratio to {@link #fitWithoutListener}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(jvmArgsAppend = FillBenchmarks.VECTOR_MODULE) // the fill path the seedbank launcher gives
public class Nd4jTrainingBenchmarks {
    static final long SEED = 42;
    /** 4096 -> 4096 -> 4096 -> 4096 -> 10: 3 * (4096 * 4096 + 4096) + 4096 * 10 + 10 = 50,384,906 parameters. */
    static final int WIDTH = 4096;

    static MultiLayerConfiguration wide() {
        return new NeuralNetConfiguration.Builder().seed(SEED).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().name("d1").nIn(WIDTH).nOut(WIDTH).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("d2").nIn(WIDTH).nOut(WIDTH).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("d3").nIn(WIDTH).nOut(WIDTH).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(WIDTH).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    static MultiLayerConfiguration small() {
        return new NeuralNetConfiguration.Builder().seed(SEED).weightInit(WeightInit.XAVIER).updater(new Adam(1e-3))
                .list()
                .layer(new DenseLayer.Builder().name("d1").nIn(64).nOut(128).activation(Activation.RELU).dropOut(0.8)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(128).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    /** A fresh network per invocation for the init benchmarks (both allocate the same parameters). */
    @State(Scope.Thread)
    public static class Wide {
        MultiLayerNetwork dl4j;
        MultiLayerNetwork seeded;

        @Setup(Level.Invocation)
        public void setUp() {
            dl4j = new MultiLayerNetwork(wide());
            seeded = new MultiLayerNetwork(SeededInit.apply(wide(), SeedRegistry.of(SEED)));
        }
    }

    /** Two small networks, one with the listener, and one batch of 64 examples. */
    @State(Scope.Thread)
    public static class Small {
        MultiLayerNetwork plain;
        MultiLayerNetwork listened;
        SeededTrainingListener listener;
        /** What {@code onForwardPass} receives: the layer activations of the batch. */
        List<INDArray> activations;
        DataSet batch;
        /** The iteration number passed to {@code iterationDone}, one more per call as in training. */
        int iteration;

        @Setup
        public void setUp() {
            plain = new MultiLayerNetwork(small());
            plain.init();
            listened = new MultiLayerNetwork(small());
            listened.init();
            listener = new SeededTrainingListener(SeedRegistry.of(SEED));
            listened.setListeners(listener);
            Nd4j.getRandom().setSeed(SEED);
            batch = new DataSet(Nd4j.rand(64, 64), Nd4j.eye(10).repeat(0, 7).get(
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 64), org.nd4j.linalg.indexing.NDArrayIndex.all()));
            activations = listened.feedForward(batch.getFeatures(), true);
        }
    }

    @Benchmark
    public MultiLayerNetwork dl4jInit50M(Wide w) {
        w.dl4j.init();
        return w.dl4j;
    }

    @Benchmark
    public MultiLayerNetwork seededInit50M(Wide w) {
        w.seeded.init();
        return w.seeded;
    }

    /** Iterations per invocation of the fit benchmarks: enough to average out per-call noise. */
    static final int FITS = 32;

    @Benchmark
    @OperationsPerInvocation(FITS)
    public MultiLayerNetwork fitWithoutListener(Small s) {
        for (int i = 0; i < FITS; i++) {
            s.plain.fit(s.batch);
        }
        return s.plain;
    }

    @Benchmark
    @OperationsPerInvocation(FITS)
    public MultiLayerNetwork fitWithListener(Small s) {
        for (int i = 0; i < FITS; i++) {
            s.listened.fit(s.batch);
        }
        return s.listened;
    }

    /**
     * The listener's work in one {@code fit()} iteration, nothing else: exactly the callbacks DL4J 1.0.0-M2.1
     * makes per iteration of {@code fit(DataSet)} on a listener of the small network, each inside the
     * workspace scope DL4J opens for it ({@code MultiLayerNetwork.computeGradientAndScore}: onForwardPass,
     * onBackwardPass; {@code BaseOptimizer.gradientAndScore}: onGradientCalculation;
     * {@code StochasticGradientDescent.optimize}: iterationDone). Only iterationDone does work here (derive
     * the stream of the next iteration and reseed ND4J's generator); {@code onEpochStart} is not called by
     * {@code fit(DataSet)}.
     */
    @Benchmark
    @OperationsPerInvocation(FITS)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int listenerIteration(Small s) {
        MultiLayerNetwork model = s.listened;
        SeededTrainingListener listener = s.listener;
        for (int i = 0; i < FITS; i++) {
            listener.onForwardPass(model, s.activations);
            try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                listener.onBackwardPass(model);
            }
            try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                listener.onGradientCalculation(model);
            }
            try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                listener.iterationDone(model, s.iteration++, 0);
            }
        }
        return s.iteration;
    }
}
