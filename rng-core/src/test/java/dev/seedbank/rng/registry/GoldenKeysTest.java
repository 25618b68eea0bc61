package dev.seedbank.rng.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.stream.UnsignedLongs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keys of derivation version 1 against {@code registry/golden-keys-v1.tsv}, written by
 * {@code scripts/derive-golden-keys.py}: a second, independent (Python) implementation of the spec in
 * {@link KeyDerivation}'s class comment and of {@link StreamPath}'s canonical text form. Any change to
 * derivation, segment encoding or the text form fails here; such a change needs a new derivation version.
 */
class GoldenKeysTest {
    private static final String RESOURCE = "/registry/golden-keys-v1.tsv";

    record Row(int line, long seed, String path, long key) {
        StreamPath streamPath() {
            return path.isEmpty() ? StreamPath.root() : StreamPath.parse(path);
        }
    }

    private static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = GoldenKeysTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " is missing from the test resources");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = false;
            int lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (!header) {
                    assertEquals("seed\tpath\tkey", line, "header of " + RESOURCE);
                    header = true;
                    continue;
                }
                String[] f = line.split("\t", -1);
                assertEquals(3, f.length, RESOURCE + " line " + lineNo + ": expected 3 tab-separated fields");
                rows.add(new Row(lineNo, Long.parseUnsignedLong(f[0]), f[1],
                        UnsignedLongs.parse(f[2], RESOURCE + " line " + lineNo)));
            }
        }
        return rows;
    }

    @Test
    void everyGoldenKeyMatches() throws IOException {
        List<Row> rows = rows();
        assertTrue(rows.size() >= 30, "expected at least 30 golden rows, found " + rows.size());
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            StreamPath path = row.streamPath();
            long viaKeyDerivation = KeyDerivation.key(row.seed(), path);
            long viaRegistry = SeedRegistry.of(row.seed()).key(path).value();
            long viaStream = SeedRegistry.of(row.seed()).stream(path).key();
            if (viaKeyDerivation != row.key() || viaRegistry != row.key() || viaStream != row.key()) {
                failures.add("line " + row.line() + ": seed " + Long.toUnsignedString(row.seed()) + ", path '"
                        + row.path() + "': expected " + UnsignedLongs.hex(row.key()) + ", got "
                        + UnsignedLongs.hex(viaKeyDerivation) + " / " + UnsignedLongs.hex(viaRegistry) + " / "
                        + UnsignedLongs.hex(viaStream));
            }
        }
        assertTrue(failures.isEmpty(), () -> "golden key mismatches:\n" + String.join("\n", failures));
    }

    @Test
    void goldenPathsAreCanonicalText() throws IOException {
        for (Row row : rows()) {
            assertEquals(row.path(), row.streamPath().toString(),
                    "line " + row.line() + ": the Python script's canonical text differs from StreamPath's");
        }
    }

    @Test
    void goldenFileCoversTheInterestingCases() throws IOException {
        List<Row> rows = rows();
        assertTrue(rows.stream().anyMatch(r -> r.seed() == -1L), "seed 2^64-1");
        assertTrue(rows.stream().anyMatch(r -> r.seed() == 0), "seed 0");
        assertTrue(rows.stream().anyMatch(r -> r.path().isEmpty()), "root path");
        assertTrue(rows.stream().anyMatch(r -> r.path().contains("%2F")), "escaped '/'");
        assertTrue(rows.stream().anyMatch(r -> r.path().equals("18446744073709551615")), "index 2^64-1");
        assertTrue(rows.stream().anyMatch(r -> r.path().chars().anyMatch(c -> c > 0x7F)), "non-ASCII");
    }
}
