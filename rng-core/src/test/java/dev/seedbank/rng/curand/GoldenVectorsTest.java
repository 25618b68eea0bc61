package dev.seedbank.rng.curand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.stream.Format;
import dev.seedbank.rng.stream.UlpCounter;
import dev.seedbank.rng.stream.ValueArray;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Compares the Java fills with values the real cuRAND library produced (curand/golden.tsv, written by
 * scripts/curand-golden.py). Runs everywhere, no library needed.
 */
class GoldenVectorsTest {

    private record Case(Format format, long key, long offset, int count, double mean, double stddev, String[] values) {
        static Case parse(String line) {
            String[] f = line.split("\t");
            return new Case(Format.parse(f[0]), Long.parseUnsignedLong(f[1].substring(2), 16),
                    Long.parseUnsignedLong(f[2].substring(2), 16), Integer.parseInt(f[3]), Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]), f[6].split(","));
        }

        @Override
        public String toString() {
            return format + " key=" + Long.toHexString(key) + " offset=" + Long.toHexString(offset) + " count=" + count;
        }
    }

    private static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                GoldenVectorsTest.class.getResourceAsStream("/curand/golden.tsv"), StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    cases.add(Case.parse(line));
                }
            }
        }
        return cases;
    }

    @Test
    void everyFormatMatchesTheLibrary() throws IOException {
        Map<Format, Integer> seen = new EnumMap<>(Format.class);
        Map<Format, UlpCounter> normals = new EnumMap<>(Map.of(Format.NORMAL, new UlpCounter(),
                Format.NORMAL_DOUBLE, new UlpCounter()));
        for (Case c : cases()) {
            assertEquals(c.count, c.values.length, c.toString());
            seen.merge(c.format, 1, Integer::sum);
            ValueArray library = c.format.allocate(c.count);
            for (int i = 0; i < c.count; i++) {
                library.setBits(i, Long.parseUnsignedLong(c.values[i], 16));
            }
            ValueArray java = c.format.allocate(c.count);
            java.fill(c.key, c.offset, 0, 0, c.count, c.mean, c.stddev);
            if (c.format.isNormal()) {
                normals.get(c.format).add(library, java, c.mean);
            } else {
                assertNull(library.bitDifference(java), c.toString());
            }
        }
        UlpCounter normal = normals.get(Format.NORMAL);
        UlpCounter normalDouble = normals.get(Format.NORMAL_DOUBLE);
        assertEquals(Format.values().length, seen.size(), "formats covered: " + seen);
        assertTrue(seen.values().stream().allMatch(n -> n >= 30), "cases per format: " + seen);
        System.out.println("golden normal: " + normal + "; normal-double: " + normalDouble);
        assertTrue(normal.within(UlpCounter.MIN_EXACT_NORMAL, UlpCounter.MAX_ULP_NORMAL), "normal: " + normal);
        assertTrue(normalDouble.within(UlpCounter.MIN_EXACT_NORMAL_DOUBLE, UlpCounter.MAX_ULP_NORMAL_DOUBLE),
                "normal-double: " + normalDouble);
    }
}
