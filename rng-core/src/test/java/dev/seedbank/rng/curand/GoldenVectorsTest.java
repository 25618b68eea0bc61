package dev.seedbank.rng.curand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.stream.Format;
import dev.seedbank.rng.stream.StreamFills;
import dev.seedbank.rng.stream.UlpCounter;
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
        UlpCounter normal = new UlpCounter();
        UlpCounter normalDouble = new UlpCounter();
        for (Case c : cases()) {
            assertEquals(c.count, c.values.length, c.toString());
            seen.merge(c.format, 1, Integer::sum);
            switch (c.format) {
                case U32 -> {
                    int[] java = new int[c.count];
                    StreamFills.words(c.key, c.offset, 0, java, 0, c.count);
                    for (int i = 0; i < c.count; i++) {
                        assertEquals(Integer.parseUnsignedInt(c.values[i], 16), java[i], c + " value " + i);
                    }
                }
                case UNIFORM -> {
                    float[] java = new float[c.count];
                    StreamFills.uniform(c.key, c.offset, 0, java, 0, c.count);
                    for (int i = 0; i < c.count; i++) {
                        assertEquals(Integer.parseUnsignedInt(c.values[i], 16), Float.floatToRawIntBits(java[i]),
                                c + " value " + i);
                    }
                }
                case UNIFORM_DOUBLE -> {
                    double[] java = new double[c.count];
                    StreamFills.uniformDouble(c.key, c.offset, 0, java, 0, c.count);
                    for (int i = 0; i < c.count; i++) {
                        assertEquals(Long.parseUnsignedLong(c.values[i], 16), Double.doubleToRawLongBits(java[i]),
                                c + " value " + i);
                    }
                }
                case NORMAL -> {
                    float[] java = new float[c.count];
                    StreamFills.normal(c.key, c.offset, 0, java, 0, c.count, (float) c.mean, (float) c.stddev);
                    for (int i = 0; i < c.count; i++) {
                        float expected = Float.intBitsToFloat(Integer.parseUnsignedInt(c.values[i], 16));
                        normal.add(expected, java[i], (float) c.mean);
                    }
                }
                case NORMAL_DOUBLE -> {
                    double[] java = new double[c.count];
                    StreamFills.normalDouble(c.key, c.offset, 0, java, 0, c.count, c.mean, c.stddev);
                    for (int i = 0; i < c.count; i++) {
                        double expected = Double.longBitsToDouble(Long.parseUnsignedLong(c.values[i], 16));
                        normalDouble.add(expected, java[i], c.mean);
                    }
                }
            }
        }
        assertEquals(Format.values().length, seen.size(), "formats covered: " + seen);
        assertTrue(seen.values().stream().allMatch(n -> n >= 30), "cases per format: " + seen);
        System.out.println("golden normal: " + normal + "; normal-double: " + normalDouble);
        assertTrue(normal.within(UlpCounter.MIN_EXACT_NORMAL, UlpCounter.MAX_ULP_NORMAL), "normal: " + normal);
        assertTrue(normalDouble.within(UlpCounter.MIN_EXACT_NORMAL_DOUBLE, UlpCounter.MAX_ULP_NORMAL_DOUBLE),
                "normal-double: " + normalDouble);
    }
}
