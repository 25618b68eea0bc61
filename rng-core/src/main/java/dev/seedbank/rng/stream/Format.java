package dev.seedbank.rng.stream;

import dev.seedbank.rng.Messages;

/**
 * The output formats of a stream, each matching one cuRAND host-API call, and what each does: its fill
 * ({@link StreamFills}), its width ({@link #bytes()}) and its Java array type, whose {@link ValueArray} gives the
 * values' bits, binary and text forms. Every value occupies one stream position, as cuRAND's generator offset
 * counts values of the format being generated.
 *
 * <p>Immutable; thread-safe.
 */
public enum Format {
    /** Raw 32-bit words ({@code curandGenerate}); text: 8 hex digits. */
    U32("u32", false, ValueArray.Words::new) {
        @Override
        void fill(long key, long origin, long first, ValueArray dst, int from, int to, double mean, double stddev) {
            StreamFills.words(key, origin, first, dst.words(), from, to);
        }
    },
    /** Uniform float in (0, 1] ({@code curandGenerateUniform}). */
    UNIFORM("uniform", false, ValueArray.Floats::new) {
        @Override
        void fill(long key, long origin, long first, ValueArray dst, int from, int to, double mean, double stddev) {
            StreamFills.uniform(key, origin, first, dst.floats(), from, to);
        }
    },
    /** Uniform double in (0, 1] ({@code curandGenerateUniformDouble}). */
    UNIFORM_DOUBLE("uniform-double", false, ValueArray.Doubles::new) {
        @Override
        void fill(long key, long origin, long first, ValueArray dst, int from, int to, double mean, double stddev) {
            StreamFills.uniformDouble(key, origin, first, dst.doubles(), from, to);
        }
    },
    /** Normal float, Box-Muller pairs ({@code curandGenerateNormal}); mean and stddev are rounded to float. */
    NORMAL("normal", true, ValueArray.Floats::new) {
        @Override
        void fill(long key, long origin, long first, ValueArray dst, int from, int to, double mean, double stddev) {
            StreamFills.normal(key, origin, first, dst.floats(), from, to, (float) mean, (float) stddev);
        }
    },
    /** Normal double, Box-Muller pairs ({@code curandGenerateNormalDouble}). */
    NORMAL_DOUBLE("normal-double", true, ValueArray.Doubles::new) {
        @Override
        void fill(long key, long origin, long first, ValueArray dst, int from, int to, double mean, double stddev) {
            StreamFills.normalDouble(key, origin, first, dst.doubles(), from, to, mean, stddev);
        }
    };

    /** Creates a format's array of {@code length} values. */
    @FunctionalInterface
    interface ArrayType {
        ValueArray allocate(Format format, int length);
    }

    private final String id;
    private final boolean normal;
    private final ArrayType arrayType;
    private final int bytes;

    Format(String id, boolean normal, ArrayType arrayType) {
        this.id = id;
        this.normal = normal;
        this.arrayType = arrayType;
        this.bytes = arrayType.allocate(this, 0).bytes();
    }

    /** The name used on the command line and in files. */
    public String id() {
        return id;
    }

    /** Bytes per value: 4 (int or float) or 8 (double). */
    public int bytes() {
        return bytes;
    }

    /** Whether a mean and a standard deviation apply (the normal formats); other fills ignore them. */
    public boolean isNormal() {
        return normal;
    }

    /** A new array of {@code length} values of this format (all bits 0). */
    public ValueArray allocate(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length + " for " + id + " values");
        }
        return arrayType.allocate(this, length);
    }

    /** Writes {@code dst[from, to)} as {@link StreamFills} does: values {@code first ..} of the fill of {@code key} at {@code origin}. */
    abstract void fill(long key, long origin, long first, ValueArray dst, int from, int to, double mean,
            double stddev);

    /** Parses a format name such as {@code uniform-double}. */
    public static Format parse(String text) {
        for (Format f : values()) {
            if (f.id.equals(text)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format " + Messages.quote(text) + " (expected one of "
                + "u32, uniform, uniform-double, normal, normal-double)");
    }

    @Override
    public String toString() {
        return id;
    }
}
