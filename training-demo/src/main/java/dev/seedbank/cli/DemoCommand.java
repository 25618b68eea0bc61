package dev.seedbank.cli;

import dev.seedbank.demo.DemoJob;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seedbank demo}: trains twice in separate JVMs (1 and 4 augmentation threads) and compares. */
@Command(name = "demo", description = "Train the demo network twice, in two JVMs with 1 and 4 augmentation threads,"
        + " and show that every parameter fingerprint is identical.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--seed", defaultValue = "42", converter = UnsignedConverter.class,
            description = "Root seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--epochs", defaultValue = "6", description = "Epochs (default ${DEFAULT-VALUE}).")
    private int epochs;

    @Mixin
    private TwoRunOptions runs;

    @Option(names = "--threads", defaultValue = "4", description = "Augmentation threads of the second run (default ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--out", defaultValue = "seedbank-demo", description = "Where both run directories go (default ${DEFAULT-VALUE}).")
    private Path out;

    @Override
    public Integer call() throws Exception {
        try {
            return DemoJob.run("seedbank demo", seed, epochs, runs.model, 1, threads, out, true, true,
                runs.machineSpecific, System.out);
        } catch (IllegalStateException e) {
            System.err.println("seedbank: " + e.getMessage());
            return DemoJob.FAIL;
        }
    }
}
