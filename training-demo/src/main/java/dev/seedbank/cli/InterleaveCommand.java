package dev.seedbank.cli;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamPath;
import dev.seedbank.rng.scope.SeededExecutor;
import dev.seedbank.rng.scope.StreamScope;
import dev.seedbank.rng.stream.StreamFills;
import dev.seedbank.rng.stream.UnsignedLongs;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedbank interleave}: writes the 32-bit words ({@code u32}) of several streams round-robin, word by
 * word (word 0 of every stream, then word 1 of every stream, ...), for statistical tests of streams that
 * are used side by side: neighbouring paths, neighbouring root seeds, or the streams {@link SeededExecutor}
 * binds to consecutive tasks. Binary little-endian by default and endless without {@code --count}; a
 * closed pipe ends the command quietly with exit code 0.
 *
 * <p>Also runnable on its own ({@code java -cp seedbank.jar dev.seedbank.cli.InterleaveCommand ...}),
 * with the same one-line errors and exit code 2 as {@code seedbank}.
 */
@Command(name = "interleave",
        description = "Write the u32 words of several streams interleaved word by word (for statistical tests).")
final class InterleaveCommand implements Callable<Integer> {
    /** The most streams one command interleaves. */
    static final int MAX_STREAMS = 4096;
    /** Words of every stream per chunk. */
    private static final int CHUNK = 1 << 12;
    /** {@code prefix<a>..prefix<b>}: the same prefix on both sides, decimal indices. */
    private static final Pattern PATH_RANGE = Pattern.compile("(.*?)(\\d+)\\.\\.(.*?)(\\d+)");
    private static final Pattern SEED_RANGE = Pattern.compile("([^.]+)\\.\\.([^.]+)");

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Mode mode;

    static final class Mode {
        @Option(names = "--paths", paramLabel = "LIST",
                description = "Paths under --seed: comma-separated, each a path or a range such as worker/0..worker/15.")
        private String paths;

        @Option(names = "--seeds", paramLabel = "LIST",
                description = "Root seeds for --path: comma-separated, each a number or a range such as 0..15.")
        private String seeds;

        @Option(names = "--executor-tasks", paramLabel = "N",
                description = "The streams SeededExecutor binds to its first N tasks under --seed and --base.")
        private Integer executorTasks;
    }

    @Option(names = "--seed", converter = UnsignedConverter.class,
            description = "Root seed (with --paths or --executor-tasks), decimal or 0x-hex.")
    private Long seed;

    @Option(names = "--path", description = "Stream path (with --seeds).")
    private String path;

    @Option(names = "--base", description = "The executor's base path (with --executor-tasks).")
    private String base;

    @Option(names = "--count", converter = UnsignedConverter.class,
            description = "Number of words in all (a multiple of the stream count or not); endless when absent.")
    private Long count;

    @Option(names = "--binary", description = "Raw little-endian words (the default unless --text).")
    private boolean binary;

    @Option(names = "--text", description = "8-digit hex lines instead of binary.")
    private boolean text;

