package dev.seedbank.bench;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamKey;
import dev.seedbank.rng.scope.StreamScope;
import dev.seedbank.rng.stream.PhiloxStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Per-call costs of key derivation and of the thread's current stream, in nanoseconds per call. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DerivationBenchmarks {

    /** A registry and a path held in fields so that nothing is constant-folded. */
    @State(Scope.Thread)
    public static class Registry {
        long seed;
        String path;
        SeedRegistry registry;
        StreamKey parentKey;
        long index;

        @Setup
        public void setUp() {
            seed = FillBenchmarks.SEED;
            path = "data/shuffle/epoch=3";
            registry = SeedRegistry.of(seed);
            parentKey = registry.key("data/shuffle");
        }
    }

    /** A stream bound to the benchmark thread for the whole trial. */
    @State(Scope.Thread)
    public static class Bound {
        PhiloxStream stream;
        StreamScope scope;

        @Setup
        public void setUp() {
            stream = new PhiloxStream(FillBenchmarks.SEED);
            scope = StreamScope.bind(stream);
        }

        @TearDown
        public void tearDown() {
            scope.close();
        }
    }

    /** {@code registry.key("data/shuffle/epoch=3")}: parse three segments, three SHA-256 hashes. */
    @Benchmark
    public long registryKeyOfPathText(Registry r) {
        return r.registry.key(r.path).value();
    }

    /** {@code SeedRegistry.of(seed).key(path)}: as above plus the root-key hash. */
    @Benchmark
    public long newRegistryKeyOfPathText(Registry r) {
        return SeedRegistry.of(r.seed).key(r.path).value();
    }

    /** One derivation step: {@code parent.child(i)}, one SHA-256 hash. */
    @Benchmark
    public long childKeyIndex(Registry r) {
        return r.parentKey.child(r.index++).value();
    }

    /** {@code StreamScope.current()} with a stream bound. */
    @Benchmark
    public PhiloxStream scopeCurrent(Bound b) {
        return StreamScope.current();
    }

    /** Binding a stream, reading it back and closing the scope (nested inside the trial's binding). */
    @Benchmark
    public PhiloxStream scopeBindCurrentClose(Bound b) {
        try (StreamScope s = StreamScope.bind(b.stream)) {
            return StreamScope.current();
        }
    }
}
