package dev.seedbank.demo;

import dev.seedbank.record.CheckpointDiff;
import dev.seedbank.record.RunDirectory;
import dev.seedbank.record.RunComparison;
import dev.seedbank.record.RunManifest;
import dev.seedbank.rng.stream.UnsignedLongs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code seedbank demo} and {@code seedbank verify}: the same job trained in two separate JVMs with different
 * augmentation thread counts, then compared fingerprint by fingerprint.
 */
public final class DemoJob {
    public static final int PASS = 0;
    public static final int FAIL = 1;

    private DemoJob() {
    }

    /**
     * Runs both trainings and prints the side-by-side fingerprints and the verdict.
     *
     * @param keep whether to keep the run directories (else {@code out} is deleted afterwards)
     * @return {@link #PASS} when identical, else {@link #FAIL}
     */
    public static int run(String title, long seed, int epochs, String model, int threadsA, int threadsB, Path out,
            boolean keep, boolean table, boolean machineSpecific, PrintStream console)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        RunDirectory.prepareOutput(out);
        TwoRuns.Child a = new TwoRuns.Child(threads(threadsA) + ", " + ANOTHER_MACHINE_LABEL, threadsA,
                out.resolve("threads-" + threadsA), ANOTHER_MACHINE);
        TwoRuns.Child b = new TwoRuns.Child(threads(threadsB) + ", this machine's settings", threadsB,
                out.resolve("threads-" + threadsB), Map.of());
        console.println(title + ": seed " + UnsignedLongs.hex(seed) + ", model " + model + ", " + epochs + " epochs, "
                + (machineSpecific ? "machine-specific" : "portable") + " mode; two runs in separate JVMs: "
                + a.label() + "; " + b.label());
        boolean bar = System.console() != null;
        List<RunManifest> m = TwoRuns.run(seed, epochs, model, List.of(a, b), machineSpecific, console, bar);
        RunComparison.Result r = CheckpointDiff.compareRuns(a.dir(), b.dir(), m.get(0), m.get(1));
        if (table) {
            printTable(console, a.label(), b.label(), m.get(0), m.get(1));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (r.identical()) {
            console.printf(Locale.ROOT, "IDENTICAL: initial parameters, %d snapshots and the final parameters match bit for"
                    + " bit (%.1f s)%n", r.points().size() - 2, seconds);
        } else {
            RunComparison.report(r, a.dir().toString(), b.dir().toString()).forEach(console::println);
        }
        if (keep) {
            console.println("manifests: " + a.dir().resolve(RunManifest.FILE) + "  " + b.dir().resolve(RunManifest.FILE));
        } else {
            deleteQuietly(out);
        }
        return r.identical() ? PASS : FAIL;
    }

    /**
     * The first run's native settings, as another machine would have them: one OpenMP thread and the OpenBLAS kernels
     * of an AVX-only CPU. Portable mode overrides both; machine-specific runs show what they change.
     */
    static final Map<String, String> ANOTHER_MACHINE = Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_CORETYPE", "SandyBridge");
    static final String ANOTHER_MACHINE_LABEL = "OMP_NUM_THREADS=1 OPENBLAS_CORETYPE=SandyBridge";

    private static String threads(int n) {
        return n + (n == 1 ? " augmentation thread" : " augmentation threads");
    }

    private static void printTable(PrintStream out, String la, String lb, RunManifest a, RunManifest b) {
        int width = Stream.concat(a.init().keySet().stream(), b.init().keySet().stream()).mapToInt(String::length).max()
                .orElse(8);
        String row = "%-8s %-" + width + "s  %-16s  %-16s  %s%n";
        out.printf(Locale.ROOT, row, "", "parameter", la, lb, "");
        rows(out, row, "initial", a.init(), b.init());
        rows(out, row, "final", a.finalParams().params(), b.finalParams().params());
        out.printf(Locale.ROOT, row, "final", "(all)", a.paramsSha256().substring(0, 16), b.paramsSha256().substring(0, 16),
                Objects.equals(a.paramsSha256(), b.paramsSha256()) ? "same" : "DIFFERS");
    }

    private static void rows(PrintStream out, String row, String when, Map<String, String> a, Map<String, String> b) {
        Set<String> names = new LinkedHashSet<>(a.keySet());
        names.addAll(b.keySet());
        for (String n : names) {
            String x = a.getOrDefault(n, "-");
            String y = b.getOrDefault(n, "-");
            out.printf(Locale.ROOT, row, when, n, x, y, x.equals(y) ? "same" : "DIFFERS");
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary directory; nothing depends on its removal
        }
    }
}
