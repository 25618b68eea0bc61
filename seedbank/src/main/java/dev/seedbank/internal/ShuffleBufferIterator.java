package dev.seedbank.internal;

import dev.seedbank.nd4j.control.Nd4jBinding;
import dev.seedbank.nd4j.training.DeterministicShuffle;
import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamPath;
import dev.seedbank.rng.stream.PhiloxStream;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.LongSupplier;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Any DataSetIterator, its examples in a seeded order: a shuffle buffer of {@code capacity} examples, filled from
 * the source in the source's order; each output example is drawn uniformly from the buffer
 * ({@link DeterministicShuffle#bounded}, stream {@code data/shuffle/epoch=E}) and its place refilled from the
 * source. When the whole pass fits in the buffer, the order is a uniform permutation of the pass; otherwise an
 * example leaves the buffer at a seeded random point after it entered. The order depends on the root seed, the
 * epoch, the source's order and batch sizes, and {@code capacity} only.
 *
 * <p>The epoch {@code E} is the trained network's epoch counter when a pass starts (the first {@code hasNext} or
 * {@code next} after construction or {@code reset}), or, with no network, the number of passes completed. A pass
 * that starts at an epoch whose pass has already been completed (a {@code MultipleEpochsIterator} around this
 * iterator) uses {@code data/shuffle/epoch=E/pass=k}. The source's reads are made with the thread's ND4J generator
 * bound to {@code data/source/epoch=E/read=r}, this iterator's pre-processor to {@code data/batch/epoch=E/batch=b}
 * (restored afterwards), so random pre-processing depends on the position only.
 *
 * <p>Prefetching on DL4J's background thread is off ({@code asyncSupported() == false}): the epoch is read on the
 * training thread, after DL4J's trainers have set it. Not thread-safe (one consumer, as any iterator).
 */
public final class ShuffleBufferIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;
    public static final int DEFAULT_CAPACITY = 65536;
    static final StreamPath SOURCE = StreamPath.parse("data/source");
    static final StreamPath BATCH = StreamPath.parse("data/batch");

    private final DataSetIterator source;
    private final int capacity;
    private final transient SeedRegistry registry;
    private final transient LongSupplier epochSource;
    private final int batchSize;
    private DataSetPreProcessor preProcessor;

    private final transient List<ExampleRows.Row> buffer = new ArrayList<>();
    private transient PhiloxStream stream;
    private boolean started;
    private boolean sourceUsed;
    private boolean exhausted;
    private long epoch;
    private long completedEpoch = -1;
    private long passInEpoch;
    private long passesCompleted;
    private long reads;
    private long batches;

    /**
     * @param source the examples, read in order (reset at each pass after the first)
     * @param capacity the buffer size in examples
     * @param registry the run's registry
     * @param epochSource the trained network's epoch counter, or a negative number when there is none
     */
    public ShuffleBufferIterator(DataSetIterator source, int capacity, SeedRegistry registry, LongSupplier epochSource) {
        if (capacity < 1) {
            throw new IllegalArgumentException("shuffle buffer must hold at least 1 example, got " + capacity);
        }
        this.source = source;
        this.capacity = capacity;
        this.registry = registry;
        this.epochSource = epochSource;
        this.batchSize = source.batch();
    }

    /** The epoch of the current pass, or -1 before the first. */
    public long epoch() {
        return started || sourceUsed ? epoch : -1;
    }

    private void startPass() {
        if (started) {
            return;
        }
        long e = epochSource.getAsLong();
        epoch = e >= 0 ? e : passesCompleted;
        passInEpoch = epoch == completedEpoch ? passInEpoch + 1 : 0;
        StreamPath path = DeterministicShuffle.SHUFFLE.child("epoch", epoch);
        stream = registry.stream(passInEpoch == 0 ? path : path.child("pass", passInEpoch));
        if (sourceUsed) {
            if (!source.resetSupported()) {
                throw new IllegalStateException("cannot start epoch " + epoch + ": the source iterator "
                        + source.getClass().getName() + " cannot be reset (resetSupported() is false); give"
                        + " sb.shuffled(...) an iterator that can be reset, or train one epoch per iterator");
            }
            source.reset();
        }
        sourceUsed = true;
        started = true;
        exhausted = false;
        buffer.clear();
        reads = 0;
        batches = 0;
        fill();
    }

    private void fill() {
        while (buffer.size() < capacity && source.hasNext()) {
            try (Nd4jBinding ignored = Nd4jBinding.bind(registry.stream(SOURCE.child("epoch", epoch).child("read", reads++)))) {
                buffer.addAll(new ExampleRows.SourceBatch((DataSet) source.next()).rows());
            }
        }
    }

    @Override
    public boolean hasNext() {
        startPass();
        if (buffer.isEmpty() && !exhausted) {
            exhausted = true;
            completedEpoch = epoch;
            passesCompleted++;
        }
        return !buffer.isEmpty();
    }

    @Override
    public DataSet next() {
        return next(batchSize > 0 ? batchSize : 1);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no more examples; call reset()");
        }
        List<ExampleRows.Row> picked = new ArrayList<>(num);
        while (picked.size() < num && !buffer.isEmpty()) {
            int j = DeterministicShuffle.bounded(stream, buffer.size());
            int last = buffer.size() - 1;
            picked.add(buffer.get(j));
            buffer.set(j, buffer.get(last));
            buffer.remove(last);
            fill();
        }
        DataSet out = ExampleRows.gather(picked);
        if (preProcessor != null) {
            try (Nd4jBinding ignored = Nd4jBinding.bind(registry.stream(BATCH.child("epoch", epoch).child("batch", batches)))) {
                preProcessor.preProcess(out);
            }
        }
        batches++;
        return out;
    }

    /** Ends the current pass; the next pass reads the epoch again and resets the source. */
    @Override
    public void reset() {
        started = false;
    }

    @Override
    public boolean resetSupported() {
        return source.resetSupported();
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int inputColumns() {
        return source.inputColumns();
    }

    @Override
    public int totalOutcomes() {
        return source.totalOutcomes();
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
        return source.getLabels();
    }
}
