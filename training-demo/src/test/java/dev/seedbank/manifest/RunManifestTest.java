package dev.seedbank.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifest JSON round trip, validation, atomic writes, and the comparison's first divergence. */
class RunManifestTest {
    @TempDir
    Path dir;

    private static Map<String, String> params(String w, String b) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dense_1/W", w);
        m.put("dense_1/b", b);
        return m;
    }

    static RunManifest manifest(String seed, String hashAt7, Map<String, String> env) {
        RunInfo run = new RunInfo(seed, "--seed", "seedbank-derive-v1", "mlp", 2, 2, 1, 64, 32, 4, null);
        List<Snapshot> snaps = List.of(
                new Snapshot(Snapshot.ITERATION, 0, 3, 0.5, null, params("a3", "b3")),
                new Snapshot(Snapshot.EPOCH, 0, 3, 0.5, "d0", params("a3", "b3")),
                new Snapshot(Snapshot.ITERATION, 1, 7, Double.NaN, null, params(hashAt7, "b7")),
                new Snapshot(Snapshot.EPOCH, 1, 7, 0.25, "d1", params(hashAt7, "b7")));
        return new RunManifest(RunManifest.COMPLETE, "seedbank test", run, "cafe", null, env,
                List.of(new StreamUse("data/generate", 1, 100, StreamUse.WORDS)), params("a0", "b0"), snaps,
                new Snapshot(Snapshot.EPOCH, 1, 7, 0.25, null, params(hashAt7, "b7")), "ff");
    }

    @Test
    void roundTripsThroughAnAtomicWrite() throws Exception {
        RunManifest m = manifest("0x01", "a7", Map.of("cpu.model", "X"));
        Path file = dir.resolve(RunManifest.FILE);
        ManifestJson.write(file, m);
        ManifestJson.write(file, m); // replacing an existing manifest
        RunManifest back = ManifestJson.read(dir);
        assertEquals(ManifestJson.toJson(m), ManifestJson.toJson(back));
        assertTrue(Double.isNaN(back.snapshots().get(2).score()));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "temporary files left behind");
        }
    }

    @Test
    void refusesBrokenManifestsWithOneLine() throws Exception {
        String json = ManifestJson.toJson(manifest("0x01", "a7", Map.of()));
        Map<String, String> cases = Map.of(
                "", "is empty",
                json.substring(0, json.length() / 3), "not valid JSON",
                json.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"), "schema version 2",
                json.replace("seedbank-run-manifest", "something-else"), "has schema 'something-else'",
                json.replace("\"rootSeed\"", "\"rootSeedX\""), "lacks field 'rootSeed'",
                "[1, 2]", "not a JSON object");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path f = Files.writeString(dir.resolve("m.json"), c.getKey());
            BadInputException e = assertThrows(BadInputException.class, () -> ManifestJson.read(f));
            assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        assertTrue(assertThrows(BadInputException.class, () -> ManifestJson.read(dir.resolve("none.json"))).getMessage()
                .startsWith("no manifest at"));
    }

    @Test
    void identicalManifestsCompareIdentical() {
        RunComparison.Result r = RunComparison.compare(manifest("0x01", "a7", Map.of()), manifest("0x01", "a7", Map.of()),
                List.of(), null);
        assertTrue(r.identical());
        assertTrue(RunComparison.report(r, "A", "B").get(0).startsWith("IDENTICAL"));
    }

    @Test
    void firstDivergenceIsTheEarliestDifferingSnapshotWithCauses() {
        RunComparison.Result r = RunComparison.compare(manifest("0x01", "a7", Map.of("env.OMP_NUM_THREADS", "1")),
                manifest("0x01", "XX", Map.of("env.OMP_NUM_THREADS", "2")),
                List.of(ParamDiff.of("dense_1/W", new float[] {1f, 2f}, new float[] {1f, Math.nextUp(2f)})), "after epoch 2");
        assertFalse(r.identical());
        assertEquals("epoch 1, iteration 7", r.firstDivergence().label());
        assertEquals(List.of("dense_1/W"), r.firstDivergence().differing());
        assertEquals(List.of("dense_1"), r.divergentLayers());
        assertEquals("epoch 0, iteration 3 (end of epoch)", r.lastMatch().label());
        List<String> report = RunComparison.report(r, "A", "B");
        assertTrue(report.contains("  env.OMP_NUM_THREADS: A 1, B 2  -> different OpenMP thread count: reduction order in"
                + " native ops"), String.join("\n", report));
        assertTrue(report.stream().anyMatch(l -> l.contains("1 of 2 values differ") && l.contains("max ulps 1")),
                String.join("\n", report));
    }

    @Test
    void ulpsCountAcrossZero() {
        assertEquals(0, ParamDiff.ulps(0f, -0f));
        assertEquals(2, ParamDiff.ulps(Float.MIN_VALUE, -Float.MIN_VALUE));
        assertEquals(1, ParamDiff.ulps(1f, Math.nextUp(1f)));
    }
}
