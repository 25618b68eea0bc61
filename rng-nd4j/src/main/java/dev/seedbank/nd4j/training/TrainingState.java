package dev.seedbank.nd4j.training;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.stream.UnsignedLongs;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The Seedbank side of a training checkpoint: what must match for a resumed run to continue the streams of
 * the interrupted one. Written as a small UTF-8 properties file:
 *
 * <pre>
 * format=seedbank-training-state-1
 * rootSeed=0x...             (unsigned 64-bit, hex)
 * derivationVersion=seedbank-derive-v1
 * epoch=E                    (DL4J epoch counter at save time)
 * iteration=I                (DL4J iteration counter at save time)
 * configSha256=...           (SHA-256 of the normalised network configuration JSON)
 * </pre>
 *
 * Immutable value.
 *
 * @param rootSeed the registry's root seed
 * @param derivationVersion the registry's key derivation version
 * @param epoch the model's epoch counter
 * @param iteration the model's iteration counter
 * @param configSha256 {@link ConfigFingerprint#sha256} of the configuration
 */
public record TrainingState(long rootSeed, String derivationVersion, long epoch, long iteration, String configSha256) {
    /** The format id on the first line of the file. */
    public static final String FORMAT = "seedbank-training-state-1";

    /** The state of a run using {@code registry} at the given counters. */
    public static TrainingState of(SeedRegistry registry, long epoch, long iteration, String configSha256) {
        return new TrainingState(registry.seed().value(), registry.derivationVersion(), epoch, iteration, configSha256);
    }

    /** Writes the file. */
    public void write(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# Seedbank training state\n");
            w.write("format=" + FORMAT + "\n");
            w.write("rootSeed=" + UnsignedLongs.hex(rootSeed) + "\n");
            w.write("derivationVersion=" + derivationVersion + "\n");
            w.write("epoch=" + epoch + "\n");
            w.write("iteration=" + iteration + "\n");
            w.write("configSha256=" + configSha256 + "\n");
        }
    }

    /**
     * Reads a file written by {@link #write}.
     *
     * @throws IllegalArgumentException naming the file and the field when it is not a valid state file
     */
    public static TrainingState read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String format = p.getProperty("format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("Seedbank state file " + file + " has format " + format + ", expected " + FORMAT);
        }
        return new TrainingState(
                UnsignedLongs.parse(field(p, "rootSeed", file), "rootSeed in " + file),
                field(p, "derivationVersion", file),
                number(p, "epoch", file),
                number(p, "iteration", file),
                field(p, "configSha256", file));
    }

    /**
     * Checks that a run using {@code registry} may resume from this state.
     *
     * @throws IllegalArgumentException naming the root seed or derivation version that differs
     */
    public void checkRegistry(SeedRegistry registry) {
        if (!derivationVersion.equals(registry.derivationVersion())) {
            throw new IllegalArgumentException("cannot resume: the checkpoint was written with derivation version "
                    + derivationVersion + " but this run uses " + registry.derivationVersion()
                    + " (streams would differ)");
        }
        if (rootSeed != registry.seed().value()) {
            throw new IllegalArgumentException("cannot resume: the checkpoint was written with root seed "
                    + UnsignedLongs.hex(rootSeed) + " but this run's root seed is " + registry.seed()
                    + " (set seedbank.seed / SEEDBANK_SEED to " + UnsignedLongs.hex(rootSeed) + ")");
        }
    }

    private static String field(Properties p, String name, Path file) {
        String v = p.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("Seedbank state file " + file + " lacks " + name);
        }
        return v.trim();
    }

    private static long number(Properties p, String name, Path file) {
        String v = field(p, name, file);
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Seedbank state file " + file + ": " + name + "=" + v
                    + " is not a non-negative integer");
        }
    }
}
