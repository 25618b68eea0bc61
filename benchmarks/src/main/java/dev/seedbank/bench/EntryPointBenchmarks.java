package dev.seedbank.bench;

import dev.seedbank.Seedbank;
import dev.seedbank.examples.GraphClassifier;
import dev.seedbank.examples.IrisClassifier;
import dev.seedbank.examples.LeNetEarlyStopping;
import dev.seedbank.examples.SyntheticImages;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the entry point adds to {@code fit()} of the example programs (issue target: at most 2%), in milliseconds
 * per operation: each example's network trained on its kind of data, plain DL4J ({@code new MultiLayerNetwork(conf)},
 * the plain iterator) against the Seedbank lines ({@code sb.network(conf)}, {@code sb.shuffled(iterator)}: dropout
 * reseeded per iteration, the shuffle buffer, fingerprints and the run record rewritten after every epoch). One
 * operation is one epoch (LeNet: 8 batches of 32 images; graph: 16 batches of 32 vectors) or, for Iris, one
 * {@code fit(DataSet)} of 97 examples as the example's loop does. Each benchmark runs in its own fork, so the
 * Seedbank variants hold the JVM's one session and the plain ones none.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EntryPointBenchmarks {
    private static final int BATCH = 32;

    /** The session of a Seedbank variant (none for the plain ones). */
    @State(Scope.Benchmark)
    public abstract static class Variant {
        Seedbank sb;

        void startSeedbank() throws IOException {
            sb = Seedbank.builder().seed(42).start(Files.createTempDirectory("seedbank-bench").resolve("run"));
        }

        @TearDown(Level.Trial)
        public void close() {
            if (sb != null) {
                sb.close();
            }
        }
    }

    static DataSet vectors(int n, int features, int classes) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, i % classes, 1f);
        }
        return new DataSet(Nd4j.randn(DataType.FLOAT, n, features), labels);
    }

    @State(Scope.Benchmark)
    public static class LeNet extends Variant {
        MultiLayerNetwork net;
        DataSetIterator data;

        void build(boolean seedbank) throws IOException {
            data = new ListDataSetIterator<>(SyntheticImages.generate(256).asList(), BATCH);
            if (seedbank) {
                startSeedbank();
                net = sb.network(LeNetEarlyStopping.conf());
                data = sb.shuffled(data);
            } else {
                net = new MultiLayerNetwork(LeNetEarlyStopping.conf());
                net.init();
            }
        }
    }

    @State(Scope.Benchmark)
    public static class LeNetPlain extends LeNet {
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            build(false);
        }
    }

    @State(Scope.Benchmark)
    public static class LeNetSeedbank extends LeNet {
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            build(true);
        }
    }

    @State(Scope.Benchmark)
    public static class Graph extends Variant {
        ComputationGraph graph;
        DataSetIterator data;

        void build(boolean seedbank) throws IOException {
            data = new ListDataSetIterator<>(vectors(512, 10, 3).asList(), BATCH);
            if (seedbank) {
                startSeedbank();
                graph = sb.network(GraphClassifier.conf());
                data = sb.shuffled(data);
            } else {
                graph = new ComputationGraph(GraphClassifier.conf());
                graph.init();
            }
        }
    }

    @State(Scope.Benchmark)
    public static class GraphPlain extends Graph {
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            build(false);
        }
    }

    @State(Scope.Benchmark)
    public static class GraphSeedbank extends Graph {
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            build(true);
        }
    }

    @State(Scope.Benchmark)
    public static class Iris extends Variant {
        MultiLayerNetwork net;
        DataSet data;

        void build(boolean seedbank) throws IOException {
            data = vectors(97, 4, 3);
            if (seedbank) {
                startSeedbank();
                net = sb.network(IrisClassifier.conf());
            } else {
                net = new MultiLayerNetwork(IrisClassifier.conf());
                net.init();
            }
        }
    }

    @State(Scope.Benchmark)
    public static class IrisPlain extends Iris {
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            build(false);
        }
    }

    @State(Scope.Benchmark)
    public static class IrisSeedbank extends Iris {
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            build(true);
        }
    }

    @Benchmark
    public MultiLayerNetwork lenetPlain(LeNetPlain s) {
        s.net.fit(s.data);
        return s.net;
    }

    @Benchmark
    public MultiLayerNetwork lenetSeedbank(LeNetSeedbank s) {
        s.net.fit(s.data);
        return s.net;
    }

    @Benchmark
    public ComputationGraph graphPlain(GraphPlain s) {
        s.graph.fit(s.data);
        return s.graph;
    }

    @Benchmark
    public ComputationGraph graphSeedbank(GraphSeedbank s) {
        s.graph.fit(s.data);
        return s.graph;
    }

    @Benchmark
    public MultiLayerNetwork irisPlain(IrisPlain s) {
        s.net.fit(s.data);
        return s.net;
    }

    @Benchmark
    public MultiLayerNetwork irisSeedbank(IrisSeedbank s) {
        s.net.fit(s.data);
        return s.net;
    }
}
