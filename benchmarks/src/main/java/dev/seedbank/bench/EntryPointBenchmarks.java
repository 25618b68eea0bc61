package dev.seedbank.bench;

import dev.seedbank.Seedbank;
import dev.seedbank.examples.GraphClassifier;
import dev.seedbank.examples.IrisClassifier;
import dev.seedbank.examples.LeNetEarlyStopping;
import dev.seedbank.examples.ParallelTraining;
import dev.seedbank.examples.SyntheticImages;
import dev.seedbank.nd4j.training.SeededParallelWrapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the entry point adds to {@code fit()} of the example programs (issue target: at most 2%), in milliseconds
 * per operation: each example's network trained on its kind of data, {@code plain} DL4J ({@code new
 * MultiLayerNetwork(conf)}, the plain iterator) against the {@code seedbank} lines ({@code sb.network(conf)},
 * {@code sb.shuffled(iterator)}: dropout reseeded per iteration, the shuffle buffer, fingerprints and the run record
 * rewritten after every epoch; for ParallelWrapper {@code sb.parallel(wrapper)}). One operation is one epoch (LeNet:
 * 8 batches of 32 images; graph: 16 batches of 32 vectors; ParallelWrapper: one {@code wrapper.fit(iterator)} of 16
 * batches of 16 images on two workers) or, for Iris, one {@code fit(DataSet)} of 97 examples as the example's loop
 * does. Both variants run in machine-specific mode, so only the entry point's own work differs (portable mode's
 * cost is {@link PortableBenchmarks}). Each benchmark and parameter value runs in its own fork, with the JVM's one session
 * (recording that benchmark's network) or none. The {@code *Pass} benchmarks read one epoch without training, so
 * the shuffle buffer's cost is measured apart from the training time's noise, and {@link #graphHooks} calls the
 * graph's listeners for one epoch without training, so the fingerprints' and run record's cost is measured apart
 * from it too. The graph's overhead is then ({@code graphPass} seedbank - plain) + {@code graphHooks} seedbank
 * (plain has no listeners), relative to {@code graphEpoch} plain {@link #parallelHooks} does the same for the
 * ParallelWrapper example (its reseeding per step and its record per {@code fit}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EntryPointBenchmarks {
    private static final int BATCH = 32;
    /** Iterations per epoch of {@link #graphEpoch}: 512 vectors in batches of {@link #BATCH}. */
    private static final int GRAPH_ITERATIONS = 16;
    /** Rounds per {@link #parallelEpoch}: 16 batches of 16 images, one per worker (two) and round. */
    private static final int PARALLEL_ROUNDS = 8;

    /** The variant, and for {@code seedbank} the session. */
    @State(Scope.Benchmark)
    public abstract static class Variant {
        @Param({"plain", "seedbank"})
        public String variant;
        Seedbank sb;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            if (!variant.equals("plain") && !variant.equals("seedbank")
                    && !(Parallel.PLAIN_AFTER_SEEDBANK.contains(variant) && this instanceof Parallel)) {
                throw new IllegalArgumentException("variant " + variant
                        + ": expected plain or seedbank (footprint, beside: parallelEpoch only)");
            }
            if (variant.equals("seedbank")) {
                sb = Seedbank.builder().seed(42).machineSpecific()
                        .start(Files.createTempDirectory("seedbank-bench").resolve("run"));
            }
            build();
        }

        abstract void build();

        MultiLayerNetwork network(MultiLayerConfiguration conf) {
            MultiLayerNetwork net = sb != null ? sb.network(conf) : new MultiLayerNetwork(conf);
            net.init();
            return net;
        }

        DataSetIterator iterator(DataSet data) {
            DataSetIterator it = new ListDataSetIterator<>(data.asList(), BATCH);
            return sb != null ? sb.shuffled(it) : it;
        }

        @TearDown(Level.Trial)
        public void close() {
            if (sb != null) {
                sb.close();
            }
        }
    }

    public static class LeNet extends Variant {
        MultiLayerNetwork net;
        DataSetIterator data;

        @Override
        void build() {
            net = network(LeNetEarlyStopping.conf());
            data = iterator(SyntheticImages.generate(256));
        }
    }

    public static class Graph extends Variant {
        ComputationGraph graph;
        DataSetIterator data;

        @Override
        void build() {
            graph = sb != null ? sb.network(GraphClassifier.conf()) : new ComputationGraph(GraphClassifier.conf());
            graph.init();
            data = iterator(vectors(512, 10, 3));
        }
    }

    /** The graph after one {@code fit} of a batch (its listeners read the batch size of its last input). */
    public static class TrainedGraph extends Graph {
        @Override
        void build() {
            super.build();
            graph.fit(vectors(BATCH, 10, 3));
        }
    }

    /**
     * The ParallelWrapper example: two workers, {@code wrapper.fit(iterator)} per epoch (16 batches of 16 images).
     * Two more variants train plain DL4J in a JVM where a Seedbank session first trained the same example for
     * {@link #SESSION_FITS} epochs: {@code -p variant=footprint} closes that session before, {@code beside} keeps it
     * open. Seedbank's classes and compiled code are in both JVMs (and, for {@code beside}, the open session's
     * state), but not its per-epoch work. DL4J's wrapper calls {@code System.gc()} about six times per {@code fit}, and
     * a full collection's cost grows with the JVM's classes and compiled code, so these variants separate that cost
     * from the entry point's own work.
     */
    public static class Parallel extends Variant {
        static final Set<String> PLAIN_AFTER_SEEDBANK = Set.of("footprint", "beside");
        static final int SESSION_FITS = 40;
        ParallelWrapper wrapper;
        DataSetIterator data;
        /** Variant {@code beside}: the session that stays open while plain DL4J trains. */
        Seedbank beside;

        @Override
        void build() {
            data = new ListDataSetIterator<>(SyntheticImages.generate(256).asList(), 16);
            if (PLAIN_AFTER_SEEDBANK.contains(variant)) {
                Seedbank earlier = trainASession();
                if (variant.equals("footprint")) {
                    earlier.close();
                } else {
                    beside = earlier;
                }
            }
            ParallelWrapper built = ParallelTraining.wrapper(network(ParallelTraining.conf()));
            wrapper = sb != null ? sb.parallel(built) : built;
        }

        private Seedbank trainASession() {
            try {
                Seedbank session = Seedbank.builder().seed(42).machineSpecific()
                        .start(Files.createTempDirectory("seedbank-bench").resolve("earlier"));
                MultiLayerNetwork net = session.network(ParallelTraining.conf());
                net.init();
                ParallelWrapper seeded = session.parallel(ParallelTraining.wrapper(net));
                for (int i = 0; i < SESSION_FITS; i++) {
                    seeded.fit(data);
                }
                seeded.shutdown();
                return session;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @TearDown(Level.Trial)
        public void shutdown() {
            wrapper.shutdown();
            if (beside != null) {
                beside.close();
            }
        }
    }

    /** {@link Parallel} after one {@code wrapper.fit}, so that the network has seen a batch (for {@link #parallelHooks}). */
    public static class TrainedParallel extends Parallel {
        @Override
        void build() {
            super.build();
            wrapper.fit(data);
        }
    }

    public static class Iris extends Variant {
        MultiLayerNetwork net;
        DataSet data;

        @Override
        void build() {
            net = network(IrisClassifier.conf());
            data = vectors(97, 4, 3);
        }
    }

    static DataSet vectors(int n, int features, int classes) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, i % classes, 1f);
        }
        return new DataSet(Nd4j.randn(DataType.FLOAT, n, features), labels);
    }

    @Benchmark
    public MultiLayerNetwork lenetEpoch(LeNet s) {
        s.net.fit(s.data);
        return s.net;
    }

    @Benchmark
    public ComputationGraph graphEpoch(Graph s) {
        s.graph.fit(s.data);
        return s.graph;
    }

    /** One epoch of the LeNet data read without training: the shuffle buffer's share of {@link #lenetEpoch}. */
    @Benchmark
    public long lenetPass(LeNet s) {
        return pass(s.data);
    }

    /** One epoch of the graph's data read without training: the shuffle buffer's share of {@link #graphEpoch}. */
    @Benchmark
    public long graphPass(Graph s) {
        return pass(s.data);
    }

    /**
     * The listeners' work in one epoch of {@link #graphEpoch} without training: {@code onEpochStart}, an
     * {@code iterationDone} per batch and {@code onEpochEnd}, advancing the graph's counters as {@code fit} does
     * (so each call is a new epoch and the run record takes one end-of-epoch snapshot).
     */
    @Benchmark
    public ComputationGraph graphHooks(TrainedGraph s) {
        ComputationGraph g = s.graph;
        ComputationGraphConfiguration conf = g.getConfiguration();
        for (TrainingListener l : g.getListeners()) {
            l.onEpochStart(g);
        }
        for (int i = 0; i < GRAPH_ITERATIONS; i++) {
            int iteration = conf.getIterationCount();
            iterationDone(g, g.getListeners(), iteration, conf.getEpochCount());
            conf.setIterationCount(iteration + 1);
        }
        epochEnded(g, g.getListeners());
        g.incrementEpochCount();
        return g;
    }

    /**
     * Seedbank's own work in one {@link #parallelEpoch} without training: the trainer context's per-{@code fit}
     * preparation, both workers' per-step reseeding for the 8 rounds of 2 batches, the listeners' {@code
     * iterationDone} per round and the end-of-{@code fit} record (fingerprints, manifest hand-over), advancing the
     * counters as {@code fit} does. Not included: the generators of the threads DL4J creates per {@code fit} (one
     * key derivation each) and the replica's listener calls. Plain DL4J does none of this (no context, no listeners).
     */
    @Benchmark
    public MultiLayerNetwork parallelHooks(TrainedParallel s) {
        MultiLayerNetwork net = (MultiLayerNetwork) s.wrapper.getModel();
        if (!(s.wrapper.getTrainerContext() instanceof SeededParallelWrapper seeded)) {
            return net;
        }
        seeded.init(net);
        for (int round = 0; round < PARALLEL_ROUNDS; round++) {
            int iteration = net.getIterationCount();
            for (int worker = 0; worker < s.wrapper.getWorkers(); worker++) {
                seeded.bind(worker, net.getEpochCount(), iteration);
            }
            iterationDone(net, net.getListeners(), iteration, net.getEpochCount());
            net.setIterationCount(iteration + 1);
        }
        epochEnded(net, net.getListeners());
        net.incrementEpochCount();
        return net;
    }

    private static void iterationDone(Model model, Collection<TrainingListener> listeners, int iteration, int epoch) {
        for (TrainingListener l : listeners) {
            l.iterationDone(model, iteration, epoch);
        }
    }

    private static void epochEnded(Model model, Collection<TrainingListener> listeners) {
        for (TrainingListener l : listeners) {
            l.onEpochEnd(model);
        }
    }

    private static long pass(DataSetIterator data) {
        data.reset();
        long n = 0;
        while (data.hasNext()) {
            n += data.next().numExamples();
        }
        return n;
    }

    @Benchmark
    public ParallelWrapper parallelEpoch(Parallel s) {
        s.wrapper.fit(s.data);
        return s.wrapper;
    }

    @Benchmark
    public MultiLayerNetwork irisFit(Iris s) {
        s.net.fit(s.data);
        return s.net;
    }
}
