package dev.seedbank.bench;

import dev.seedbank.rng.stream.ParallelFill;
import dev.seedbank.rng.stream.PhiloxStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bulk fills of {@link #N} = 2^24 values into a preallocated Java array, in nanoseconds per element:
 * Seedbank's fills (one thread and {@link ParallelFill} over all cores) and the pure-Java peers. Every
 * invocation starts a fresh generator at the same seed, so every invocation does the same work.
 * The ND4J peers are in {@link Nd4jBenchmarks}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(FillBenchmarks.N)
public class FillBenchmarks {
    /** Values per fill: 16M. */
    public static final int N = 1 << 24;
    /** Any fixed key / seed; the cost does not depend on it. */
    static final long SEED = 0x243F6A8885A308D3L;

    /** A float destination, allocated once per fork. */
    @State(Scope.Thread)
    public static class Floats {
        float[] dst;
        long key;

        @Setup
        public void setUp() {
            dst = new float[N];
            key = SEED;
        }
    }

    /** An int destination, allocated once per fork. */
    @State(Scope.Thread)
    public static class Ints {
        int[] dst;
        long key;

        @Setup
        public void setUp() {
            dst = new int[N];
            key = SEED;
        }
    }

    /** A parallel filler over all available processors (the common fork-join pool plus the caller). */
    @State(Scope.Benchmark)
    public static class Parallel {
        ParallelFill fill;

        @Setup
        public void setUp() {
            fill = ParallelFill.withThreads(Runtime.getRuntime().availableProcessors());
        }
    }

    // ---- Seedbank ----------------------------------------------------------------------------

    @Benchmark
    public float[] seedbankUniform(Floats f) {
        new PhiloxStream(f.key).fillUniform(f.dst, 0, N);
        return f.dst;
    }

    @Benchmark
    public float[] seedbankUniformParallel(Floats f, Parallel p) {
        p.fill.uniform(new PhiloxStream(f.key), f.dst, 0, N);
        return f.dst;
    }

    @Benchmark
    public float[] seedbankNormal(Floats f) {
        new PhiloxStream(f.key).fillNormal(f.dst, 0, N, 0f, 1f);
        return f.dst;
    }

    @Benchmark
    public float[] seedbankNormalParallel(Floats f, Parallel p) {
        p.fill.normal(new PhiloxStream(f.key), f.dst, 0, N, 0f, 1f);
        return f.dst;
    }

    @Benchmark
    public int[] seedbankWords(Ints w) {
        new PhiloxStream(w.key).fillWords(w.dst, 0, N);
        return w.dst;
    }

    // ---- pure-Java peers ---------------------------------------------------------------------

    @Benchmark
    public float[] splittableRandomNextFloat(Floats f) {
        SplittableRandom r = new SplittableRandom(f.key);
        float[] a = f.dst;
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat();
        }
        return a;
    }

    @Benchmark
    public float[] commonsPhiloxNextFloat(Floats f) {
        UniformRandomProvider r = RandomSource.PHILOX_4X32.create(f.key);
        float[] a = f.dst;
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat();
        }
        return a;
    }

    @Benchmark
    public int[] commonsPhiloxNextInt(Ints w) {
        UniformRandomProvider r = RandomSource.PHILOX_4X32.create(w.key);
        int[] a = w.dst;
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt();
        }
        return a;
    }

    /** The memory-write floor: storing a constant into the same array. */
    @Benchmark
    public float[] arraysFill(Floats f) {
        Arrays.fill(f.dst, 0.5f);
        return f.dst;
    }
}
