package dev.seedbank.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.seedbank.internal.ExampleRows.Row;
import dev.seedbank.internal.ExampleRows.SourceBatch;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Gathered rows hold exactly what DataSet.merge of the same examples holds, for every array rank and type. */
class ExampleRowsTest {
    /** Distinct values 0, 1, 2, ... plus {@code start}, in the given shape and type. */
    private static INDArray ramp(DataType type, double start, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return Nd4j.arange(start, start + n).reshape(shape).castTo(type);
    }

    /** Three source batches of the given per-example shape (time length {@code t[b]} for batch b when masked). */
    private static List<DataSet> batches(DataType type, boolean masks, long[] timeLengths, long... example) {
        List<DataSet> out = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            long n = 2 + b;
            long[] shape = new long[example.length + 1];
            shape[0] = n;
            System.arraycopy(example, 0, shape, 1, example.length);
            if (timeLengths != null) {
                shape[shape.length - 1] = timeLengths[b];
            }
            DataSet d = new DataSet(ramp(type, 1000 * b, shape), ramp(type, -1000 * b, n, 3));
            if (masks) {
                long t = shape[shape.length - 1];
                d.setFeaturesMaskArray(ramp(type, 7 * b, n, t));
            }
            out.add(d);
        }
        return out;
    }

    /** An order that mixes the batches: last row of the last batch first, and so on. */
    private static List<Row> mixed(List<SourceBatch> sources) {
        List<Row> all = new ArrayList<>();
        sources.forEach(s -> all.addAll(s.rows()));
        List<Row> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(all.get((i * 5 + 3) % all.size()));
        }
        return order;
    }

    private static void assertSameArray(INDArray expected, INDArray actual) {
        if (expected == null) {
            assertNull(actual);
            return;
        }
        assertArrayEquals(expected.shape(), actual.shape());
        assertEquals(expected.dataType(), actual.dataType());
        assertArrayEquals(expected.dup('c').data().asDouble(), actual.dup('c').data().asDouble());
    }

    private static void assertGatherIsMerge(List<DataSet> batches) {
        assertGatherIsMerge(batches, true);
    }

    private static void assertGatherIsMerge(List<DataSet> batches, boolean copied) {
        List<SourceBatch> sources = new ArrayList<>();
        List<List<DataSet>> examples = new ArrayList<>();
        for (DataSet d : batches) {
            sources.add(new SourceBatch(d));
            examples.add(d.asList());
        }
        List<Row> order = mixed(sources);
        List<DataSet> expectedExamples = new ArrayList<>();
        for (Row r : order) {
            expectedExamples.add(examples.get(sources.indexOf(r.batch())).get(r.index()));
        }
        assertEquals(copied, ExampleRows.copyable(order), "rows copied (not merged)");
        DataSet expected = DataSet.merge(expectedExamples);
        DataSet actual = ExampleRows.gather(order);
        assertSameArray(expected.getFeatures(), actual.getFeatures());
        assertSameArray(expected.getLabels(), actual.getLabels());
        assertSameArray(expected.getFeaturesMaskArray(), actual.getFeaturesMaskArray());
        assertSameArray(expected.getLabelsMaskArray(), actual.getLabelsMaskArray());
    }

    @Test
    void vectorsMatrixRowsAndImagesInFloatAndDouble() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            assertGatherIsMerge(batches(type, false, null, 5));
            assertGatherIsMerge(batches(type, false, null, 1, 8, 8));
            assertGatherIsMerge(batches(type, false, null, 3, 4, 5));
        }
    }

    @Test
    void timeSeriesWithMasksOfOneLengthAndOfDifferentLengths() {
        assertGatherIsMerge(batches(DataType.FLOAT, true, null, 2, 6));
        assertGatherIsMerge(batches(DataType.FLOAT, true, new long[] {4, 6, 5}, 2, 0), false); // padded
    }

    @Test
    void sourceViewsAndFortranOrderedArraysAreReadAsTheirValues() {
        DataSet whole = new DataSet(ramp(DataType.FLOAT, 0, 9, 1, 4, 4), ramp(DataType.FLOAT, 0, 9, 3));
        List<DataSet> views = new ArrayList<>();
        views.add(new DataSet(whole.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4)),
                whole.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4))));
        views.add(new DataSet(whole.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 9)).dup('f'),
                whole.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 9)).dup('f')));
        assertGatherIsMerge(views);
    }

    @Test
    void metadataTravelsWithItsRow() {
        List<DataSet> batches = batches(DataType.FLOAT, false, null, 5);
        List<SourceBatch> sources = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            List<Serializable> meta = new ArrayList<>();
            for (int i = 0; i < batches.get(b).numExamples(); i++) {
                meta.add("b" + b + "r" + i);
            }
            batches.get(b).setExampleMetaData(meta);
            sources.add(new SourceBatch(batches.get(b)));
        }
        List<Row> order = mixed(sources);
        List<Serializable> expected = new ArrayList<>();
        order.forEach(r -> expected.add("b" + sources.indexOf(r.batch()) + "r" + r.index()));
        assertEquals(expected, ExampleRows.gather(order).getExampleMetaData());
    }

    /** Rows outlive the DataSet they came from; gathering under garbage collection reads live memory only. */
    @Test
    void rowsKeepTheirSourceMemoryAliveAcrossGarbageCollections() {
        List<Row> kept = new ArrayList<>();
        for (int b = 0; b < 50; b++) {
            kept.addAll(new SourceBatch(new DataSet(ramp(DataType.FLOAT, 100_000 * b, 16, 1, 28, 28),
                    ramp(DataType.FLOAT, b, 16, 10))).rows());
            if (b % 10 == 9) {
                System.gc();
            }
        }
        for (int start = 0; start + 32 <= kept.size(); start += 32) {
            DataSet out = ExampleRows.gather(kept.subList(start, start + 32));
            for (int i = 0; i < 32; i++) {
                Row r = kept.get(start + i);
                long b = kept.indexOf(r) / 16;
                assertEquals(100_000 * b + r.index() * 784L, out.getFeatures().getDouble(i, 0, 0, 0), "row " + i);
            }
        }
    }
}
