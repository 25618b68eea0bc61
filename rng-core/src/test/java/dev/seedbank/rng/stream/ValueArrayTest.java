package dev.seedbank.rng.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Each format's fill, width and forms, reached through one {@link ValueArray} call. */
class ValueArrayTest {
    private static final long KEY = 0x5EED_0000_1234_5678L;
    private static final long POSITION = 13;
    private static final int N = 37;

    /** The stream's own fill method of {@code format}, bits zero-extended: the reference for {@link ValueArray#fill}. */
    private static long[] streamFillBits(Format format, PhiloxStream s, double mean, double stddev) {
        long[] bits = new long[N];
        if (format == Format.U32) {
            int[] a = new int[N];
            s.fillWords(a, 0, N);
            for (int i = 0; i < N; i++) {
                bits[i] = a[i] & 0xFFFFFFFFL;
            }
        } else if (format.bytes() == Float.BYTES) {
            float[] a = new float[N];
            if (format.isNormal()) {
                s.fillNormal(a, 0, N, (float) mean, (float) stddev);
            } else {
                s.fillUniform(a, 0, N);
            }
            for (int i = 0; i < N; i++) {
                bits[i] = Float.floatToRawIntBits(a[i]) & 0xFFFFFFFFL;
            }
        } else {
            double[] a = new double[N];
            if (format.isNormal()) {
                s.fillNormalDouble(a, 0, N, mean, stddev);
            } else {
                s.fillUniformDouble(a, 0, N);
            }
            for (int i = 0; i < N; i++) {
                bits[i] = Double.doubleToRawLongBits(a[i]);
            }
        }
        return bits;
    }

    /** The first {@code n} values of {@code KEY}'s fill at position 0. */
    private static ValueArray filled(Format format, int n) {
        ValueArray values = format.allocate(n);
        values.fill(KEY, 0, 0, 0, n, 0, 1);
        return values;
    }

    @Test
    void fillEqualsTheStreamsFillOfTheFormatAndAdvancesAlike() {
        for (Format format : Format.values()) {
            PhiloxStream viaArray = new PhiloxStream(KEY, POSITION);
            PhiloxStream viaStream = new PhiloxStream(KEY, POSITION);
            ValueArray values = format.allocate(N);
            values.fill(viaArray, -1.5, 0.25);
            long[] expected = streamFillBits(format, viaStream, -1.5, 0.25);
            long[] actual = new long[N];
            for (int i = 0; i < N; i++) {
                actual[i] = values.bits(i);
            }
            assertArrayEquals(expected, actual, format.id());
            assertEquals(viaStream.position(), viaArray.position(), format.id());
        }
    }

    @Test
    void aFillWrittenInPiecesEqualsOneFill() {
        for (Format format : Format.values()) {
            ValueArray whole = format.allocate(N);
            whole.fill(KEY, POSITION, 0, 0, N, 0, 1);
            ValueArray pieces = format.allocate(N);
            pieces.fill(KEY, POSITION, 20, 20, N, 0, 1);
            pieces.fill(KEY, POSITION, 0, 0, 20, 0, 1);
            assertNull(whole.bitDifference(pieces), format.id());
        }
    }

    @Test
    void widthsAndMoments() {
        assertEquals(4, Format.U32.bytes());
        assertEquals(4, Format.UNIFORM.bytes());
        assertEquals(4, Format.NORMAL.bytes());
        assertEquals(8, Format.UNIFORM_DOUBLE.bytes());
        assertEquals(8, Format.NORMAL_DOUBLE.bytes());
        assertTrue(Format.NORMAL.isNormal() && Format.NORMAL_DOUBLE.isNormal());
        assertFalse(Format.U32.isNormal() || Format.UNIFORM.isNormal() || Format.UNIFORM_DOUBLE.isNormal());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Format.UNIFORM.allocate(-1));
        assertEquals("negative length -1 for uniform values", e.getMessage());
    }

    @Test
    void textAndBinaryForms() {
        ValueArray words = Format.U32.allocate(2);
        words.setBits(0, 0xabL);
        words.setBits(1, 0xFFFFFFFFL);
        assertEquals("000000ab", words.text(0));
        assertEquals("ffffffff", words.text(1));
        assertEquals(0xFFFFFFFFL, words.bits(1));
        ValueArray floats = Format.UNIFORM.allocate(1);
        floats.setBits(0, Float.floatToRawIntBits(0.1f));
        assertEquals("0.1", floats.text(0));
        ValueArray doubles = Format.NORMAL_DOUBLE.allocate(1);
        doubles.setBits(0, Double.doubleToRawLongBits(-2.5e-9));
        assertEquals("-2.5E-9", doubles.text(0));

        ByteBuffer le = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        words.put(0, le);
        doubles.put(0, le);
        assertEquals("ab000000", HexFormat.of().formatHex(le.array(), 0, 4));
        assertEquals(Double.doubleToRawLongBits(-2.5e-9), le.getLong(4));

        ValueArray back = Format.NORMAL_DOUBLE.allocate(2);
        back.get(le.position(4), 1, 1);
        assertEquals(4, le.position(), "get does not move the buffer");
        assertEquals(doubles.bits(0), back.bits(1));
    }

    @Test
    void bitDifferenceNamesTheFirstDifferingValue() {
        ValueArray a = filled(Format.UNIFORM, 3);
        ValueArray b = filled(Format.UNIFORM, 3);
        assertEquals(-1, a.mismatch(b));
        assertNull(a.bitDifference(b));
        b.setBits(1, b.bits(1) + 1);
        assertEquals(1, a.mismatch(b));
        String d = a.bitDifference(b);
        assertTrue(d.startsWith("value 1 of 3 (uniform): expected " + a.text(1) + " (0x"), d);
        assertTrue(d.contains(String.format("got %s (0x%08x)", b.text(1), b.bits(1))), d);
        assertEquals("lengths differ: expected 3 uniform values, got 2", a.bitDifference(Format.UNIFORM.allocate(2)));

        ValueArray negativeZero = Format.NORMAL.allocate(1);
        negativeZero.setBits(0, Float.floatToRawIntBits(-0f));
        assertEquals(0, negativeZero.mismatch(Format.NORMAL.allocate(1)), "-0 and 0 differ in their bits");
    }

    @Test
    void ulpCounterTakesWholeArrays() {
        ValueArray a = filled(Format.NORMAL, 2);
        ValueArray b = filled(Format.NORMAL, 2);
        b.setBits(0, b.bits(0) + 2);
        UlpCounter counter = new UlpCounter();
        counter.add(a, b, 0);
        assertEquals(2, counter.values());
        assertEquals(1, counter.exact());
        assertEquals(2, counter.maxUlp());
        assertTrue(counter.withinCurandBounds(Format.NORMAL) == counter.within(UlpCounter.MIN_EXACT_NORMAL,
                UlpCounter.MAX_ULP_NORMAL));
        assertFalse(counter.withinCurandBounds(Format.UNIFORM), "other formats must be bit-exact");
        assertThrows(IllegalArgumentException.class, () -> counter.add(a, Format.UNIFORM.allocate(2), 0));
    }
}
