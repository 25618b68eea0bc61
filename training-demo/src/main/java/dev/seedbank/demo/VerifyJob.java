package dev.seedbank.demo;

import dev.seedbank.record.RunDirectory;
import dev.seedbank.record.RunManifest;
import dev.seedbank.rng.stream.UnsignedLongs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code seedbank verify}: the demo job trained once per native setting, each in its own JVM, as other machines
 * would run it: this machine's settings, then OpenBLAS kernels of other CPU types ({@code OPENBLAS_CORETYPE}) with
 * other native thread counts ({@code OMP_NUM_THREADS}) and augmentation thread counts. Prints the table
 * setting -> final parameter fingerprint -> same/different; passes only when every run ends with the first run's
 * parameters. In portable mode they must; with {@code --machine-specific} the table shows which settings change
 * the result here. The kernels are ones every x86-64 CPU with AVX2 executes (Haswell, SandyBridge, Prescott);
 * SkylakeX needs AVX-512 and is left out. Stateless.
 */
public final class VerifyJob {
    /** The native settings of one run after the first (which keeps this machine's settings). */
    private record Setting(String kernel, String ompThreads, int augmentThreads) {
        Map<String, String> env() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("OPENBLAS_CORETYPE", kernel);
            m.put("OMP_NUM_THREADS", ompThreads);
            return m;
        }

        String label() {
            return "OPENBLAS_CORETYPE=" + kernel + " OMP_NUM_THREADS=" + ompThreads + ", " + augmentThreads
                    + " augmentation thread" + (augmentThreads == 1 ? "" : "s");
        }
    }

    private static final List<Setting> OTHER_MACHINES = List.of(new Setting("Haswell", "1", 1),
            new Setting("SandyBridge", "2", 2), new Setting("Prescott", "4", 3));

    private VerifyJob() {
    }

    /** Runs the matrix into {@code out} and prints the table; returns {@link DemoJob#PASS} or {@link DemoJob#FAIL}. */
    public static int run(long seed, int epochs, String model, Path out, boolean keep, boolean machineSpecific,
            PrintStream console) throws IOException, InterruptedException {
        RunDirectory.prepareOutput(out);
        List<TwoRuns.Child> children = new ArrayList<>();
        children.add(new TwoRuns.Child("this machine's settings, 1 augmentation thread", 1, out.resolve("run-0"), Map.of()));
        for (Setting s : OTHER_MACHINES) {
            children.add(new TwoRuns.Child(s.label(), s.augmentThreads(), out.resolve("run-" + children.size()), s.env()));
        }
        console.println("seedbank verify: seed " + UnsignedLongs.hex(seed) + ", model " + model + ", " + epochs
                + " epochs, " + (machineSpecific ? "machine-specific" : "portable") + " mode; " + children.size()
                + " runs in separate JVMs, each with another machine's native settings");
        List<RunManifest> m = TwoRuns.run(seed, epochs, model, children, machineSpecific, console, System.console() != null);
        String first = m.get(0).paramsSha256();
        int width = children.stream().mapToInt(c -> c.label().length()).max().orElse(10);
        boolean same = true;
        console.printf(Locale.ROOT, "%-" + width + "s  %-16s  %s%n", "setting", "final params", "");
        for (int i = 0; i < children.size(); i++) {
            String sha = m.get(i).paramsSha256();
            boolean equal = sha.equals(first);
            same &= equal;
            console.printf(Locale.ROOT, "%-" + width + "s  %-16s  %s%n", children.get(i).label(), sha.substring(0, 16),
                    i == 0 ? "(reference)" : equal ? "same" : "DIFFERENT");
        }
        console.println(same ? "IDENTICAL: every setting ends with the same parameters bit for bit"
                : "DIVERGENT: the settings marked DIFFERENT change the trained parameters on this machine"
                + (machineSpecific ? "" : " although portable mode is on (see docs/portable.md)"));
        if (keep) {
            console.println("run directories: " + out);
        } else {
            DemoJob.deleteQuietly(out);
        }
        return same ? DemoJob.PASS : DemoJob.FAIL;
    }
}
