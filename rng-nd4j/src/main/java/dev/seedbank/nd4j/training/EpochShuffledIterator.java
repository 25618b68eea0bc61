package dev.seedbank.nd4j.training;

import dev.seedbank.nd4j.control.Nd4jBinding;
import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamPath;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.LongSupplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * An in-memory {@link DataSetIterator} whose example order in epoch {@code E} is
 * {@link DeterministicShuffle#permutation} drawn from stream {@code data/shuffle/epoch=E}: the order depends
 * on the root seed and the epoch only, so a resumed run sees exactly the batches an uninterrupted one does.
 *
 * <p>The epoch comes from an epoch source read when a pass starts (the first {@code hasNext}/{@code next}
 * after construction or {@link #reset()}); {@link #forModel} reads the model's epoch counter, which DL4J
 * increments after each epoch of {@code fit(iterator)} and which ModelSerializer saves. An epoch source that
 * returns a negative number (no network trained yet) makes the epoch the number of passes started before.
 *
 * <p>Deterministic prefetch: DL4J's {@code fit} wraps iterators with {@code asyncSupported()} in an
 * {@code AsyncDataSetIterator}, whose prefetch thread calls {@code next()}. Whatever thread runs it,
 * {@code next()} assembles batch {@code b} of epoch {@code E} and applies the pre-processor with that
 * thread's ND4J generator bound ({@link Nd4jBinding}) to stream {@code data/batch/epoch=E/batch=b}, and
 * restores the generator afterwards. Random pre-processing therefore depends on (E, b) only, not on the
 * prefetch thread's generator. Pass {@code async = false} to keep everything on the training thread.
 *
 * <p>Not thread-safe (one consumer, as with any iterator).
 */
public final class EpochShuffledIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;
    /** The stream path prefix of per-batch pre-processing. */
    public static final StreamPath BATCH = StreamPath.parse("data/batch");

    private final DataSet data;
    private final int batchSize;
    private final transient SeedRegistry registry;
    private final transient LongSupplier epochSource;
    private final boolean async;
    private DataSetPreProcessor preProcessor;

    private int[] order;
    private long epoch = -1;
    private long passes;
    private int cursor;
    private long batchIndex;

    /**
     * @param data all examples (not copied; not modified)
     * @param batchSize examples per batch (the last batch of an epoch may be smaller)
     * @param registry the run's registry
     * @param epochSource the current epoch, read at the start of each pass (negative: count passes instead)
     * @param async whether DL4J may prefetch on another thread ({@link #asyncSupported()})
     */
    public EpochShuffledIterator(DataSet data, int batchSize, SeedRegistry registry, LongSupplier epochSource, boolean async) {
        if (data == null || registry == null || epochSource == null) {
            throw new IllegalArgumentException("EpochShuffledIterator needs data, a registry and an epoch source");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.registry = registry;
        this.epochSource = epochSource;
        this.async = async;
    }

    /** An iterator whose epoch is {@code model}'s epoch counter (MultiLayerNetwork or ComputationGraph). */
    public static EpochShuffledIterator forModel(DataSet data, int batchSize, SeedRegistry registry, Model model) {
        return new EpochShuffledIterator(data, batchSize, registry, () -> BaseOptimizer.getEpochCount(model), true);
    }

    /** The epoch of the current pass, or -1 before the first pass. */
    public long epoch() {
        return epoch;
    }

    /** The example order of the current pass (a copy), starting the pass if needed. */
    public int[] order() {
        startPass();
        return order.clone();
    }

    private void startPass() {
        if (order == null) {
            long e = epochSource.getAsLong();
            epoch = e >= 0 ? e : passes;
            passes++;
            order = DeterministicShuffle.permutation(data.numExamples(), DeterministicShuffle.epochStream(registry, epoch));
            cursor = 0;
            batchIndex = 0;
        }
    }

    @Override
    public boolean hasNext() {
        startPass();
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        startPass();
        if (cursor >= order.length) {
            throw new NoSuchElementException("epoch " + epoch + " has no more batches; call reset()");
        }
        int end = Math.min(order.length, cursor + num);
        int[] rows = Arrays.copyOfRange(order, cursor, end);
        cursor = end;
        long b = batchIndex++;
        try (Nd4jBinding ignored = Nd4jBinding.bind(registry.stream(BATCH.child("epoch", epoch).child("batch", b)))) {
            DataSet batch = new DataSet(DeterministicShuffle.take(data.getFeatures(), rows),
                    DeterministicShuffle.take(data.getLabels(), rows),
                    DeterministicShuffle.take(data.getFeaturesMaskArray(), rows),
                    DeterministicShuffle.take(data.getLabelsMaskArray(), rows));
            if (preProcessor != null) {
                preProcessor.preProcess(batch);
            }
            return batch;
        }
    }

    @Override
    public int inputColumns() {
        return (int) data.getFeatures().size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) data.getLabels().size(1);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return async;
    }

    /** Ends the current pass; the next pass reads the epoch source again. */
    @Override
    public void reset() {
        order = null;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return data.getLabelNamesList();
    }
}
