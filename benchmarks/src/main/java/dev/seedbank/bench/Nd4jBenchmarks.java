package dev.seedbank.bench;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ND4J (nd4j-native backend, its default native thread count) drawing {@link FillBenchmarks#N} floats,
 * in nanoseconds per element. Two forms of each: the allocating call the requirement names
 * ({@code Nd4j.rand} / {@code Nd4j.randn}; the result is closed at once so its off-heap buffer is freed
 * deterministically rather than by GC pressure) and the in-place random op on a preallocated array.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(FillBenchmarks.N)
public class Nd4jBenchmarks {
    static final int N = FillBenchmarks.N;

    /** A preallocated float INDArray of N elements; also initialises the backend before measuring. */
    @State(Scope.Thread)
    public static class Target {
        INDArray arr;

        @Setup
        public void setUp() {
            Nd4j.getRandom().setSeed(FillBenchmarks.SEED);
            arr = Nd4j.createUninitialized(DataType.FLOAT, N);
        }

        @TearDown
        public void tearDown() {
            arr.close();
        }
    }

    @Benchmark
    public void nd4jRand(Blackhole bh) {
        INDArray r = Nd4j.rand(DataType.FLOAT, N);
        bh.consume(r);
        r.close();
    }

    @Benchmark
    public INDArray nd4jRandInPlace(Target t) {
        return Nd4j.getExecutioner().exec(new UniformDistribution(t.arr, 0.0, 1.0), Nd4j.getRandom());
    }

    @Benchmark
    public void nd4jRandn(Blackhole bh) {
        INDArray r = Nd4j.randn(DataType.FLOAT, N);
        bh.consume(r);
        r.close();
    }

    @Benchmark
    public INDArray nd4jRandnInPlace(Target t) {
        return Nd4j.getExecutioner().exec(new GaussianDistribution(t.arr, 0.0, 1.0), Nd4j.getRandom());
    }
}
