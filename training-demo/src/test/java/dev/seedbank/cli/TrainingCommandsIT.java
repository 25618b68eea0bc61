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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import dev.seedbank.cli.JarProcess.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end tests of train, demo, compare, verify and env: the packaged seedbank.jar runs in separate
 * processes. One uninterrupted 4-epoch run is shared by the resume, divergence and bad-input tests.
 */
class TrainingCommandsIT {
    private static final String SEED = "5";

    @TempDir
    static Path tmp;
    /** seed 5, 4 epochs, 2 augmentation threads, fingerprints every 4 iterations. */
    private static Path full;

    private static Result run(String... args) throws IOException, InterruptedException {
        return runJava(List.of(), args);
    }

    private static Result runJava(List<String> jvm, String... args) throws IOException, InterruptedException {
        return JarProcess.run(tmp, 300, jvm, args);
    }

    private static Path train(String name, String... extra) throws Exception {
        Path dir = tmp.resolve(name);
        Result r = run(trainArgs(List.of("train"), dir, extra));
        assertEquals(0, r.exit(), r.all());
        return dir;
    }

    /**
     * A run of the train command with a planted change ({@link PlantedChanges}; {@code -}: none), in a child JVM
     * as the others.
     */
    private static Path trainPlanted(String name, String perturb, String layerSeed, String... extra) throws Exception {
        Path dir = tmp.resolve(name);
        Result r = JarProcess.runTestMain(tmp, 300, PlantedChanges.class, trainArgs(List.of(perturb, layerSeed), dir, extra));
        assertEquals(0, r.exit(), r.all());
        return dir;
    }

    private static String[] trainArgs(List<String> leading, Path dir, String... extra) {
        List<String> args = new ArrayList<>(leading);
        args.addAll(List.of("--out", dir.toString(), "--progress", "plain"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @BeforeAll
    static void uninterruptedRun() throws Exception {
        full = train("full", "--seed", SEED, "--epochs", "4", "--threads", "2");
    }

    @Test
    void demoTrainsTwiceInSeparateJvmsAndSaysIdentical() throws Exception {
        Path out = tmp.resolve("demo");
        Result r = run("demo", "--out", out.toString());
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("IDENTICAL"), r.all());
        assertFalse(r.out().contains("DIFFERS"), r.all());
        assertTrue(r.out().contains("initial  dense_1/W"), r.all());
        assertTrue(r.out().contains("final    output/b"), r.all());
        assertTrue(Files.isRegularFile(out.resolve("threads-1/manifest.json")), r.all());
        assertTrue(Files.isRegularFile(out.resolve("threads-4/manifest.json")), r.all());
        // no terminal here: plain progress lines, no carriage returns
        assertTrue(r.out().contains("run 2/2 (4 augmentation threads, this machine's settings): epoch 6/6"), r.all());
        assertFalse(r.out().contains("\r"), r.all());
        System.out.printf("seedbank demo took %.1f s%n", r.seconds());
        assertTrue(r.seconds() < 120, "demo took " + r.seconds() + " s");
    }

    @Test
    void resumedRunIsBitwiseEqualToTheUninterruptedOne() throws Exception {
        Path half = train("half", "--seed", SEED, "--epochs", "2", "--threads", "1");
        Path resumed = train("resumed", "--resume", half.toString(), "--epochs", "4", "--threads", "3");
        Result r = run("compare", full.toString(), resumed.toString());
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().startsWith("IDENTICAL"), r.all());
        long equal = r.out().lines().filter(l -> l.endsWith("bitwise equal")).count();
        assertEquals(6, equal, r.all());
        assertEquals(field(full, "paramsSha256"), field(resumed, "paramsSha256"));
    }

    @Test
    void compareFindsAPlantedOneUlpChangeAtItsIteration() throws Exception {
        Path planted = trainPlanted("planted", "dense_2/W@43", "-", "--seed", SEED, "--epochs", "4", "--threads", "2");
        Path plot = tmp.resolve("divergence.png");
        Result r = run("compare", full.toString(), planted.toString(), "--plot", plot.toString());
        assertEquals(1, r.exit(), r.all());
        List<String> lines = r.out().lines().toList();
        assertEquals("DIVERGENT: first divergence at epoch 1, iteration 43", lines.get(0), r.all());
        assertEquals("  layers: dense_2", lines.get(1), r.all());
        assertEquals("  parameters: dense_2/W", lines.get(2), r.all());
        assertTrue(r.out().contains("last matching point: epoch 1, iteration 39"), r.all());
        assertTrue(r.out().contains("checkpoints (after epoch 4):"), r.all());
        assertTrue(Pattern.compile("dense_2/W +\\d+ of 2048 values differ, max \\|diff\\| \\S+, max ulps \\d+")
                .matcher(r.out()).find(), r.all());
        assertTrue(r.out().contains("no differences in seed, configuration or environment"), r.all());
        byte[] png = Files.readAllBytes(plot);
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "not a PNG");
    }

