package dev.seedbank.nd4j.training;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamPath;
import dev.seedbank.rng.stream.PhiloxStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Permutations and DataSet shuffles drawn from Seedbank streams, instead of {@code DataSet.shuffle()} (clock)
 * or {@code shuffle(seed)} ({@code java.util.Random}, whose use ND4J may change).
 *
 * <p>The permutation of {@code n} items is Fisher-Yates, specified here so that it never depends on a JDK
 * or library version: start from the identity {@code 0..n-1}; for {@code i = n-1} down to {@code 1}, draw
 * {@code j = bounded(i + 1)} and swap items {@code i} and {@code j}. {@code bounded(b)} is Lemire's
 * multiply-and-reject method on 32-bit words: {@code m = u * b} (u the next word, unsigned, 64-bit
 * product); while {@code low32(m) < (2^32 - b) mod b}, draw again; the result is {@code m >>> 32}. Each draw
 * consumes one word (and more, rarely, on rejection).
 *
 * <p>The epoch stream is {@code data/shuffle/epoch=E}. Stateless; thread-safe.
 */
public final class DeterministicShuffle {
    /** The stream path prefix of epoch shuffles. */
    public static final StreamPath SHUFFLE = StreamPath.parse("data/shuffle");

    private DeterministicShuffle() {
    }

    /** The stream of epoch {@code epoch}'s shuffle: {@code data/shuffle/epoch=E}. */
    public static PhiloxStream epochStream(SeedRegistry registry, long epoch) {
        return registry.stream(SHUFFLE.child("epoch", epoch));
    }

    /** A uniform integer in {@code [0, bound)} from {@code stream} (see the class comment). */
    public static int bounded(PhiloxStream stream, int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long m = (stream.nextInt() & 0xFFFF_FFFFL) * bound;
        long low = m & 0xFFFF_FFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (stream.nextInt() & 0xFFFF_FFFFL) * bound;
                low = m & 0xFFFF_FFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** A permutation of {@code 0..n-1}: {@code result[k]} is the item placed at position {@code k}. */
    public static int[] permutation(int n, PhiloxStream stream) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot permute a negative number of items: " + n);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = bounded(stream, i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * Reorders the examples of {@code data} (features, labels and their masks, along dimension 0) by
     * {@link #permutation} of its example count, replacing its arrays.
     *
     * @return the permutation applied: example {@code k} of the result was example {@code order[k]}
     */
    public static int[] shuffle(DataSet data, PhiloxStream stream) {
        int n = data.numExamples();
        int[] order = permutation(n, stream);
        data.setFeatures(take(data.getFeatures(), order));
        data.setLabels(take(data.getLabels(), order));
        data.setFeaturesMaskArray(take(data.getFeaturesMaskArray(), order));
        data.setLabelsMaskArray(take(data.getLabelsMaskArray(), order));
        return order;
    }

    /** {@link #shuffle(DataSet, PhiloxStream)} with epoch {@code epoch}'s stream. */
    public static int[] shuffle(DataSet data, SeedRegistry registry, long epoch) {
        return shuffle(data, epochStream(registry, epoch));
    }

    /** The rows {@code order} of {@code array} along dimension 0, in that order (null stays null). */
    static INDArray take(INDArray array, int[] order) {
        if (array == null) {
            return null;
        }
        if (array.rank() == 2) {
            return Nd4j.pullRows(array, 1, order);
        }
        INDArray out = array.ulike();
        for (int k = 0; k < order.length; k++) {
            out.slice(k).assign(array.slice(order[k]));
        }
        return out;
    }
}
