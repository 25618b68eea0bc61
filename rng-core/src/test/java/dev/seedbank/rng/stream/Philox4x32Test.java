package dev.seedbank.rng.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Known answers from the Random123 distribution (kat_vectors, philox4x32 10 rounds). */
class Philox4x32Test {

    private static void check(int[] counter, int k0, int k1, int[] expected) {
        int[] words = counter.clone();
        Philox4x32.block(words, 0, k0, k1);
        assertArrayEquals(expected, words);
    }

    @Test
    void zeroCounterZeroKey() {
        check(new int[] {0, 0, 0, 0}, 0, 0, new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
    }

    @Test
    void allOnes() {
        check(new int[] {-1, -1, -1, -1}, -1, -1, new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
    }

    @Test
    void piDigits() {
        check(new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, 0xa4093822, 0x299f31d0,
                new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
    }

    @Test
    void blocksUseTheCurandCounterLayout() {
        long key = 0x0123456789abcdefL;
        long block = (5L << 48) | (7L << 16) | 9;
        int[] viaBlocks = new int[8];
        Philox4x32.blocks(key, block, viaBlocks, 0, 1);
        check(new int[] {7, 5, 9, 0}, 0x89abcdef, 0x01234567, java.util.Arrays.copyOf(viaBlocks, 4));
    }
}
