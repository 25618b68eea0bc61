package dev.seedbank.nd4j.fill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.stream.PhiloxStream;
import dev.seedbank.rng.stream.StreamFills;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ArrayFillsTest {
    private static final long KEY = 0x5EEDBA4C0FFEEL;

    /** Logical c-order values of any array, read element by element. */
    private static float[] logicalFloats(INDArray arr) {
        INDArray c = arr.dup('c');
        float[] out = new float[(int) arr.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.getFloat((long) i);
        }
        return out;
    }

    private static double[] logicalDoubles(INDArray arr) {
        INDArray c = arr.dup('c');
        double[] out = new double[(int) arr.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.getDouble((long) i);
        }
        return out;
    }

    private static float[] expectedUniform(long key, long origin, int n, float min, float max) {
        float[] u = new float[n];
        StreamFills.uniform(key, origin, 0, u, 0, n);
        float range = (float) ((double) max - min);
        for (int i = 0; i < n; i++) {
            u[i] = min + range * u[i];
        }
        return u;
    }

    @Test
    void uniformFloatElementKIsStreamElementKAndAdvancesLikeTheStreamFill() {
        INDArray arr = Nd4j.create(DataType.FLOAT, 3, 5, 7);
        PhiloxStream s = new PhiloxStream(KEY, 13);
        ArrayFills.uniform(arr, s, -0.5, 2.0);
        assertArrayEquals(expectedUniform(KEY, 13, 105, -0.5f, 2.0f), logicalFloats(arr));
        PhiloxStream reference = new PhiloxStream(KEY, 13);
        reference.fillUniform(new float[105], 0, 105);
        assertEquals(reference.position(), s.position());
    }

    @Test
    void normalFloatAndDoubleMatchTheStreamFills() {
        INDArray f = Nd4j.create(DataType.FLOAT, 4, 9);
        PhiloxStream sf = new PhiloxStream(KEY, 3);
        ArrayFills.normal(f, sf, 1.5, 0.25);
        float[] ef = new float[36];
        new PhiloxStream(KEY, 3).fillNormal(ef, 0, 36, 1.5f, 0.25f);
        assertArrayEquals(ef, logicalFloats(f));
        assertEquals(3 + 36, sf.position());

        INDArray d = Nd4j.create(DataType.DOUBLE, 6, 7);
        PhiloxStream sd = new PhiloxStream(KEY, 5);
        ArrayFills.normal(d, sd, -1, 3);
        double[] ed = new double[42];
        new PhiloxStream(KEY, 5).fillNormalDouble(ed, 0, 42, -1, 3);
        assertArrayEquals(ed, logicalDoubles(d));
        assertEquals(5 + 42, sd.position());
    }

    @Test
    void uniformDoubleMatchesTheStreamFill() {
        INDArray d = Nd4j.create(DataType.DOUBLE, 11, 3);
        ArrayFills.uniform(d, new PhiloxStream(KEY, 6), 2, 4);
        double[] e = new double[33];
        StreamFills.uniformDouble(KEY, 6, 0, e, 0, 33);
        for (int i = 0; i < 33; i++) {
            e[i] = 2 + 2 * e[i];
        }
        assertArrayEquals(e, logicalDoubles(d));
    }

    @Test
    void largeFillsSpanningChunksAndThreadsEqualTheSequentialStreamFill() {
        int n = ArrayFills.CHUNK * 2 + 12345;
        INDArray arr = Nd4j.create(DataType.FLOAT, n);
        PhiloxStream s = new PhiloxStream(KEY, 7);
        ArrayFills.normal(arr, s, 0, 1);
        float[] expected = new float[n];
        StreamFills.normal(KEY, 7, 0, expected, 0, n, 0f, 1f);
        assertArrayEquals(expected, arr.data().asFloat());
        assertEquals(7 + n, s.position());
    }

    @Test
    void cAndFOrderArraysHoldTheSameLogicalValues() {
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {4, 6, 5}, 'c');
        INDArray f = Nd4j.create(DataType.FLOAT, new long[] {4, 6, 5}, 'f');
        ArrayFills.uniform(c, new PhiloxStream(KEY), 0, 1);
        ArrayFills.uniform(f, new PhiloxStream(KEY), 0, 1);
        assertArrayEquals(logicalFloats(c), logicalFloats(f));
        assertEquals(c.getFloat(1, 2, 3), f.getFloat(1, 2, 3));
        // the memory layouts differ, so the equality above is about logical order
        assertFalse(java.util.Arrays.equals(c.data().asFloat(), f.data().asFloat()));
        assertArrayEquals(expectedUniform(KEY, 0, 120, 0, 1), logicalFloats(f));
    }

    @Test
    void viewOfAFlatParameterVectorEqualsAStandaloneFill() {
        INDArray params = Nd4j.create(DataType.FLOAT, 1, 100);
        INDArray view = params.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(20, 70));
        PhiloxStream s = new PhiloxStream(KEY, 40);
        ArrayFills.normal(view, s, 0, 2);
        INDArray standalone = Nd4j.create(DataType.FLOAT, 50);
        ArrayFills.normal(standalone, new PhiloxStream(KEY, 40), 0, 2);
        assertArrayEquals(logicalFloats(standalone), logicalFloats(view));
        float[] all = params.data().asFloat();
        for (int i = 0; i < 100; i++) {
            if (i < 20 || i >= 70) {
                assertEquals(0f, all[i], "element " + i + " outside the view was written");
            } else {
                assertEquals(standalone.getFloat((long) (i - 20)), all[i]);
            }
        }
        assertEquals(90, s.position());
    }

    @Test
    void nonContiguousViewsAndReshapedViewsEqualStandaloneFills() {
        INDArray m = Nd4j.create(DataType.DOUBLE, 10, 10);
        INDArray columns = m.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5));
        ArrayFills.uniform(columns, new PhiloxStream(KEY, 1), -1, 1);
        INDArray standalone = Nd4j.create(DataType.DOUBLE, 10, 3);
        ArrayFills.uniform(standalone, new PhiloxStream(KEY, 1), -1, 1);
        assertArrayEquals(logicalDoubles(standalone), logicalDoubles(columns));
        assertEquals(0.0, m.getDouble(0, 0));
        assertEquals(0.0, m.getDouble(9, 9));

        INDArray params = Nd4j.create(DataType.FLOAT, 1, 80);
        INDArray fView = params.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(10, 60)).reshape('f', 5, 10);
        ArrayFills.uniform(fView, new PhiloxStream(KEY, 2), 0, 1);
        assertArrayEquals(expectedUniform(KEY, 2, 50, 0, 1), logicalFloats(fView));
        assertEquals(0f, params.getFloat(0, 9));
        assertEquals(0f, params.getFloat(0, 60));
    }

    @Test
    void halfArraysHoldTheFloatValuesRounded() {
        INDArray h = Nd4j.create(DataType.HALF, 8, 8);
        PhiloxStream s = new PhiloxStream(KEY, 9);
        ArrayFills.normal(h, s, 0, 1);
        INDArray f = Nd4j.create(DataType.FLOAT, 8, 8);
        ArrayFills.normal(f, new PhiloxStream(KEY, 9), 0, 1);
        assertArrayEquals(logicalFloats(f.castTo(DataType.HALF)), logicalFloats(h));
        assertEquals(9 + 64, s.position());
        assertNotEquals(0f, h.getFloat(3, 3));
    }

    @Test
    void truncatedNormalFollowsTheDocumentedRedrawRule() {
        int n = 20_000;
        float mean = 0.5f;
        float std = 0.1f;
        INDArray arr = Nd4j.create(DataType.FLOAT, n);
        PhiloxStream s = new PhiloxStream(KEY, 4);
        ArrayFills.truncatedNormal(arr, s, mean, std);
        assertEquals(4 + n, s.position());

        float[] expected = new float[n];
        StreamFills.normal(KEY, 4, 0, expected, 0, n, mean, std);
        int redrawn = 0;
        float[] one = new float[1];
        for (int k = 0; k < n; k++) {
            int round = 0;
            while (Math.abs(expected[k] - mean) > 2 * std) {
                round++;
                StreamFills.normal(ArrayFills.redrawKey(KEY, round), 4, k, one, 0, 1, mean, std);
                expected[k] = one[0];
            }
            redrawn += round > 0 ? 1 : 0;
        }
        assertTrue(redrawn > n / 40, "expected about 4.6% redraws, got " + redrawn);
        float[] actual = arr.data().asFloat();
        assertArrayEquals(expected, actual);
        for (float v : actual) {
            assertTrue(Math.abs(v - mean) <= 2 * std);
        }
    }

    @Test
    void truncatedNormalDoubleStaysWithinTwoStandardDeviations() {
        INDArray arr = Nd4j.create(DataType.DOUBLE, 5000);
        ArrayFills.truncatedNormal(arr, new PhiloxStream(KEY), 0, 2);
        INDArray again = Nd4j.create(DataType.DOUBLE, 5000);
        ArrayFills.truncatedNormal(again, new PhiloxStream(KEY), 0, 2);
        assertEquals(arr, again);
        assertTrue(arr.amaxNumber().doubleValue() <= 4.0);
        assertTrue(arr.amaxNumber().doubleValue() > 3.5);
    }

    @Test
    void bernoulliAndBinomial() {
        INDArray b = Nd4j.create(DataType.FLOAT, 1000);
        PhiloxStream s = new PhiloxStream(KEY);
        ArrayFills.bernoulli(b, s, 0.3);
        float[] u = new float[1000];
        StreamFills.uniform(KEY, 0, 0, u, 0, 1000);
        float[] values = b.data().asFloat();
        for (int i = 0; i < 1000; i++) {
            assertEquals(u[i] <= 0.3 ? 1f : 0f, values[i]);
        }
        assertEquals(1000, s.position());

        INDArray bin = Nd4j.create(DataType.DOUBLE, 100);
        PhiloxStream t = new PhiloxStream(KEY, 8);
        ArrayFills.binomial(bin, t, 5, 0.5);
        assertEquals(8 + 500, t.position());
        double[] ud = new double[500];
        StreamFills.uniformDouble(KEY, 8, 0, ud, 0, 500);
        for (int k = 0; k < 100; k++) {
            int count = 0;
            for (int j = 0; j < 5; j++) {
                count += ud[k * 5 + j] <= 0.5 ? 1 : 0;
            }
            assertEquals(count, bin.getDouble((long) k));
        }
    }

    @Test
    void integerArraysAreRejected() {
        INDArray ints = Nd4j.create(DataType.INT, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArrayFills.uniform(ints, new PhiloxStream(KEY), 0, 1));
        assertTrue(e.getMessage().contains("INT"), e.getMessage());
    }
}
