package dev.seedbank.cli;

import picocli.CommandLine.Option;

/**
 * The options {@code demo} and {@code verify} share: both train the demo job twice and compare, so they pick
 * the model and the mode the same way. Filled by picocli; not thread-safe (one command line).
 */
final class TwoRunOptions {
    @Option(names = "--model", defaultValue = "mlp", description = "mlp or cnn (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--machine-specific", description = "Train both runs with this machine's fastest BLAS kernels and"
            + " thread counts instead of portable mode (then the second run's other native settings can change results).")
    boolean machineSpecific;
}
