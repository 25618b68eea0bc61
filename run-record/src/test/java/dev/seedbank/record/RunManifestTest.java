package dev.seedbank.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.ObjectMapper;

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
        return manifest(seed, hashAt7, env, null);
    }

    static SparkRun spark(String master, int partitions) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("trainingMaster", "SeededTrainingMaster");
        settings.put("partitions", partitions);
        settings.put("batchSizePerWorker", 32);
        settings.put("averagingFrequency", 4);
        settings.put("examplesPerDataSet", 1);
        settings.put("averageUpdater", true);
        settings.put("rootSeed", "1");
        settings.put("derivationVersion", "seedbank-derive-v1");
        return new SparkRun("3.5.9", master, partitions, settings);
    }

    static RunManifest manifest(String seed, String hashAt7, Map<String, String> env, SparkRun spark) {
        RunInfo run = new RunInfo(seed, "--seed", "seedbank-derive-v1", "mlp", 2, 2, 1, 64, 32, 4, null, spark);
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

    /** Manifests written by the field-by-field writer this data binding replaced read and write back unchanged. */
    @Test
    void earlierManifestsReadTheSameAndWriteBackByteForByte() throws Exception {
        for (String name : List.of("manifest-spark.json", "manifest-running.json")) {
            String text;
            try (InputStream in = RunManifestTest.class.getResourceAsStream("/manifests/" + name)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Path file = Files.writeString(dir.resolve(name), text);
            RunManifest m = ManifestJson.read(file);
            assertEquals(text, ManifestJson.toJson(m), name);
            if (name.equals("manifest-spark.json")) {
                assertEquals("/runs/half/checkpoints/epoch-1", m.run().resumedFrom());
                assertEquals(Map.of("trainingMaster", "SeededTrainingMaster", "partitions", 4, "batchSizePerWorker", 32,
                        "averagingFrequency", 4, "examplesPerDataSet", 1, "averageUpdater", true, "rootSeed", "1",
                        "derivationVersion", "seedbank-derive-v1"), m.run().spark().settings());
                assertTrue(Double.isNaN(m.snapshots().get(2).score()));
                assertEquals(Double.POSITIVE_INFINITY, m.snapshots().get(3).score());
                assertEquals("aa00", m.snapshots().get(1).dataSha256());
                assertNull(m.snapshots().get(0).dataSha256());
                assertEquals("ff00", m.paramsSha256());
                assertEquals(12345678901L, m.configuration().get("seed").asLong());
            } else {
                assertNull(m.finalParams());
                assertNull(m.configuration());
                assertNull(m.run().spark());
                assertEquals(RunManifest.RUNNING, m.status());
            }
        }
    }

    @Test
    void sparkRunInfoRoundTripsWithItsTypes() throws Exception {
        RunManifest m = manifest("0x01", "a7", Map.of(), spark("local[2]", 4));
        Path file = dir.resolve(RunManifest.FILE);
        ManifestJson.write(file, m);
        String json = Files.readString(file);
        assertTrue(json.contains("\"spark\" : {"), json);
        assertTrue(json.contains("\"sparkVersion\" : \"3.5.9\""), json);
        assertTrue(json.contains("\"master\" : \"local[2]\""), json);
        assertTrue(json.contains("\"partitions\" : 4,"), json);
        assertTrue(json.contains("\"averageUpdater\" : true"), json);
        RunManifest back = ManifestJson.read(file);
        assertEquals(m.run(), back.run());
        assertEquals(List.copyOf(m.run().spark().settings().keySet()), List.copyOf(back.run().spark().settings().keySet()));
        assertEquals(ManifestJson.toJson(m), ManifestJson.toJson(back));
    }

    @Test
    void manifestsWithoutSparkReadAsNull() throws Exception {
        RunManifest m = manifest("0x01", "a7", Map.of());
        String json = ManifestJson.toJson(m);
        assertTrue(json.contains("\"spark\" : null"), json);
        assertNull(ManifestJson.fromTree(new ObjectMapper().readTree(json), "x").run().spark());
        // written before Spark runs existed: no field at all
        String old = json.replaceFirst(",\\s*\"spark\" : null", "");
        assertFalse(old.contains("\"spark\""), old);
        RunManifest back = ManifestJson.fromTree(new ObjectMapper().readTree(old), "old");
        assertNull(back.run().spark());
        assertEquals(m.run(), back.run());
    }

    @Test
    void comparisonNamesThePartitionCountAndSparkVersusOneJvm() {
        RunComparison.Result r = RunComparison.compare(manifest("0x01", "a7", Map.of(), spark("local[2]", 2)),
                manifest("0x01", "XX", Map.of(), spark("local[1]", 4)), List.of(), null);
        assertFalse(r.identical());
        List<String> report = RunComparison.report(r, "A", "B");
        String text = String.join("\n", report);
        assertTrue(report.contains("  run.spark.partitions: A 2, B 4  -> different Spark partition count: each worker"
                + " trains on other examples and a different number of parameter vectors is averaged"), text);
        assertTrue(report.contains("  run.spark.master: A local[2], B local[1]  -> different Spark master / executor"
                + " threads: not expected to matter (results do not depend on executor threads)"), text);
        assertFalse(text.contains("settings.partitions") || text.contains("settings.rootSeed"), text);

        r = RunComparison.compare(manifest("0x01", "a7", Map.of(), spark("local[2]", 4)),
                manifest("0x01", "a7", Map.of(), spark("local[1]", 4)), List.of(), null);
        assertTrue(r.identical(), "only the master differs");

        r = RunComparison.compare(manifest("0x01", "a7", Map.of()), manifest("0x01", "XX", Map.of(), spark("local", 4)),
                List.of(), null);
        text = String.join("\n", RunComparison.report(r, "A", "B"));
        assertTrue(text.contains("  run.spark: A (no Spark: one JVM), B Spark 3.5.9 local, 4 partitions  -> one run"
                + " trained on Spark"), text);
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
        cases = new LinkedHashMap<>(cases);
        cases.put(json.replace("\"epochs\" : 2", "\"epochs\" : \"2\""), "field 'epochs' is not an integer");
        cases.put(json.replace("\"model\" : \"mlp\"", "\"model\" : 7"), "field 'model' is not a string");
        cases.put(json.replace("\"score\" : 0.5", "\"score\" : \"half\""), "field 'score' is not a number");
        cases.put(json.replace("\"streams\" : [", "\"streams\" : 5, \"other\" : ["), "field 'streams' is not an array");
        cases.put(json.replace("\"status\" : \"complete\"", "\"status\" : \"done\""), "has status 'done'");
        cases.put(json.replace("\"kind\" : \"iteration\"", "\"kind\" : \"minute\""), "unknown kind 'minute'");
        cases.put(json.replaceFirst("\"final\" : \\{", "\"final\" : null, \"x\" : {"), "is complete but has no final");
        cases.put(json.replace("\"a0\"", "[\"a0\"]"), "field 'init.dense_1/W' is not a plain value");
        cases.put(json.replace("\"epochs\" : 2", "\"epochs\" : 20000000000"), "is not a run manifest");
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
