package dev.seedbank.examples;

import java.nio.file.Path;

/**
 * The examples' command line: {@code --out DIR} (where the run record and the trained model go) and
 * {@code --plain} (run the program without its Seedbank lines). Bad input: one line on stderr, exit 2.
 *
 * @param out the output directory
 * @param plain whether to skip the Seedbank lines
 */
record ExampleArgs(Path out, boolean plain) {
    static ExampleArgs parse(String[] args, String program) {
        Path out = null;
        boolean plain = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--plain" -> plain = true;
                case "--out" -> {
                    if (i + 1 == args.length) {
                        usage(program, "--out needs a directory");
                    }
                    out = Path.of(args[++i]);
                }
                default -> usage(program, "unknown argument '" + args[i] + "'");
            }
        }
        if (out == null) {
            usage(program, "missing --out DIR");
        }
        return new ExampleArgs(out, plain);
    }

    private static void usage(String program, String problem) {
        System.err.println(program + ": " + problem + " (usage: " + program + " --out DIR [--plain])");
        System.exit(2);
    }
}