    @Test
    void compareFindsOneLayerSeededDifferently() throws Exception {
        Path other = trainPlanted("layer-seed", "-", "output=99", "--seed", SEED, "--epochs", "1", "--threads", "2");
        Result r = run("compare", full.toString(), other.toString());
        assertEquals(1, r.exit(), r.all());
        List<String> lines = r.out().lines().toList();
        assertEquals("DIVERGENT: first divergence at initialisation", lines.get(0), r.all());
        assertEquals("  layers: output", lines.get(1), r.all());
        assertEquals("  parameters: output/W", lines.get(2), r.all());
        assertTrue(r.out().contains("  configuration.confs[2].layer.weightInitFn.rootSeed: A 5, B 99  -> different network"
                + " configuration"), r.all());
        assertTrue(r.out().contains("run.epochs: A 4, B 1"), r.all());
    }

    @Test
    void compareFindsOneEditedFingerprintInAManifest() throws Exception {
        String json = Files.readString(full.resolve("manifest.json"));
        // the snapshot after iteration 71 (epoch 2): change output/b's fingerprint
        Matcher m = Pattern.compile("\"iteration\" : 71,[^}]*?\"output/b\" : \"([0-9a-f]{16})\"", Pattern.DOTALL)
                .matcher(json);
        assertTrue(m.find(), "snapshot of iteration 71 not found");
        String flipped = (m.group(1).charAt(0) == '0' ? "1" : "0") + m.group(1).substring(1);
        String edited = json.substring(0, m.start(1)) + flipped + json.substring(m.end(1));
        Path dir = Files.createDirectories(tmp.resolve("edited"));
        Path file = Files.writeString(dir.resolve("manifest.json"), edited);
        Result r = run("compare", full.resolve("manifest.json").toString(), file.toString());
        assertEquals(1, r.exit(), r.all());
        List<String> lines = r.out().lines().toList();
        assertEquals("DIVERGENT: first divergence at epoch 2, iteration 71", lines.get(0), r.all());
        assertEquals("  layers: output", lines.get(1), r.all());
        assertEquals("  parameters: output/b", lines.get(2), r.all());
        assertTrue(r.out().contains("last matching point: epoch 2, iteration 67"), r.all());
    }

