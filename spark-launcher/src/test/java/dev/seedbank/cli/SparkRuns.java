package dev.seedbank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seedbank.cli.JarProcess.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Training runs of seedbank-spark.jar shared by the Spark end-to-end tests (each run is a separate JVM and costs
 * tens of seconds, so a reference run is made once per test JVM): 256 examples, seed {@value #SEED}, small heaps.
 * Thread-safe (synchronized); runs live under {@code target/spark-runs-*}.
 */
final class SparkRuns {
    static final String SEED = "5";
    /** The driver's heap: the demo network and its 256 examples are small. */
    static final List<String> DRIVER_JVM = List.of("-Xmx512m");

    private static Path root;
    private static final Map<String, Path> RUNS = new HashMap<>();

    private SparkRuns() {
    }

    /** The folder the runs and their captured outputs go to. */
    static synchronized Path root() {
        if (root == null) {
            try {
                Files.createDirectories(Path.of("target"));
                root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "spark-runs-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    /** Runs seedbank-spark.jar with {@code jvm} options; 600 s at most (a loaded 2-core machine is slow). */
    static Result run(List<String> jvm, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(DRIVER_JVM);
        all.addAll(jvm);
        return JarProcess.run(root(), 600, all, args);
    }

    /** The arguments of a training run into {@code dir}. */
    static List<String> trainArgs(Path dir, String master, int partitions, int epochs) {
        return new ArrayList<>(List.of("train", "--out", dir.toString(), "--progress", "plain", "--seed", SEED,
                "--epochs", String.valueOf(epochs), "--examples", "256", "--spark", master, "--partitions",
                String.valueOf(partitions)));
    }

    /** Trains (once per name and test JVM) and returns the run directory; fails unless it exits 0. */
    static synchronized Path train(String name, List<String> jvm, String master, int partitions, int epochs)
            throws Exception {
        Path cached = RUNS.get(name);
        if (cached != null) {
            return cached;
        }
        Path dir = root().resolve(name);
        List<String> args = trainArgs(dir, master, partitions, epochs);
        Result r = run(jvm, args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.all());
        System.out.printf("seedbank %s took %.1f s%n", String.join(" ", args), r.seconds());
        RUNS.put(name, dir);
        return dir;
    }

    /** The reference: local[1], 4 partitions, 2 epochs. */
    static Path localOneThread() throws Exception {
        return train("local1-p4", List.of(), "local[1]", 4, 2);
    }
}
