package dev.seedbank.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import dev.seedbank.record.CheckpointDiff;
import dev.seedbank.record.RunComparison;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each example program as users run it: a separate JVM per run, from the packaged jar; two runs compared by the
 * code behind {@code seedbank compare} (run-record's {@link CheckpointDiff#compareRuns} and
 * {@link RunComparison#report}, what the command prints), the {@code --plain} runs (no Seedbank lines) by their
 * saved models. Native thread settings are left as users have them, except in the thread-count test, which compares
 * OMP_NUM_THREADS 1 and 2.
 */
class ExamplesIT {
    static final Path EXAMPLES = Path.of(System.getProperty("seedbank.examples.jar", "target/seedbank-examples.jar"));
    static final String PACKAGE = "dev.seedbank.examples.";
    static final long TIMEOUT_SECONDS = 300;

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
        String all() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static Result java(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().remove("SEEDBANK_SEED");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "timed out: " + cmd);
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs example {@code program} into {@code dir/name}; returns that directory. */
    Path runExample(String program, String name, Map<String, String> env, String... extra)
            throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("-cp", EXAMPLES.toString(), PACKAGE + program, "--out", out.toString()));
        args.addAll(List.of(extra));
        Result r = java(dir, env, args.toArray(String[]::new));
        assertEquals(0, r.exit(), program + " failed:\n" + r.all());
        assertTrue(Files.isRegularFile(out.resolve("model.zip")), program + " saved no model:\n" + r.all());
        return out;
    }

    /** What {@code seedbank compare a b} prints, and its exit code (0 identical, 1 divergent). */
    static Result compare(Path a, Path b) {
        RunComparison.Result r = CheckpointDiff.compareRuns(a, b);
        return new Result(r.identical() ? 0 : 1, String.join("\n", RunComparison.report(r, a.toString(), b.toString())), "");
    }

    static float[] params(Path run) throws IOException {
        File f = run.resolve("model.zip").toFile();
        Model m;
        try {
            m = ModelSerializer.restoreMultiLayerNetwork(f, false);
        } catch (RuntimeException notAMultiLayerNetwork) {
            m = ModelSerializer.restoreComputationGraph(f, false);
        }
        return m.params().dup().toFloatVector();
    }

    @ParameterizedTest
    @ValueSource(strings = {"IrisClassifier", "LeNetEarlyStopping", "GraphClassifier", "ParallelTraining"})
    void twoRunsWithSeedbankAreIdenticalAndTwoPlainRunsDiffer(String program) throws Exception {
        Map<String, String> seed = Map.of("SEEDBANK_SEED", "11");
        Path a = runExample(program, "a", seed);
        Path b = runExample(program, "b", seed);
        Result c = compare(a, b);
        assertEquals(0, c.exit(), "compare of two " + program + " runs:\n" + c.all());
        assertTrue(c.out().contains("IDENTICAL"), c.all());
        String manifest = Files.readString(a.resolve("manifest.json"));
        assertTrue(manifest.contains("\"status\" : \"complete\""), manifest);
        assertTrue(manifest.contains("\"model\" : \"" + PACKAGE + program), manifest);

        // plain DL4J: each of these programs draws from a clock-seeded generator (DataSet.shuffle(), Nd4j.rand on
        // a thread ND4J seeded with the time, ParallelWrapper replicas), so two runs differ
        float[] p1 = params(runExample(program, "plain-1", Map.of(), "--plain"));
        float[] p2 = params(runExample(program, "plain-2", Map.of(), "--plain"));
        assertEquals(p1.length, p2.length);
        assertFalse(java.util.Arrays.equals(p1, p2), "two plain " + program + " runs gave the same parameters");
        assertTrue(java.util.Arrays.equals(params(a), params(b)), "the two Seedbank runs saved different models");
    }

    @Test
    void nativeThreadCountIsIdenticalOrNamedAsTheCause() throws Exception {
        Path one = runExample("LeNetEarlyStopping", "omp1", Map.of("SEEDBANK_SEED", "11", "OMP_NUM_THREADS", "1"));
        Path two = runExample("LeNetEarlyStopping", "omp2", Map.of("SEEDBANK_SEED", "11", "OMP_NUM_THREADS", "2"));
        Result c = compare(one, two);
        if (c.exit() == 0) {
            assertTrue(c.out().contains("IDENTICAL"), c.all());
        } else {
            assertEquals(1, c.exit(), c.all());
            assertTrue(c.out().contains("env.OMP_NUM_THREADS") && c.out().contains("OpenMP thread count"), c.all());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"IrisClassifier", "LeNetEarlyStopping", "GraphClassifier", "ParallelTraining"})
    void atMostThreeSeedbankLines(String program) throws IOException {
        Path source = Path.of("src/main/java/dev/seedbank/examples", program + ".java");
        long lines = Files.readAllLines(source).stream().filter(l -> l.strip().endsWith("// seedbank"))
                .filter(l -> !l.strip().startsWith("*")).count();
        assertTrue(lines >= 1 && lines <= 3, program + " has " + lines + " lines marked // seedbank");
    }

    @Test
    void badArgumentsExitTwoWithOneLine() throws Exception {
        Result r = java(dir, Map.of(), "-cp", EXAMPLES.toString(), PACKAGE + "IrisClassifier", "--bogus");
        assertEquals(2, r.exit(), r.all());
        assertEquals(1, r.err().strip().lines().count(), r.all());
    }
}
