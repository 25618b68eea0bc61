package dev.seedbank.demo;

import dev.seedbank.record.CheckpointDiff;
import dev.seedbank.record.BadInputException;
import dev.seedbank.record.ManifestJson;
import dev.seedbank.record.ParamDiff;
import dev.seedbank.record.RunComparison;
import dev.seedbank.record.RunManifest;
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
        RunComparison.Result r = CheckpointDiff.compareRuns(a, b, ma, mb);
        RunComparison.report(r, a.toString(), b.toString()).forEach(out::println);
        if (plot != null) {
            DivergencePlot.write(plot, ma, mb, r);
            out.println("plot: " + plot);
        }
        return r.identical() ? IDENTICAL : DIVERGENT;
    }

}
