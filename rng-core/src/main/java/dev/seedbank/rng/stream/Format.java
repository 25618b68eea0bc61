package dev.seedbank.rng.stream;

import dev.seedbank.rng.Messages;
/**
 * The output formats of a stream, each matching one cuRAND host-API call. Every value occupies one
 * stream position, as cuRAND's generator offset counts values of the format being generated.
 */
public enum Format {
    /** Raw 32-bit words ({@code curandGenerate}). */
    U32("u32"),
    /** Uniform float in (0, 1] ({@code curandGenerateUniform}). */
    UNIFORM("uniform"),
    /** Uniform double in (0, 1] ({@code curandGenerateUniformDouble}). */
    UNIFORM_DOUBLE("uniform-double"),
    /** Normal float, Box-Muller pairs ({@code curandGenerateNormal}). */
    NORMAL("normal"),
    /** Normal double, Box-Muller pairs ({@code curandGenerateNormalDouble}). */
    NORMAL_DOUBLE("normal-double");

    private final String id;

    Format(String id) {
        this.id = id;
    }

    /** The name used on the command line and in files. */
    public String id() {
        return id;
    }

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
