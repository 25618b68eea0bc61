package dev.seedbank.cli;

import dev.seedbank.rng.registry.SeedRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedbank derive}: prints the key a root seed derives for a path. */
@Command(name = "derive", description = "Print the stream key derived for a path from a root seed, as 0x-hex.")
final class DeriveCommand implements Callable<Integer> {
    @Option(names = "--seed", required = true, converter = UnsignedConverter.class,
            description = "Root seed, decimal or 0x-hex (0..2^64-1).")
    private long seed;

    @Option(names = "--path", required = true, description = "Stream path, e.g. init/dense_1/W or data/shuffle/epoch=3.")
    private String path;

    @Override
    public Integer call() {
        System.out.println(SeedRegistry.of(seed).key(path));
        return 0;
    }
}
