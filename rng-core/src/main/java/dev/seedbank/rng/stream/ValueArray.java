package dev.seedbank.rng.stream;

import java.nio.ByteBuffer;

/**
 * Values of one {@link Format} in its Java array ({@code int[]} for u32, {@code float[]} for uniform and normal,
 * {@code double[]} for the double formats): what a fill writes, read back as bits, text or bytes, so code that
 * handles every format does it with one call instead of a case per format.
 *
 * <p>Forms of value {@code i}: {@link #bits} (the raw bits, zero-extended), {@link #text} (u32: 8 lower-case hex
 * digits; floats and doubles: the shortest decimal that reads back to the same value, formatted like
 * {@code Float.toString}, identical on every JVM) and {@link #put} ({@link Format#bytes()} bytes in the
 * buffer's byte order).
 *
 * <p>Why one large class: its three nested array types are the only implementations (the constructor is private),
 * and each form is written once per array type beside the others, so adding a form touches one file.
 *
 * <p>Not thread-safe: a mutable array.
 */
public abstract class ValueArray {
    private final Format format;

    private ValueArray(Format format) {
        this.format = format;
    }

    /** The format of the values. */
    public Format format() {
        return format;
    }

    /** The number of values. */
    public abstract int length();

    /** Bytes per value of the array type. */
    abstract int bytes();

    /**
     * Fills the whole array with the next {@link #length()} values of {@code stream} and advances it, as the
     * stream's fill method of this format does ({@code mean} and {@code stddev} apply to the normal formats).
     */
    public void fill(PhiloxStream stream, double mean, double stddev) {
        format.fill(stream.key(), stream.reserve(length()), 0, this, 0, length(), mean, stddev);
    }

    /**
     * Writes {@code [from, to)} as {@link StreamFills} does: values {@code first ..} of the fill of {@code key} at
     * {@code origin} (cuRAND's offset), so a fill can be written in pieces.
     */
    public void fill(long key, long origin, long first, int from, int to, double mean, double stddev) {
        format.fill(key, origin, first, this, from, to, mean, stddev);
    }

    /** The raw bits of value {@code i}, zero-extended (a float's {@code floatToRawIntBits}). */
    public abstract long bits(int i);

    /** Sets value {@code i} to the value with these raw bits (the inverse of {@link #bits}). */
    public abstract void setBits(int i, long bits);

    /** The text form of value {@code i} (see the class comment). */
    public abstract String text(int i);

    /** Writes value {@code i} to {@code dst} at its position, in its byte order. */
    public abstract void put(int i, ByteBuffer dst);

    /**
     * Reads {@code count} values from {@code src} (in its byte order, from its position, which is not moved) into
     * {@code [at, at + count)}.
     */
    public abstract void get(ByteBuffer src, int at, int count);

    /**
     * The index of the first value whose bits differ from {@code other}'s, the shorter length when one array is a
     * prefix of the other, or -1 when both hold the same bits.
     */
    int mismatch(ValueArray other) {
        int n = Math.min(length(), other.length());
        for (int i = 0; i < n; i++) {
            if (bits(i) != other.bits(i)) {
                return i;
            }
        }
        return length() == other.length() ? -1 : n;
    }

    /**
     * Null when {@code actual} holds exactly these bits, else one line naming the difference in length or the first
     * differing value, e.g.
     * {@code "value 3 of 10 (uniform): expected 0.25 (0x3e800000), got 0.2500001 (0x3e800001)"}.
     */
    public String bitDifference(ValueArray actual) {
        if (length() != actual.length()) {
            return "lengths differ: expected " + length() + " " + format + " values, got " + actual.length();
        }
        int i = mismatch(actual);
        return i < 0 ? null : "value " + i + " of " + length() + " (" + format + "): expected " + text(i) + " ("
                + hex(bits(i)) + "), got " + actual.text(i) + " (" + actual.hex(actual.bits(i)) + ")";
    }

    private String hex(long bits) {
        return String.format("0x%0" + 2 * format.bytes() + "x", bits);
    }

    int[] words() {
        throw new IllegalStateException(format + " values are not 32-bit words");
    }

    float[] floats() {
        throw new IllegalStateException(format + " values are not floats");
    }

    double[] doubles() {
        throw new IllegalStateException(format + " values are not doubles");
    }

    /** u32 values. */
    static final class Words extends ValueArray {
        private final int[] values;

        Words(Format format, int length) {
            super(format);
            values = new int[length];
        }

        @Override
        public int length() {
            return values.length;
        }

        @Override
        int bytes() {
            return Integer.BYTES;
        }

        @Override
        public long bits(int i) {
            return values[i] & 0xFFFFFFFFL;
        }

        @Override
        public void setBits(int i, long bits) {
            values[i] = (int) bits;
        }

        @Override
        public String text(int i) {
            String hex = Integer.toHexString(values[i]);
            return "00000000".substring(hex.length()) + hex;
        }

        @Override
        public void put(int i, ByteBuffer dst) {
            dst.putInt(values[i]);
        }

        @Override
        public void get(ByteBuffer src, int at, int count) {
            src.asIntBuffer().get(values, at, count);
        }


        @Override
        int[] words() {
            return values;
        }
    }

    /** uniform and normal values. */
    static final class Floats extends ValueArray {
        private final float[] values;

        Floats(Format format, int length) {
            super(format);
            values = new float[length];
        }

        @Override
        public int length() {
            return values.length;
        }

        @Override
        int bytes() {
            return Float.BYTES;
        }

        @Override
        public long bits(int i) {
            return Float.floatToRawIntBits(values[i]) & 0xFFFFFFFFL;
        }

        @Override
        public void setBits(int i, long bits) {
            values[i] = Float.intBitsToFloat((int) bits);
        }

        @Override
        public String text(int i) {
            return DecimalText.shortest(values[i]);
        }

        @Override
        public void put(int i, ByteBuffer dst) {
            dst.putFloat(values[i]);
        }

        @Override
        public void get(ByteBuffer src, int at, int count) {
            src.asFloatBuffer().get(values, at, count);
        }


        @Override
        float[] floats() {
            return values;
        }
    }

    /** uniform-double and normal-double values. */
    static final class Doubles extends ValueArray {
        private final double[] values;

        Doubles(Format format, int length) {
            super(format);
            values = new double[length];
        }

        @Override
        public int length() {
            return values.length;
        }

        @Override
        int bytes() {
            return Double.BYTES;
        }

        @Override
        public long bits(int i) {
            return Double.doubleToRawLongBits(values[i]);
        }

        @Override
        public void setBits(int i, long bits) {
            values[i] = Double.longBitsToDouble(bits);
        }

        @Override
        public String text(int i) {
            return DecimalText.shortest(values[i]);
        }

        @Override
        public void put(int i, ByteBuffer dst) {
            dst.putDouble(values[i]);
        }

        @Override
        public void get(ByteBuffer src, int at, int count) {
            src.asDoubleBuffer().get(values, at, count);
        }


        @Override
        double[] doubles() {
            return values;
        }
    }
}
