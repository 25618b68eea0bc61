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
import org.openjdk.jmh.annotations.Fork;
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
 *
 * <p>Forks run with the Vector API module, as the {@code seedbank} launcher does, so the {@code seedbank*}
 * benchmarks take the path {@code FillPath} chooses for this CPU. The {@code scalar*} forks run without the module
 * (what a library user gets by default), {@code baseline*} the fills before issue 13 ({@link BaselineFills}),
 * {@code vector256*} the 256-bit vector path forced, and {@code avx2*} the automatic choice with
 * {@code -XX:UseAVX=2} (a CPU without AVX-512).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(FillBenchmarks.N)
@Fork(jvmArgsAppend = FillBenchmarks.VECTOR_MODULE)
public class FillBenchmarks {
    static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";
    /** A harmless argument that marks a fork without the module (an empty list would inherit the class's). */
    static final String NO_MODULE = "-Dseedbank.bench.vectorModule=absent";
    static final String BASELINE_JAR = "-Dseedbank.baselineJar=benchmarks/target/baseline/rng-core-baseline.jar";

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

    /** Today's fills from the baseline jar. */
    @State(Scope.Benchmark)
    public static class Baseline {
        BaselineFills fills;

        @Setup
        public void setUp() throws ReflectiveOperationException {
            fills = new BaselineFills();
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

    // ---- the paths, and the fills before issue 13 --------------------------------------------

    @Benchmark
    @Fork(jvmArgsAppend = NO_MODULE)
    public float[] scalarUniform(Floats f) {
        return seedbankUniform(f);
    }

    @Benchmark
    @Fork(jvmArgsAppend = NO_MODULE)
    public int[] scalarWords(Ints w) {
        return seedbankWords(w);
    }

    @Benchmark
    @Fork(jvmArgsAppend = NO_MODULE)
    public float[] scalarNormal(Floats f) {
        return seedbankNormal(f);
    }

    @Benchmark
    @Fork(jvmArgsAppend = {VECTOR_MODULE, "-Dseedbank.fillPath=vector-256"})
    public float[] vector256Uniform(Floats f) {
        return seedbankUniform(f);
    }

    @Benchmark
    @Fork(jvmArgsAppend = {VECTOR_MODULE, "-Dseedbank.fillPath=vector-256"})
    public int[] vector256Words(Ints w) {
        return seedbankWords(w);
    }

    @Benchmark
    @Fork(jvmArgsAppend = {VECTOR_MODULE, "-XX:UseAVX=2"})
    public float[] avx2Uniform(Floats f) {
        return seedbankUniform(f);
    }

    @Benchmark
    @Fork(jvmArgsAppend = BASELINE_JAR)
    public float[] baselineUniform(Floats f, Baseline b) throws Throwable {
        b.fills.uniform.invokeExact(f.key, 0L, 0L, f.dst, 0, N);
        return f.dst;
    }

    @Benchmark
    @Fork(jvmArgsAppend = BASELINE_JAR)
    public int[] baselineWords(Ints w, Baseline b) throws Throwable {
        b.fills.words.invokeExact(w.key, 0L, 0L, w.dst, 0, N);
        return w.dst;
    }

    @Benchmark
    @Fork(jvmArgsAppend = BASELINE_JAR)
    public float[] baselineNormal(Floats f, Baseline b) throws Throwable {
        b.fills.normal.invokeExact(f.key, 0L, 0L, f.dst, 0, N, 0f, 1f);
        return f.dst;
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
