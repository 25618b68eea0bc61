package dev.seedbank.cli;

import dev.seedbank.demo.DemoJob;
import dev.seedbank.demo.VerifyJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seedbank verify}: a self-test of this machine; exit 0 when two runs match, 1 otherwise. */
@Command(name = "verify", description = "Self-test of this machine: the demo job trained in separate JVMs under the native"
        + " settings of other machines (BLAS kernel, OpenMP threads, augmentation threads); prints setting -> fingerprint"
        + " -> same/different and passes only if all are the same.")
final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--seed", defaultValue = "7", converter = UnsignedConverter.class, description = "Root seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--epochs", defaultValue = "2", description = "Epochs (default ${DEFAULT-VALUE}).")
    private int epochs;

    @Mixin
    private TwoRunOptions runs;

    @Option(names = "--out", description = "Keep both run directories here (default: a temporary directory, removed).")
    private Path out;

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out : Files.createTempDirectory("seedbank-verify-");
        try {
            int rc = VerifyJob.run(seed, epochs, runs.model, dir, out != null, runs.machineSpecific, System.out);
            System.out.println(rc == DemoJob.PASS ? "PASS" : "FAIL");
            return rc;
        } catch (IllegalStateException e) {
            System.err.println("seedbank: " + e.getMessage());
            System.out.println("FAIL");
            return DemoJob.FAIL;
        }
    }
}
