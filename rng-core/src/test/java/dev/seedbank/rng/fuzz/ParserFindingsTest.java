package dev.seedbank.rng.fuzz;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seedbank.rng.registry.StreamPath;
import dev.seedbank.rng.stream.UnsignedLongs;
import org.junit.jupiter.api.Test;

/** Regression tests for the parser findings the fuzzer made (F1, F2 in docs/quality.md), both fixed. */
class ParserFindingsTest {
    @Test
    void unpairedSurrogateNextToAnEscapeIsRejected() {
        // once parsed as the name "?A", the same path (and key) as "?%41"
        assertThrows(IllegalArgumentException.class, () -> StreamPath.parse("\uD800%41"));
        assertThrows(IllegalArgumentException.class, () -> StreamPath.parse("x/%41\uDC00"));
    }

    @Test
    void numbersAreAsciiOnly() {
        // once parsed as 12, 1 and 0x1
        assertThrows(IllegalArgumentException.class, () -> UnsignedLongs.parse("\u0661\u0662", "n"));
        assertThrows(IllegalArgumentException.class, () -> UnsignedLongs.parse("\uFF11", "n"));
        assertThrows(IllegalArgumentException.class, () -> UnsignedLongs.parse("0x\uFF11", "n"));
    }
}
