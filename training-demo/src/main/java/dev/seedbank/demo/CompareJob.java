package dev.seedbank.demo;

import dev.seedbank.manifest.BadInputException;
import dev.seedbank.manifest.ManifestJson;
import dev.seedbank.manifest.ParamDiff;
import dev.seedbank.manifest.RunComparison;
import dev.seedbank.manifest.RunManifest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code seedbank compare}: two manifests or run directories; exit 0 identical, 1 divergent. */
public final class CompareJob {
    public static final int IDENTICAL = 0;
    public static final int DIVERGENT = 1;

    private CompareJob() {
    }

    /** Compares, prints the report and returns the exit code. */
    public static int run(Path a, Path b, Path plot, PrintStream out) {
        if (plot != null) {
            Path parent = plot.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new BadInputException("cannot write plot " + plot + ": no directory " + parent);
            }
        }
        RunManifest ma = ManifestJson.read(a);
        RunManifest mb = ManifestJson.read(b);
        RunComparison.Result r = compare(a, b, ma, mb);
        RunComparison.report(r, a.toString(), b.toString()).forEach(out::println);
        if (plot != null) {
            DivergencePlot.write(plot, ma, mb, r);
            out.println("plot: " + plot);
        }
        return r.identical() ? IDENTICAL : DIVERGENT;
    }

    /** Compares two read manifests, with their run directories' checkpoints where both have one. */
    public static RunComparison.Result compare(Path a, Path b, RunManifest ma, RunManifest mb) {
        CheckpointDiff.Outcome cp = CheckpointDiff.compare(runDir(a), runDir(b));
        List<ParamDiff> diffs = cp == null ? List.of() : cp.params();
        return RunComparison.compare(ma, mb, diffs, cp == null ? null : cp.label());
    }

    private static Path runDir(Path p) {
        Path abs = p.toAbsolutePath();
        return Files.isDirectory(abs) ? abs : abs.getParent();
    }
}
