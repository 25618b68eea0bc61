package dev.seedbank.nd4j.fill;

import dev.seedbank.rng.registry.StreamKey;
import dev.seedbank.rng.stream.ParallelFill;
import dev.seedbank.rng.stream.PhiloxStream;
import dev.seedbank.rng.stream.StreamFills;
import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fills INDArrays from a {@link PhiloxStream} so that element {@code k} in logical c-order (whatever the
 * array's ordering, strides or offset) is element {@code k} of the rng-core stream fill of the same
 * length, on every backend: the values are computed in Java from (key, fill origin, k) and only copied
 * into the array. Each fill of {@code n} elements advances the stream by exactly {@code n} values
 * ({@link PhiloxStream#reserve}), as the rng-core fill of {@code n} values does; Binomial advances by
 * {@code n * trials}.
 *
 * <h2>Precision</h2>
 * FLOAT arrays use the float formats ({@link StreamFills#uniform}, {@link StreamFills#normal}), DOUBLE
 * arrays the double formats ({@link StreamFills#uniformDouble}, {@link StreamFills#normalDouble}); HALF and
 * BFLOAT16 arrays receive the float values rounded to their type. Other data types are rejected.
 *
 * <h2>Distributions (u = the (0, 1] uniform of the precision, z = the standard normal)</h2>
 * <ul>
 * <li>uniform(min, max): {@code min + (max - min) * u} evaluated in the array's precision, with
 *     {@code min} and {@code max - min} first rounded to it (float: {@code (float) min + (float) (max - min) * u}).
 * <li>normal(mean, std): {@code z * std + mean} in the precision (the rng-core normal fill with that mean and std).
 * <li>truncated normal(mean, std) (DL4J/libnd4j rule: values more than two standard deviations from the
 *     mean are re-drawn): element {@code k} is the first of {@code N_0(k), N_1(k), N_2(k), ...} with
 *     {@code |N_r(k) - mean| <= 2 |std|}, where {@code N_0} is the normal fill of the stream itself and
 *     {@code N_r} (r &ge; 1) the normal fill with the same origin of the key
 *     {@code streamKey.child("truncated-normal-redraw", r)} ({@link StreamKey#child(String, long)}). Every value is
 *     a pure function of (key, origin, k); the stream advances by {@code n} only.
 * <li>log-normal(mean, std): {@code exp(normal(mean, std))} ({@link Math#exp} of the double value for
 *     DOUBLE, {@code (float) Math.exp(x)} of the float value otherwise).
 * <li>Bernoulli(p): 1 where {@code u <= p}, else 0 ({@code p <= 0}: all 0; {@code p >= 1}: all 1).
 * <li>Binomial(trials, p): element {@code k} counts {@code j in [0, trials)} with {@code u(k * trials + j) <= p}.
 * </ul>
 *
 * <h2>Writing</h2>
 * Values are generated in chunks of {@value #CHUNK} into a Java array (in parallel through
 * {@link ParallelFill}) and copied in bulk: straight into the array's buffer through its host pointer
 * when the array's elements are contiguous in c-order (any FLOAT or DOUBLE array or view with
 * c-contiguous strides; the host copy is brought up to date first and tagged afterwards through ND4J's
 * {@link AffinityManager}); otherwise into a temporary c-order array that is then {@code assign}ed to the
 * target. No per-element JNI calls.
 *
 * <p>Stateless; thread-safe as long as each stream is used by one thread (see {@link PhiloxStream}).
 *
 * <p>Why one large class: one public method per distribution, each a float and a double generator, over the
 * one writing path (chunks, the contiguity check, the host copy), which they share so that every distribution
 * lays out its values the same way.
 */
public final class ArrayFills {
    /** Values generated per chunk: 4 MiB of floats. */
    static final int CHUNK = 1 << 20;
    /** Name of the redraw key segment of the truncated normal. */
    public static final String TRUNCATED_REDRAW = "truncated-normal-redraw";
    /** Redraw rounds after which a truncated normal fill gives up (each round keeps ~4.6% of the values). */
    static final int MAX_REDRAW_ROUNDS = 1000;

    private static final ParallelFill PARALLEL = ParallelFill.withThreads(Runtime.getRuntime().availableProcessors());

    private ArrayFills() {
    }

    /** Uniform values in {@code [min, max]} (see the class comment); returns {@code arr}. */
    public static INDArray uniform(INDArray arr, PhiloxStream stream, double min, double max) {
        return fill(arr, stream, new Generator() {
            @Override
            public void floats(long key, long origin, long first, float[] dst, int from, int to) {
                StreamFills.uniform(key, origin, first, dst, from, to);
                float lo = (float) min;
                float range = (float) (max - min);
                for (int i = from; i < to; i++) {
                    dst[i] = lo + range * dst[i];
                }
            }

            @Override
            public void doubles(long key, long origin, long first, double[] dst, int from, int to) {
                StreamFills.uniformDouble(key, origin, first, dst, from, to);
                double range = max - min;
                for (int i = from; i < to; i++) {
                    dst[i] = min + range * dst[i];
                }
            }
        });
    }

    /** Normal values with mean {@code mean} and standard deviation {@code std}; returns {@code arr}. */
    public static INDArray normal(INDArray arr, PhiloxStream stream, double mean, double std) {
        return fill(arr, stream, new Generator() {
            @Override
            public void floats(long key, long origin, long first, float[] dst, int from, int to) {
                StreamFills.normal(key, origin, first, dst, from, to, (float) mean, (float) std);
            }

            @Override
            public void doubles(long key, long origin, long first, double[] dst, int from, int to) {
                StreamFills.normalDouble(key, origin, first, dst, from, to, mean, std);
            }
        });
    }

    /** Normal values re-drawn outside {@code mean +- 2 |std|} (rule in the class comment); returns {@code arr}. */
    public static INDArray truncatedNormal(INDArray arr, PhiloxStream stream, double mean, double std) {
        return fill(arr, stream, new Generator() {
            @Override
            public void floats(long key, long origin, long first, float[] dst, int from, int to) {
                float m = (float) mean;
                float s = (float) std;
                float bound = 2f * Math.abs(s);
                StreamFills.normal(key, origin, first, dst, from, to, m, s);
                redrawOutside(key, from, to, i -> Math.abs(dst[i] - m) > bound,
                        (redrawKey, i) -> StreamFills.normal(redrawKey, origin, first + (i - from), dst, i, i + 1, m, s));
            }

            @Override
            public void doubles(long key, long origin, long first, double[] dst, int from, int to) {
                double bound = 2 * Math.abs(std);
                StreamFills.normalDouble(key, origin, first, dst, from, to, mean, std);
                redrawOutside(key, from, to, i -> Math.abs(dst[i] - mean) > bound,
                        (redrawKey, i) -> StreamFills.normalDouble(redrawKey, origin, first + (i - from), dst, i, i + 1,
                                mean, std));
            }
        });
    }

    /** {@code exp} of normal values with mean {@code mean} and standard deviation {@code std}; returns {@code arr}. */
    public static INDArray logNormal(INDArray arr, PhiloxStream stream, double mean, double std) {
        return fill(arr, stream, new Generator() {
            @Override
            public void floats(long key, long origin, long first, float[] dst, int from, int to) {
                StreamFills.normal(key, origin, first, dst, from, to, (float) mean, (float) std);
                for (int i = from; i < to; i++) {
                    dst[i] = (float) Math.exp(dst[i]);
                }
            }

            @Override
            public void doubles(long key, long origin, long first, double[] dst, int from, int to) {
                StreamFills.normalDouble(key, origin, first, dst, from, to, mean, std);
                for (int i = from; i < to; i++) {
                    dst[i] = Math.exp(dst[i]);
                }
            }
        });
    }

    /** 1 with probability {@code p}, else 0 (rule in the class comment); returns {@code arr}. */
    public static INDArray bernoulli(INDArray arr, PhiloxStream stream, double p) {
        return fill(arr, stream, new Generator() {
            @Override
            public void floats(long key, long origin, long first, float[] dst, int from, int to) {
                StreamFills.uniform(key, origin, first, dst, from, to);
                for (int i = from; i < to; i++) {
                    dst[i] = dst[i] <= p ? 1f : 0f;
                }
            }

            @Override
            public void doubles(long key, long origin, long first, double[] dst, int from, int to) {
                StreamFills.uniformDouble(key, origin, first, dst, from, to);
                for (int i = from; i < to; i++) {
                    dst[i] = dst[i] <= p ? 1.0 : 0.0;
                }
            }
        });
    }

    /** Number of successes in {@code trials} Bernoulli({@code p}) draws; advances by {@code n * trials}. */
    public static INDArray binomial(INDArray arr, PhiloxStream stream, int trials, double p) {
        if (trials < 0) {
            throw new IllegalArgumentException("invalid binomial trial count " + trials + " (expected 0 or more)");
        }
        Objects.requireNonNull(arr, "arr");
        long n = arr.length();
        long origin = stream.reserve(Math.multiplyExact(n, (long) trials));
        PhiloxStream view = new PhiloxStream(stream.key(), origin);
        // element k uses values [k * trials, (k + 1) * trials) of the fill at origin
        return fill(arr, view, new Generator() {
            @Override
            public void floats(long key, long o, long first, float[] dst, int from, int to) {
                float[] u = new float[trials];
                for (int i = from; i < to; i++) {
                    StreamFills.uniform(key, origin, (first + i - from) * trials, u, 0, trials);
                    int count = 0;
                    for (float v : u) {
                        count += v <= p ? 1 : 0;
                    }
                    dst[i] = count;
                }
            }

            @Override
            public void doubles(long key, long o, long first, double[] dst, int from, int to) {
                double[] u = new double[trials];
                for (int i = from; i < to; i++) {
                    StreamFills.uniformDouble(key, origin, (first + i - from) * trials, u, 0, trials);
                    int count = 0;
                    for (double v : u) {
                        count += v <= p ? 1 : 0;
                    }
                    dst[i] = count;
                }
            }
        });
    }

    /**
     * The truncated normal's redraw rounds over {@code dst[from, to)}: round r redraws each element still
     * {@code outside} from the normal fill of {@link #redrawKey redrawKey(key, r)}, until none is outside.
     */
    private static void redrawOutside(long key, int from, int to, IntPredicate outside, Redraw redraw) {
        int[] pending = rejected(from, to, outside);
        for (int round = 1; pending.length > 0; round++) {
            long redrawKey = redrawKey(key, checkRound(round));
            int kept = 0;
            for (int i : pending) {
                redraw.draw(redrawKey, i);
                if (outside.test(i)) {
                    pending[kept++] = i;
                }
            }
            pending = Arrays.copyOf(pending, kept);
        }
    }

    private static int checkRound(int round) {
        if (round > MAX_REDRAW_ROUNDS) {
            throw new IllegalStateException("truncated normal fill still had values outside two standard deviations after "
                    + MAX_REDRAW_ROUNDS + " redraw rounds");
        }
        return round;
    }

    /** The key whose normal fill supplies redraw round {@code round} of a truncated normal fill on {@code key}. */
    static long redrawKey(long key, int round) {
        return StreamKey.of(key).child(TRUNCATED_REDRAW, round).value();
    }

    // ---------------------------------------------------------------------------------------------

    /** Computes values {@code first ..} of a fill at {@code origin} into {@code dst[from, to)}. */
    interface Generator {
        void floats(long key, long origin, long first, float[] dst, int from, int to);

        void doubles(long key, long origin, long first, double[] dst, int from, int to);
    }

    private interface IntPredicate {
        boolean test(int i);
    }

    /** Redraws element {@code i} into its place from the normal fill of {@code redrawKey}. */
    private interface Redraw {
        void draw(long redrawKey, int i);
    }

    private static int[] rejected(int from, int to, IntPredicate reject) {
        int[] out = new int[16];
        int count = 0;
        for (int i = from; i < to; i++) {
            if (reject.test(i)) {
                if (count == out.length) {
                    out = Arrays.copyOf(out, count * 2);
                }
                out[count++] = i;
            }
        }
        return Arrays.copyOf(out, count);
    }

    static INDArray fill(INDArray arr, PhiloxStream stream, Generator gen) {
        Objects.requireNonNull(arr, "arr");
        Objects.requireNonNull(stream, "stream");
        DataType type = arr.dataType();
        boolean useDouble = type == DataType.DOUBLE;
        if (!(useDouble || type == DataType.FLOAT || type == DataType.HALF || type == DataType.BFLOAT16)) {
            throw new IllegalArgumentException("cannot fill an array of data type " + type
                    + " (expected FLOAT, DOUBLE, HALF or BFLOAT16)");
        }
        long n = arr.length();
        long origin = stream.reserve(n);
        if (n == 0) {
            return arr;
        }
        long key = stream.key();
        boolean direct = (type == DataType.FLOAT || useDouble) && isCContiguous(arr);
        INDArray target = direct ? arr : Nd4j.createUninitialized(useDouble ? DataType.DOUBLE : DataType.FLOAT,
                new long[] {n}, 'c');
        AffinityManager affinity = Nd4j.getAffinityManager();
        affinity.ensureLocation(target, AffinityManager.Location.HOST);
        // data() of a view is itself a buffer view whose address pointer already starts at data().offset()
        Pointer base = target.data().addressPointer();
        long at = target.offset() - target.data().offset();
        int chunk = (int) Math.min(CHUNK, n);
        float[] fbuf = useDouble ? null : new float[chunk];
        double[] dbuf = useDouble ? new double[chunk] : null;
        for (long c = 0; c < n; c += chunk) {
            int len = (int) Math.min(chunk, n - c);
            long chunkFirst = c;
            // ParallelFill splits [0, len) among threads; its own stream only supplies the origin.
            PARALLEL.run(new PhiloxStream(key, origin), 0, len, (o, j, a, b) -> {
                if (useDouble) {
                    gen.doubles(key, origin, chunkFirst + j, dbuf, a, b);
                } else {
                    gen.floats(key, origin, chunkFirst + j, fbuf, a, b);
                }
            });
            if (useDouble) {
                new DoublePointer(base).position(at + c).put(dbuf, 0, len);
            } else {
                new FloatPointer(base).position(at + c).put(fbuf, 0, len);
            }
        }
        affinity.tagLocation(target, AffinityManager.Location.HOST);
        if (!direct) {
            INDArray values = target.reshape('c', arr.shape());
            arr.assign(values.dataType() == type ? values : values.castTo(type));
        }
        return arr;
    }

    /** Whether logical c-order element {@code k} sits at buffer element {@code offset + k}. */
    static boolean isCContiguous(INDArray arr) {
        long[] shape = arr.shape();
        long[] stride = arr.stride();
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }
}
