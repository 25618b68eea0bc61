package dev.seedbank.demo;

import dev.seedbank.record.RunDirectory;
import dev.seedbank.record.BadInputException;
import dev.seedbank.record.ManifestJson;
import dev.seedbank.record.RunManifest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code seedbank train} in separate JVM processes (the same {@code java} and class path as this one),
 * one after the other, showing their progress, and reads back their manifests. Used by {@code demo} and
 * {@code verify}.
 */
public final class TwoRuns {
    private static final Pattern PROGRESS = Pattern.compile(Pattern.quote(Progress.MACHINE)
            + " epoch=(\\d+) epochs=(\\d+) iteration=(\\d+) score=(\\S+)");

    /**
     * One child run.
     *
     * @param label how the run is named in output, e.g. {@code 1 thread}
     * @param threads augmentation threads
     * @param dir its run directory
     * @param env environment variables set for the child on top of this JVM's (another machine's native settings)
     */
    public record Child(String label, int threads, Path dir, Map<String, String> env) {
        public Child {
            env = Map.copyOf(env);
        }
    }

    /** Seedbank's vector fills (the same values as the scalar ones, faster where the CPU has 512-bit vectors). */
    static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";

    private TwoRuns() {
    }

    /** The java launcher of this JVM. */
    static String javaBin() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * Trains each child in turn and returns their manifests.
     *
     * @param bar whether to draw progress bars (else plain lines)
     * @throws IllegalStateException when a child fails (its log is named)
     */
    public static List<RunManifest> run(long seed, int epochs, String model, List<Child> children, boolean machineSpecific,
            PrintStream out, boolean bar) throws IOException, InterruptedException {
        List<RunManifest> manifests = new ArrayList<>();
        int n = 0;
        for (Child c : children) {
            n++;
            RunDirectory.prepareOutput(c.dir());
            Path log = c.dir().resolve("train.log");
            List<String> cmd = new ArrayList<>(List.of(javaBin(), VECTOR_MODULE, "-cp", System.getProperty("java.class.path"),
                    "dev.seedbank.cli.SeedbankCommand", "train", "--seed", Long.toUnsignedString(seed), "--epochs",
                    String.valueOf(epochs), "--threads", String.valueOf(c.threads()), "--model", model, "--out",
                    c.dir().toString(), "--progress", "machine"));
            if (machineSpecific) {
                cmd.add("--machine-specific");
            }
            String label = "run " + n + "/" + children.size() + " (" + c.label() + ")";
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.to(log.toFile()));
            pb.environment().putAll(c.env());
            long t0 = System.nanoTime();
            Process p = pb.start();
            p.getOutputStream().close();
            Progress.Bar display = bar ? new Progress.Bar(out, label) : null;
            if (display != null) {
                display.show(0, epochs, "epochs  starting JVM");
            } else {
                out.println(label + ": starting a new JVM");
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    Matcher m = PROGRESS.matcher(line);
                    if (!m.matches()) {
                        continue;
                    }
                    long e = Long.parseLong(m.group(1));
                    double score = Double.parseDouble(m.group(4));
                    if (display != null) {
                        display.show(e, epochs, String.format(Locale.ROOT, "epochs  score %.4f", score));
                    } else {
                        out.printf(Locale.ROOT, "%s: epoch %d/%d  iteration %s  score %.6f%n", label, e, epochs,
                                m.group(3), score);
                    }
                }
            }
            int rc = p.waitFor();
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (display != null) {
                display.show(epochs, epochs, String.format(Locale.ROOT, "epochs  %.1f s", seconds));
                display.done();
            } else {
                out.printf(Locale.ROOT, "%s: done in %.1f s%n", label, seconds);
            }
            if (rc != 0) {
                List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
                String last = lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
                throw new IllegalStateException(label + " failed with exit code " + rc + ": " + last + " (log: " + log + ")");
            }
            try {
                manifests.add(ManifestJson.read(c.dir()));
            } catch (BadInputException e) {
                throw new IllegalStateException(label + " wrote no readable manifest: " + e.getMessage());
            }
        }
        return manifests;
    }
}