    @Option(names = "--list", description = "Print the streams (source and key), one per line, and write no words.")
    private boolean list;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);

    /** One stream: where it came from and its key. */
    record Source(String description, long key) {
    }

    /** Redirects output (tests). */
    InterleaveCommand output(OutputStream target) {
        this.out = target;
        return this;
    }

    @Override
    public Integer call() throws IOException {
        if (binary && text) {
            throw bad("--binary and --text are mutually exclusive");
        }
        List<Source> sources = sources();
        try {
            if (list) {
                StringBuilder sb = new StringBuilder();
                for (Source s : sources) {
                    sb.append(s.description()).append('\t').append(UnsignedLongs.hex(s.key())).append('\n');
                }
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            } else {
                write(sources, count, !text, out);
            }
            out.flush();
        } catch (IOException e) {
            String m = e.getMessage();
            if (m != null && (m.contains("Broken pipe") || m.contains("Stream closed"))) {
                return 0;
            }
            throw e;
        }
        return 0;
    }

    /** The streams selected by the options, in output order. */
    List<Source> sources() {
        if (mode.paths != null) {
            requireAbsent("--paths", "--path", path);
            requireAbsent("--paths", "--base", base);
            long root = requireSeed("--paths");
            SeedRegistry registry = SeedRegistry.of(root);
            List<Source> sources = new ArrayList<>();
            for (String p : expandPaths(mode.paths)) {
                StreamPath parsed = StreamPath.parse(p);
                checkSize(sources.size() + 1);
                sources.add(new Source("seed=" + Long.toUnsignedString(root) + " path=" + parsed, registry.key(parsed).value()));
            }
            return sources;
        }
        if (mode.seeds != null) {
            requireAbsent("--seeds", "--seed", seed);
            requireAbsent("--seeds", "--base", base);
            if (path == null) {
                throw bad("--seeds needs --path");
            }
            StreamPath parsed = StreamPath.parse(path);
            List<Source> sources = new ArrayList<>();
            for (long s : expandSeeds(mode.seeds)) {
                sources.add(new Source("seed=" + Long.toUnsignedString(s) + " path=" + parsed,
                        SeedRegistry.of(s).key(parsed).value()));
            }
            return sources;
        }
        requireAbsent("--executor-tasks", "--path", path);
        long root = requireSeed("--executor-tasks");
        if (base == null) {
            throw bad("--executor-tasks needs --base");
        }
        int n = mode.executorTasks;
        if (n < 1) {
            throw bad("invalid --executor-tasks " + n + " (expected 1.." + MAX_STREAMS + ")");
        }
        checkSize(n);
        return executorStreams(SeedRegistry.of(root), StreamPath.parse(base), n);
    }

    /**
     * The streams a {@link SeededExecutor} binds to its first {@code n} tasks, read by the tasks themselves
     * from {@link StreamScope#current()} (so this follows whatever the executor does).
     */
    static List<Source> executorStreams(SeedRegistry registry, StreamPath base, int n) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 4));
        SeededExecutor executor = new SeededExecutor(pool, registry, base);
        try {
            List<Future<Long>> keys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                keys.add(executor.submit(() -> StreamScope.current().key()));
            }
            List<Source> sources = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                sources.add(new Source("seed=" + Long.toUnsignedString(registry.seed().value()) + " executor base="
                        + base + " task=" + i, keys.get(i).get()));
            }
            return sources;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding executor streams", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("an executor task failed", e.getCause());
        } finally {
            executor.shutdownNow();
        }
    }

    /** Writes {@code count} words (unsigned; forever when null) round-robin over {@code sources}. */
    static void write(List<Source> sources, Long count, boolean binary, OutputStream out) throws IOException {
        int n = sources.size();
        int perStream = Math.max(1, CHUNK / Math.max(1, n / 16));
        int[][] words = new int[n][perStream];
        ByteBuffer bytes = ByteBuffer.allocate(n * perStream * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long round = 0; // words of each stream written so far
        long done = 0; // words written in all
        while (count == null || Long.compareUnsigned(done, count) < 0) {
            for (int s = 0; s < n; s++) {
                StreamFills.words(sources.get(s).key(), 0, round, words[s], 0, perStream);
            }
            long chunk = (long) n * perStream;
            long remaining = count == null ? chunk : count - done;
            int m = Long.compareUnsigned(remaining, chunk) < 0 ? (int) remaining : (int) chunk;
            bytes.clear();
            StringBuilder sb = binary ? null : new StringBuilder(m * 9);
            for (int k = 0; k < m; k++) {
                int w = words[k % n][k / n];
                if (binary) {
                    bytes.putInt(w);
                } else {
                    String hex = Integer.toHexString(w);
                    sb.append("00000000", hex.length(), 8).append(hex).append('\n');
                }
            }
            if (binary) {
                out.write(bytes.array(), 0, bytes.position());
            } else {
                out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
            }
            done += m;
            round += perStream;
        }
    }

    /** Expands {@code worker/0..worker/15,init/W} into paths. */
    static List<String> expandPaths(String list) {
        List<String> paths = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            Matcher m = PATH_RANGE.matcher(item);
            if (item.contains("..") && m.matches()) {
                if (!m.group(1).equals(m.group(3))) {
                    throw new IllegalArgumentException("invalid path range " + quote(item)
                            + " (expected the same prefix on both sides, e.g. worker/0..worker/15)");
                }
                long from = index(m.group(2), item);
                long to = index(m.group(4), item);
                checkRange(from, to, item, paths.size());
                for (long i = from; i <= to; i++) {
                    paths.add(m.group(1) + i);
                }
            } else {
                paths.add(item);
                checkSize(paths.size());
            }
        }
        return paths;
    }

    /** Expands {@code 0..15,0x2a} into seeds. */
    static List<Long> expandSeeds(String list) {
        List<Long> seeds = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            Matcher m = SEED_RANGE.matcher(item.strip());
            if (m.matches()) {
                long from = UnsignedLongs.parse(m.group(1), "seed in --seeds");
                long to = UnsignedLongs.parse(m.group(2), "seed in --seeds");
                if (Long.compareUnsigned(from, to) > 0 || Long.compareUnsigned(to - from, MAX_STREAMS) >= 0
                        || seeds.size() + (to - from) + 1 > MAX_STREAMS) {
                    throw new IllegalArgumentException("invalid seed range " + quote(item)
                            + " (expected from..to, from <= to, at most " + MAX_STREAMS + " streams in all)");
                }
                for (long s = from; ; s++) {
                    seeds.add(s);
                    if (s == to) {
                        break;
                    }
                }
            } else {
                seeds.add(UnsignedLongs.parse(item, "seed in --seeds"));
                checkSize(seeds.size());
            }
        }
        return seeds;
    }

    private static long index(String digits, String item) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid path range " + quote(item) + " (index too large)");
        }
    }

    private static void checkRange(long from, long to, String item, int already) {
        if (from > to || to - from >= MAX_STREAMS || already + (to - from) + 1 > MAX_STREAMS) {
            throw new IllegalArgumentException("invalid path range " + quote(item)
                    + " (expected from <= to, at most " + MAX_STREAMS + " streams in all)");
        }
    }

    private static void checkSize(int n) {
        if (n > MAX_STREAMS) {
            throw new IllegalArgumentException("too many streams (at most " + MAX_STREAMS + ")");
        }
    }

    private static String quote(String s) {
        return dev.seedbank.rng.Messages.quote(s);
    }

    private long requireSeed(String mode) {
        if (seed == null) {
            throw bad(mode + " needs --seed");
        }
        return seed;
    }

    private void requireAbsent(String mode, String option, Object value) {
        if (value != null) {
            throw bad(option + " does not apply to " + mode);
        }
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Runs {@code interleave} on its own, with {@code seedbank}'s one-line errors and exit codes. */
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new InterleaveCommand());
        cli.setParameterExceptionHandler((e, ignored) -> badInput(e.getCommandLine().getErr(), e.getMessage()));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                return badInput(commandLine.getErr(), e.getMessage());
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    private static int badInput(PrintWriter err, String message) {
        err.println("seedbank: " + message.lines().findFirst().orElse(message));
        err.flush();
        return SeedbankCommand.EXIT_BAD_INPUT;
    }
}
