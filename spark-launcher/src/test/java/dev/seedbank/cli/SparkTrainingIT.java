package dev.seedbank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import dev.seedbank.cli.JarProcess.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end tests of {@code seedbank train --spark local[N] --partitions P}: the packaged seedbank-spark.jar
 * runs Spark local mode with plain {@code java -jar} (the jar manifest's Add-Opens), each run in its own JVM.
 * Small runs (256 examples, 2 epochs: one averaging round per epoch); two 4-partition runs on 1 and 2 executor
 * threads are shared by the tests (the local[1] one with {@link SparkClusterIT}, through {@link SparkRuns}).
 */
class SparkTrainingIT {
    private static final String SEED = SparkRuns.SEED;

    @TempDir
    static Path tmp;
    /** local[2], 4 partitions. */
    private static Path twoThreads;
    /** local[1], 4 partitions. */
    private static Path oneThread;

    private static Result run(String... args) throws IOException, InterruptedException {
        // generous: a loaded 2-core machine took up to 290 s for one small Spark run
        return JarProcess.run(tmp, 600, SparkRuns.DRIVER_JVM, args);
    }

    private static Path train(String name, String... extra) throws Exception {
        Path dir = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("train", "--out", dir.toString(), "--progress", "plain"));
        args.addAll(List.of(extra));
        Result r = run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.all());
        System.out.printf("seedbank %s took %.1f s%n", String.join(" ", args), r.seconds());
        return dir;
    }

    private static Path spark(String name, String master, int partitions, int epochs) throws Exception {
        return train(name, "--seed", SEED, "--epochs", String.valueOf(epochs), "--examples", "256", "--spark", master,
                "--partitions", String.valueOf(partitions));
    }

    @BeforeAll
    static void fourPartitionRuns() throws Exception {
        twoThreads = spark("local2-p4", "local[2]", 4, 2);
        oneThread = SparkRuns.localOneThread();
    }

    @Test
    void executorThreadsDoNotChangeAnythingAndTheManifestRecordsSpark() throws Exception {
        Result r = run("compare", twoThreads.toString(), oneThread.toString());
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().startsWith("IDENTICAL"), r.all());
        assertEquals(6, r.out().lines().filter(l -> l.endsWith("bitwise equal")).count(), r.all());
        assertTrue(r.out().contains("run.spark.master: A local[2], B local[1]  -> different Spark master / executor"
                + " threads: not expected to matter"), r.all());

        String json = Files.readString(twoThreads.resolve("manifest.json"));
        for (String field : List.of("\"spark\" : {", "\"sparkVersion\" : \"3.5.9\"", "\"master\" : \"local[2]\"",
                "\"partitions\" : 4,", "\"trainingMaster\" : \"SeededTrainingMaster\"", "\"batchSizePerWorker\" : 32",
                "\"averagingFrequency\" : 4", "\"averageUpdater\" : true", "\"path\" : \"spark/data/epoch=1\"",
                "\"path\" : \"spark/task/epoch=0/round=*/partition=*\"",
                "\"path\" : \"spark/train/partition=3/epoch=1/iteration=*\"", "\"status\" : \"complete\"")) {
            assertTrue(json.contains(field), field + " missing in\n" + json);
        }
        // driver-side iteration snapshots do not see the workers' iterations: epoch snapshots only
        assertFalse(json.contains("\"kind\" : \"iteration\""), json);
        assertFalse(json.contains("\"path\" : \"data/shuffle/"), json);
        assertTrue(Files.isRegularFile(twoThreads.resolve("checkpoints/epoch-2/seedbank-spark.properties")));
    }

    @Test
    void anotherPartitionCountDivergesAndCompareNamesIt() throws Exception {
        Path two = spark("local2-p2", "local[2]", 2, 2);
        Result r = run("compare", twoThreads.toString(), two.toString());
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().startsWith("DIVERGENT"), r.all());
        assertTrue(r.out().contains("  run.spark.partitions: A 4, B 2  -> different Spark partition count: each worker"
                + " trains on other examples and a different number of parameter vectors is averaged"), r.all());
        assertFalse(r.out().contains("run.spark.settings"), r.all());
    }

    @Test
    void resumedRunIsBitwiseEqualAndKeepsTheSparkSettings() throws Exception {
        Path half = spark("local1-p4-half", "local[1]", 4, 1);
        // neither --spark nor --partitions: both come from the resumed run
        Path resumed = train("local1-p4-resumed", "--resume", half.toString(), "--epochs", "2");
        Result r = run("compare", twoThreads.toString(), resumed.toString());
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().startsWith("IDENTICAL"), r.all());
        String json = Files.readString(resumed.resolve("manifest.json"));
        assertTrue(json.contains("\"master\" : \"local[1]\"") && json.contains("\"partitions\" : 4,"), json);
    }

    @Test
    void resumingWithAnotherPartitionCountIsRefusedAndChangesNothing() throws Exception {
        Map<Path, String> before = files(tmp);
        String m = twoThreads.toString();
        String[][] cases = {
            {"train", "--resume", m, "--out", m, "--epochs", "3", "--spark", "local[2]", "--partitions", "2"},
            {"train", "--resume", m, "--out", tmp.resolve("never-1").toString(), "--epochs", "3", "--partitions", "2"},
        };
        for (String[] args : cases) {
            Result r = run(args);
            String what = String.join(" ", args) + " -> " + r.all();
            assertEquals(2, r.exit(), what);
            assertEquals(1, r.err().lines().count(), what);
            assertTrue(r.err().startsWith("seedbank: cannot resume Spark training from "), what);
            assertTrue(r.err().contains("partitions 4 in the checkpoint, 2 in this run"), what);
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), what);
        }
        assertEquals(before, files(tmp), "a refused resume changed files");
        assertFalse(Files.exists(tmp.resolve("never-1").resolve("manifest.json")));
    }

    @Test
    void badSparkOptionsGiveOneLineAndExitCode2() throws Exception {
        Map<Path, String> before = files(tmp);
        String[][] cases = {
            {"--spark", "yarn"},
            {"--spark", "spark://127.0.0.1"},
            {"--spark", "local[0]"},
            {"--spark", "local[2]", "--partitions", "0"},
            {"--partitions", "2"},
        };
        String[] expected = {
            "seedbank: --spark expects local, local[N], local[*] (Spark local mode) or spark://HOST:PORT (a standalone"
                    + " master), got 'yarn'",
            "seedbank: --spark expects local, local[N], local[*] (Spark local mode) or spark://HOST:PORT (a standalone"
                    + " master), got 'spark://127.0.0.1'",
            "seedbank: --spark expects local, local[N], local[*] (Spark local mode) or spark://HOST:PORT (a standalone"
                    + " master), got 'local[0]'",
            "seedbank: --partitions must be at least 1, got 0",
            "seedbank: --partitions needs --spark (a Spark master, e.g. --spark local[2])",
        };
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new ArrayList<>(List.of("train", "--seed", "1", "--epochs", "1", "--out",
                    tmp.resolve("never-bad-" + i).toString()));
            args.addAll(List.of(cases[i]));
            Result r = run(args.toArray(String[]::new));
            String what = String.join(" ", args) + " -> " + r.all();
            assertEquals(2, r.exit(), what);
            assertEquals(expected[i], r.err().strip(), what);
            assertEquals(1, r.err().lines().count(), what);
            assertFalse(Files.exists(tmp.resolve("never-bad-" + i).resolve("manifest.json")), what);
        }
        Map<Path, String> after = files(tmp);
        assertEquals(before, after, "bad input changed files");
    }

    /** Every regular file under {@code root} with its SHA-256, except the captured process outputs. */
    private static Map<Path, String> files(Path root) throws Exception {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                String name = p.getFileName().toString();
                if (p.getParent().equals(root) && (name.startsWith("out") || name.startsWith("err"))) {
                    continue;
                }
                out.put(p, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }
}
