package dev.seedbank.internal;

import java.io.Serializable;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Examples kept by reference (a source batch and a row) and gathered into batches by copying rows, so a shuffle
 * buffer costs no per-example {@code DataSet} and no {@code DataSet.merge} (which together added 7-24% to
 * {@code fit()} of the examples, docs/benchmarks.md).
 *
 * <p>A source batch's arrays are kept C-ordered and contiguous, so an example is one run of bytes in each array; on
 * the CPU backend the arrays are host memory and a row is copied byte for byte. Where that is not possible (another
 * backend, or rows whose per-example shapes, types or masks differ between source batches, such as time series of
 * different lengths), the rows are merged by {@code DataSet.merge}, which pads as DL4J does. Either way every value
 * is the source's value, unchanged. Per-example metadata is carried when every row has it.
 *
 * <p>Not thread-safe: a batch and its rows belong to one iterator.
 */
final class ExampleRows {
    private static final int KINDS = 4; // features, labels, features mask, labels mask

    private ExampleRows() {}

    /** Row {@code index} of a source batch. */
    record Row(SourceBatch batch, int index) {}

    /** One batch read from the source, its arrays C-ordered and contiguous. */
    static final class SourceBatch {
        private final INDArray[] arrays = new INDArray[KINDS];
        private final ByteBuffer[] bytes = new ByteBuffer[KINDS];
        private final List<Serializable> metaData;
        private final int size;
        private List<DataSet> examples;

        SourceBatch(DataSet batch) {
            INDArray[] source = {batch.getFeatures(), batch.getLabels(), batch.getFeaturesMaskArray(),
                    batch.getLabelsMaskArray()};
            size = batch.numExamples();
            boolean hostMemory = Nd4j.getEnvironment().isCPU();
            for (int k = 0; k < KINDS; k++) {
                INDArray a = source[k];
                if (a != null && (a.isView() || a.ordering() != 'c')) {
                    a = a.dup('c');
                }
                arrays[k] = a;
                bytes[k] = hostMemory && a != null ? rowAddressable(a, size) : null;
            }
            List<Serializable> meta = batch.getExampleMetaData();
            metaData = meta != null && meta.size() == size ? meta : null;
        }

        List<Row> rows() {
            List<Row> rows = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                rows.add(new Row(this, i));
            }
            return rows;
        }

        private DataSet example(int i) {
            if (examples == null) {
                examples = new DataSet(arrays[0], arrays[1], arrays[2], arrays[3]).asList();
            }
            return examples.get(i);
        }
    }

    /** The array's bytes, or null when they are not one run of {@code size} equal rows the JVM can address. */
    private static ByteBuffer rowAddressable(INDArray a, int size) {
        long bytes = a.length() * a.dataType().width();
        if (a.rank() == 0 || a.size(0) != size || bytes > Integer.MAX_VALUE) {
            return null;
        }
        ByteBuffer b = a.data().asNio();
        return b != null && b.capacity() == bytes ? b : null;
    }

    /** The rows as one batch, in the given order. */
    static DataSet gather(List<Row> rows) {
        if (!copyable(rows)) {
            List<DataSet> examples = new ArrayList<>(rows.size());
            for (Row r : rows) {
                examples.add(r.batch.example(r.index));
            }
            return examples.size() == 1 ? examples.get(0) : DataSet.merge(examples);
        }
        INDArray[] out = new INDArray[KINDS];
        for (int k = 0; k < KINDS; k++) {
            out[k] = copyRows(rows, k);
        }
        DataSet batch = new DataSet(out[0], out[1], out[2], out[3]);
        if (rows.stream().allMatch(r -> r.batch.metaData != null)) {
            List<Serializable> meta = new ArrayList<>(rows.size());
            rows.forEach(r -> meta.add(r.batch.metaData.get(r.index)));
            batch.setExampleMetaData(meta);
        }
        return batch;
    }

    /** Whether every array kind is absent from all rows' batches, or present in all with one type and row shape. */
    static boolean copyable(List<Row> rows) {
        SourceBatch first = rows.get(0).batch;
        for (INDArray f : first.arrays) {
            if (f != null && (long) rows.size() * rowBytes(f) > Integer.MAX_VALUE) {
                return false;
            }
        }
        for (Row r : rows) {
            for (int k = 0; k < KINDS; k++) {
                INDArray a = r.batch.arrays[k];
                INDArray f = first.arrays[k];
                if ((a == null) != (f == null)) {
                    return false;
                }
                if (a != null && (r.batch.bytes[k] == null || a.dataType() != f.dataType()
                        || !Arrays.equals(a.shape(), 1, a.rank(), f.shape(), 1, f.rank()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static INDArray copyRows(List<Row> rows, int kind) {
        INDArray like = rows.get(0).batch.arrays[kind];
        if (like == null) {
            return null;
        }
        long[] shape = like.shape().clone();
        shape[0] = rows.size();
        INDArray out = Nd4j.createUninitialized(like.dataType(), shape, 'c');
        ByteBuffer target = out.data().asNio();
        int rowBytes = (int) rowBytes(like);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            target.put(i * rowBytes, r.batch.bytes[kind], r.index * rowBytes, rowBytes);
        }
        Reference.reachabilityFence(rows); // the source arrays own the memory the byte buffers read
        return out;
    }

    private static long rowBytes(INDArray a) {
        return a.length() / a.size(0) * a.dataType().width();
    }
}
