package dev.seedbank.cli;

import dev.seedbank.rng.stream.UnsignedLongs;
import picocli.CommandLine;

/** Converts decimal or 0x-hex option values in 0 .. 2^64-1. Stateless; thread-safe. */
final class UnsignedConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return UnsignedLongs.parse(value, "number");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