    @Test
    void verifyPassesOnThisMachine() throws Exception {
        Result r = run("verify");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("IDENTICAL"), r.all());
        assertTrue(r.out().strip().endsWith("PASS"), r.all());
    }

    @Test
    void verifyTableIsIdenticalInPortableModeAndShowsWhatMachineSpecificModeChanges() throws Exception {
        Result portable = run("verify");
        for (String kernel : List.of("Haswell", "SandyBridge", "Prescott")) {
            assertTrue(portable.out().contains("OPENBLAS_CORETYPE=" + kernel), portable.all());
        }
        assertFalse(portable.out().contains("DIFFERENT"), portable.all());
        // the same matrix with the machine's own kernels: SandyBridge's and Prescott's kernels (no FMA) give other
        // parameters than this CPU's AVX2 kernels
        Result specific = run("verify", "--machine-specific");
        assertEquals(1, specific.exit(), specific.all());
        assertTrue(specific.out().contains("machine-specific mode"), specific.all());
        assertTrue(specific.out().contains("DIFFERENT"), specific.all());
        assertTrue(specific.out().strip().endsWith("FAIL"), specific.all());
    }

    @Test
    void envPrintsTheFingerprint() throws Exception {
        Result r = run("env");
        assertEquals(0, r.exit(), r.all());
        for (String key : List.of("java.version", "os.name", "cpu.model", "cpu.simd", "nd4j.backend", "nd4j.version",
                "blas.vendor", "blas.threads", "env.OMP_NUM_THREADS", "seedbank.version")) {
            assertTrue(Pattern.compile("(?m)^" + Pattern.quote(key) + " +\\S").matcher(r.out()).find(), key + "\n" + r.all());
        }
    }

    @Test
    void envWithABackendThatCannotStartGivesOneLine() throws Exception {
        // javacpp looks for another platform's native libraries, as nd4j-native does where it has none (and as the
        // CUDA build does without a GPU): ND4J's backend fails in a static initialiser
        Result r = runJava(List.of("-Dorg.bytedeco.javacpp.platform=linux-ppc64le"), "env");
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().startsWith("seedbank: ND4J cannot start its backend on this machine ("), r.all());
        assertEquals(1, r.err().strip().lines().count(), r.all());
    }

    @Test
    void badInputGivesOneLineExitCode2AndDamagesNothing() throws Exception {
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        String good = Files.readString(full.resolve("manifest.json"));
        Path empty = Files.writeString(bad.resolve("empty.json"), "");
        Path truncated = Files.writeString(bad.resolve("truncated.json"), good.substring(0, good.length() / 2));
        Path corrupt = Files.write(bad.resolve("corrupt.json"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, '{'});
        Path future = Files.writeString(bad.resolve("future.json"), good.replace("\"schemaVersion\" : 1,",
                "\"schemaVersion\" : 99,"));
        Path notManifest = Files.writeString(bad.resolve("other.json"), "{\"hello\": 1}");
        Path noCheckpoint = Files.createDirectories(bad.resolve("no-checkpoint"));
        Files.writeString(noCheckpoint.resolve("manifest.json"), good);
        Path aFile = Files.writeString(bad.resolve("a-file"), "x");
        Map<Path, String> before = snapshot(tmp);

        String m = full.toString();
        String[][] cases = {
            {"compare", m, bad.resolve("missing.json").toString()},
            {"compare", m, bad.resolve("missing-dir").toString() + "/"},
            {"compare", empty.toString(), m},
            {"compare", m, truncated.toString()},
            {"compare", corrupt.toString(), m},
            {"compare", m, future.toString()},
            {"compare", m, notManifest.toString()},
            {"compare", m},
            {"train", "--resume", noCheckpoint.toString(), "--out", tmp.resolve("never-1").toString()},
            {"train", "--resume", bad.resolve("nothing-here").toString(), "--out", tmp.resolve("never-2").toString()},
            {"train", "--resume", m, "--out", m, "--seed", "6", "--epochs", "5"},
            {"train", "--resume", m, "--out", m, "--model", "cnn", "--epochs", "5"},
            {"train", "--seed", "1", "--epochs", "1", "--out", aFile.resolve("sub").toString()},
            {"train", "--seed", "1", "--epochs", "1", "--out", aFile.toString()},
            {"train", "--seed", "1", "--epochs", "0", "--out", tmp.resolve("never-3").toString()},
            {"train", "--seed", "1", "--model", "rnn", "--out", tmp.resolve("never-4").toString()},
        };
        for (String[] args : cases) {
            Result r = run(args);
            String what = String.join(" ", args) + " -> " + r.all();
            assertEquals(2, r.exit(), what);
            assertEquals(1, r.err().lines().count(), what);
            assertTrue(r.err().startsWith("seedbank: "), what);
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), what);
        }
        Map<Path, String> after = snapshot(tmp);
        after.keySet().removeIf(p -> p.getFileName().toString().startsWith("out") || p.getFileName().toString().startsWith("err"));
        before.keySet().removeIf(p -> p.getFileName().toString().startsWith("out") || p.getFileName().toString().startsWith("err"));
        assertEquals(before, after, "bad input changed files");
        for (int i = 1; i <= 4; i++) {
            assertFalse(Files.exists(tmp.resolve("never-" + i).resolve("manifest.json")));
        }
    }

    @Test
    void deriveAndHelpDoNotLoadNd4j() throws Exception {
        for (String[] args : new String[][] {{"derive", "--seed", "1", "--path", "a"}, {"--help"}}) {
            Result r = runJava(List.of("-Xlog:class+load=info"), args);
            assertEquals(0, r.exit(), r.all());
            assertTrue(r.out().contains("dev.seedbank.cli.TrainCommand"), "class loading was not logged");
            assertFalse(r.out().contains("org.nd4j") || r.out().contains("org.deeplearning4j")
                    || r.out().contains("org.bytedeco"), String.join(" ", args) + " loaded ND4J/DL4J/JavaCPP classes");
            assertFalse(r.out().contains("org.apache.spark") || r.out().contains(" scala.")
                    || r.out().contains("dev.seedbank.spark"), String.join(" ", args) + " loaded Spark/Scala classes");
        }
    }

    private static String field(Path run, String name) throws IOException {
        Matcher m = Pattern.compile("\"" + name + "\" : \"([^\"]+)\"").matcher(Files.readString(run.resolve("manifest.json")));
        assertTrue(m.find(), name);
        return m.group(1);
    }

    /** Every regular file under {@code root} with its SHA-256. */
    private static Map<Path, String> snapshot(Path root) throws Exception {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                out.put(p, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }
}
