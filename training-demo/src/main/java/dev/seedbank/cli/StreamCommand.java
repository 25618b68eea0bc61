package dev.seedbank.cli;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.stream.Format;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedbank stream}: writes a stream's values as text (one per line) or as raw little-endian
 * binary, endless when no count is given, for piping into statistical test suites. A closed pipe ends
 * the command quietly with exit code 0. Not thread-safe (picocli fills the fields).
 */
@Command(name = "stream", description = "Write the values of a stream (cuRAND Philox4_32_10 layout).")
final class StreamCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    static final class Source {
        @Option(names = "--key", converter = UnsignedConverter.class,
                description = "Stream key (the cuRAND seed), decimal or 0x-hex.")
        private Long key;

        @ArgGroup(exclusive = false)
        private Derived derived;
    }

    static final class Derived {
        @Option(names = "--seed", required = true, converter = UnsignedConverter.class,
                description = "Root seed, decimal or 0x-hex.")
        private long seed;

        @Option(names = "--path", required = true, description = "Stream path, e.g. worker/3.")
        private String path;
    }

    @Option(names = "--offset", converter = UnsignedConverter.class, defaultValue = "0",
            description = "First 32-bit word (cuRAND's generator offset). Default: ${DEFAULT-VALUE}.")
    private long offset;

    @Option(names = "--count", converter = UnsignedConverter.class,
            description = "Number of values; endless when absent.")
    private Long count;

    @Option(names = "--format", required = true,
            description = "u32, uniform, uniform-double, normal or normal-double.")
    private String format;

    @Option(names = "--mean", defaultValue = "0", description = "Mean of the normal formats. Default: ${DEFAULT-VALUE}.")
    private double mean;

    @Option(names = "--stddev", defaultValue = "1",
            description = "Standard deviation of the normal formats. Default: ${DEFAULT-VALUE}.")
    private double stddev;

    @Option(names = "--binary", description = "Raw little-endian values instead of text lines.")
    private boolean binary;

    private OutputStream out = StreamWriter.stdout();

    /** Redirects output (tests). */
    StreamCommand output(OutputStream target) {
        this.out = target;
        return this;
    }

    @Override
    public Integer call() throws IOException {
        Format f = Format.parse(format);
        long key = source.key != null ? source.key : SeedRegistry.of(source.derived.seed).key(source.derived.path).value();
        StreamWriter writer = new StreamWriter(f, StreamWriter.stream(key, offset, f, mean, stddev), binary);
        return StreamWriter.writeTo(out, o -> writer.write(o, count));
    }
}
