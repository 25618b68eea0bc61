package dev.seedbank.cli;

import dev.seedbank.record.EnvironmentFingerprint;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code seedbank env}: prints the environment fingerprint that manifests record. */
@Command(name = "env", description = "Print the environment fingerprint recorded in run manifests.")
final class EnvCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        EnvironmentFingerprint.lines(EnvironmentFingerprint.collect()).forEach(System.out::println);
        return 0;
    }
}
