package dev.seedbank.rng.stream;

import java.util.Locale;

/**
 * The output formats of a stream, each matching one cuRAND host-API call, with the number of
 * 32-bit words it consumes.
 */
public enum Format {
    /** Raw 32-bit words ({@code curandGenerate}). */
    U32("u32", 1, 1),
    /** Uniform float in (0, 1] ({@code curandGenerateUniform}). */
    UNIFORM("uniform", 1, 1),
    /** Uniform double in (0, 1] ({@code curandGenerateUniformDouble}). */
    UNIFORM_DOUBLE("uniform-double", 2, 1),
    /** Normal float, Box-Muller pairs ({@code curandGenerateNormal}). */
    NORMAL("normal", 2, 2),
    /** Normal double, Box-Muller pairs ({@code curandGenerateNormalDouble}). */
    NORMAL_DOUBLE("normal-double", 4, 2);

    private final String id;
    private final int wordsPerGroup;
    private final int valuesPerGroup;

    Format(String id, int wordsPerGroup, int valuesPerGroup) {
        this.id = id;
        this.wordsPerGroup = wordsPerGroup;
        this.valuesPerGroup = valuesPerGroup;
    }

    /** The name used on the command line and in files. */
    public String id() {
        return id;
    }

    /** Words consumed by one group of values. */
    public int wordsPerGroup() {
        return wordsPerGroup;
    }

    /** Values produced by one group (2 for the Box-Muller formats). */
    public int valuesPerGroup() {
        return valuesPerGroup;
    }

    /** Words consumed by a fill of {@code values} values: whole groups, so an odd normal count rounds up. */
    public long wordsFor(long values) {
        long groups = (values + valuesPerGroup - 1) / valuesPerGroup;
        return groups * wordsPerGroup;
    }

    /** Parses a format name such as {@code uniform-double}. */
    public static Format parse(String text) {
        for (Format f : values()) {
            if (f.id.equals(text)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "' (expected one of "
                + "u32, uniform, uniform-double, normal, normal-double)");
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
