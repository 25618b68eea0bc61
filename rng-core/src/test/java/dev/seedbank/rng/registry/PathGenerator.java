package dev.seedbank.rng.registry;

import java.util.SplittableRandom;

/**
 * Random stream paths for property tests, from a fixed-seed generator: names over a small alphabet
 * rich in characters the text form must escape ({@code / = %}, digits, controls) and in non-ASCII
 * (including a supplementary character), indices at the edges of the unsigned range.
 */
final class PathGenerator {
    private static final String[] ALPHABET = {
        "a", "b", "/", "=", "%", "0", "1", "9", "_", " ", ".", "-", "é", "权", "\uD83D\uDE00", "\n", "\t", "\u0000",
        "\u007F", "\u00A0", "\u2028", "%2F", "%",
    };
    private static final long[] EDGE_INDICES = {0, 1, 2, 3, 9, 10, 0xFFFFFFFFL, 1L << 32, Long.MAX_VALUE,
        Long.MIN_VALUE, -1L};

    private final SplittableRandom random;

    PathGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    StreamPath path(int maxSegments) {
        StreamPath p = StreamPath.root();
        int n = 1 + random.nextInt(maxSegments);
        for (int k = 0; k < n; k++) {
            switch (random.nextInt(3)) {
                case 0 -> p = p.child(name());
                case 1 -> p = p.child(index());
                default -> p = p.child(name(), index());
            }
        }
        return p;
    }

    String name() {
        int kind = random.nextInt(8);
        if (kind == 0) {
            // all ASCII digits: must be escaped so as not to read as an index
            StringBuilder sb = new StringBuilder();
            int len = 1 + random.nextInt(4);
            for (int i = 0; i < len; i++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
            return sb.toString();
        }
        StringBuilder sb = new StringBuilder();
        int len = 1 + random.nextInt(4);
        for (int i = 0; i < len; i++) {
            sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    long index() {
        return switch (random.nextInt(3)) {
            case 0 -> EDGE_INDICES[random.nextInt(EDGE_INDICES.length)];
            case 1 -> random.nextInt(20);
            default -> random.nextLong();
        };
    }
}
