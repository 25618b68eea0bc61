package dev.seedbank.cli;

import dev.seedbank.demo.DemoJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedbank verify}: a self-test of this machine; exit 0 when two runs match, 1 otherwise. */
@Command(name = "verify", description = "Self-test: train a short job twice in separate JVMs with different thread"
        + " counts; pass only if every fingerprint matches (else print the compare report).")
final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--seed", defaultValue = "7", converter = UnsignedConverter.class, description = "Root seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--epochs", defaultValue = "2", description = "Epochs (default ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--model", defaultValue = "mlp", description = "mlp or cnn (default ${DEFAULT-VALUE}).")
    private String model;

    @Option(names = "--threads", defaultValue = "3", description = "Augmentation threads of the second run (default ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--out", description = "Keep both run directories here (default: a temporary directory, removed).")
    private Path out;

    @Option(names = "--machine-specific", description = "Train both runs with this machine's fastest BLAS kernels and"
            + " thread counts instead of portable mode (then the second run's other native settings can change results).")
    private boolean machineSpecific;

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out : Files.createTempDirectory("seedbank-verify-");
        try {
            int rc = DemoJob.run("seedbank verify", seed, epochs, model, 1, threads, dir, out != null, false,
                    machineSpecific, System.out);
            System.out.println(rc == DemoJob.PASS ? "PASS" : "FAIL");
            return rc;
        } catch (IllegalStateException e) {
            System.err.println("seedbank: " + e.getMessage());
            System.out.println("FAIL");
            return DemoJob.FAIL;
        }
    }
}
