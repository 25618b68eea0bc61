package dev.seedbank.cli;

import dev.seedbank.demo.CompareJob;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedbank compare A B}: exit 0 identical, 1 divergent, 2 bad input. */
@Command(name = "compare", description = "Compare two runs (manifests or run directories): IDENTICAL, or the first"
        + " divergence and the differences that likely caused it. Exit 0 identical, 1 divergent, 2 bad input.")
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "Manifest or run directory.")
    private Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Manifest or run directory.")
    private Path b;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw both score curves and the per-layer divergence.")
    private Path plot;

    @Override
    public Integer call() {
        return CompareJob.run(a, b, plot, System.out);
    }
}
