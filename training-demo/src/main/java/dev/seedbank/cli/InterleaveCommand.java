package dev.seedbank.cli;

import dev.seedbank.rng.Messages;
import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamPath;
import dev.seedbank.rng.scope.SeededExecutor;
import dev.seedbank.rng.stream.Format;
import dev.seedbank.rng.stream.UnsignedLongs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedbank interleave}: writes the 32-bit words ({@code u32}) of several streams round-robin, word by
 * word (word 0 of every stream, then word 1 of every stream, ...), for statistical tests of streams that
 * are used side by side: neighbouring paths, neighbouring root seeds, or the streams {@link SeededExecutor}
 * binds to consecutive tasks. Binary little-endian by default and endless without {@code --count}; written by
 * {@code stream}'s {@link StreamWriter}, so a closed pipe ends the command quietly with exit code 0.
 *
 * <p>Also runnable on its own ({@code java -cp seedbank.jar dev.seedbank.cli.InterleaveCommand ...}),
 * with the same one-line errors and exit code 2 as {@code seedbank}. Not thread-safe (picocli fills the fields).
 *
 * <p>Why one large class: picocli's argument groups for the three ways of naming streams (seed range, paths,
 * executor tasks) are nested classes here, next to the code that turns each into its list of stream keys.
 */
@Command(name = "interleave",
        description = "Write the u32 words of several streams interleaved word by word (for statistical tests).")
final class InterleaveCommand implements Callable<Integer> {
    /** The most streams one command interleaves. */
    static final int MAX_STREAMS = 4096;
    /** {@code prefix<a>..prefix<b>}: the same prefix on both sides, decimal indices. */
    private static final Pattern PATH_RANGE = Pattern.compile("(.*?)(\\d+)\\.\\.(.*?)(\\d+)");
    private static final Pattern SEED_RANGE = Pattern.compile("([^.]+)\\.\\.([^.]+)");

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Streams streams;

    /** Which streams: one path under several root seeds, or several streams under one root seed. */
    static final class Streams {
        @ArgGroup(exclusive = false)
        private SeedRange seedRange;

        @ArgGroup(exclusive = false)
        private OneSeed oneSeed;
    }

    static final class SeedRange {
        @Option(names = "--seeds", required = true, paramLabel = "LIST",
                description = "Root seeds for --path: comma-separated, each a number or a range such as 0..15.")
        private String seeds;

        @Option(names = "--path", required = true, description = "Stream path (with --seeds).")
        private String path;
    }

    static final class OneSeed {
        @Option(names = "--seed", required = true, converter = UnsignedConverter.class,
                description = "Root seed (with --paths or --executor-tasks), decimal or 0x-hex.")
        private long seed;

        @ArgGroup(exclusive = true, multiplicity = "1")
        private UnderSeed under;
    }

    static final class UnderSeed {
        @Option(names = "--paths", paramLabel = "LIST",
                description = "Paths under --seed: comma-separated, each a path or a range such as worker/0..worker/15.")
        private String paths;

        @ArgGroup(exclusive = false)
        private ExecutorTasks executor;
    }

    static final class ExecutorTasks {
        @Option(names = "--executor-tasks", required = true, paramLabel = "N",
                description = "The streams SeededExecutor binds to its first N tasks under --seed and --base.")
        private int tasks;

        @Option(names = "--base", required = true, description = "The executor's base path (with --executor-tasks).")
        private String base;
    }

    @ArgGroup(exclusive = true)
    private Encoding encoding;

    static final class Encoding {
        @Option(names = "--binary", description = "Raw little-endian words (the default).")
        private boolean binary;

        @Option(names = "--text", description = "8-digit hex lines instead of binary.")
        private boolean text;
    }

    @Option(names = "--count", converter = UnsignedConverter.class,
            description = "Number of words in all (a multiple of the stream count or not); endless when absent.")
    private Long count;

    @Option(names = "--list", description = "Print the streams (source and key), one per line, and write no words.")
    private boolean list;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    private OutputStream out = StreamWriter.stdout();

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
        List<Source> sources = sources();
        if (list) {
            StringBuilder sb = new StringBuilder();
            for (Source s : sources) {
                sb.append(s.description()).append('\t').append(UnsignedLongs.hex(s.key())).append('\n');
            }
            return StreamWriter.writeTo(out, o -> o.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
        }
        long[] keys = sources.stream().mapToLong(Source::key).toArray();
        boolean binary = encoding == null || !encoding.text;
        StreamWriter writer = new StreamWriter(Format.U32, StreamWriter.interleaved(keys), binary);
        return StreamWriter.writeTo(out, o -> writer.write(o, count));
    }

    /** The streams selected by the options, in output order. */
    List<Source> sources() {
        List<Source> sources = new ArrayList<>();
        if (streams.seedRange != null) {
            StreamPath path = StreamPath.parse(streams.seedRange.path);
            for (long s : expandSeeds(streams.seedRange.seeds)) {
                sources.add(new Source("seed=" + Long.toUnsignedString(s) + " path=" + path, SeedRegistry.of(s).key(path).value()));
            }
            return sources;
        }
        SeedRegistry registry = SeedRegistry.of(streams.oneSeed.seed);
        UnderSeed under = streams.oneSeed.under;
        if (under.paths != null) {
            for (String p : expandPaths(under.paths)) {
                StreamPath path = StreamPath.parse(p);
                sources.add(new Source("seed=" + Long.toUnsignedString(registry.seed().value()) + " path=" + path,
                        registry.key(path).value()));
            }
            return sources;
        }
        int n = under.executor.tasks;
        if (n < 1 || n > MAX_STREAMS) {
            throw new IllegalArgumentException("invalid --executor-tasks " + n + " (expected 1.." + MAX_STREAMS + ")");
        }
        return executorStreams(registry, StreamPath.parse(under.executor.base), n);
    }

    /** The streams a {@link SeededExecutor} under {@code base} binds to its first {@code n} tasks: {@code base/i}. */
    static List<Source> executorStreams(SeedRegistry registry, StreamPath base, int n) {
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sources.add(new Source("seed=" + Long.toUnsignedString(registry.seed().value()) + " executor base=" + base
                    + " task=" + i, registry.key(base.child(i)).value()));
        }
        return sources;
    }

    /** Expands {@code worker/0..worker/15,init/W} into paths. */
    static List<String> expandPaths(String list) {
        List<String> paths = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            Matcher m = PATH_RANGE.matcher(item);
            if (item.contains("..") && m.matches()) {
                if (!m.group(1).equals(m.group(3))) {
                    throw new IllegalArgumentException("invalid path range " + Messages.quote(item)
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
                    throw new IllegalArgumentException("invalid seed range " + Messages.quote(item)
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
            throw new IllegalArgumentException("invalid path range " + Messages.quote(item) + " (index too large)");
        }
    }

    private static void checkRange(long from, long to, String item, int already) {
        if (from > to || to - from >= MAX_STREAMS || already + (to - from) + 1 > MAX_STREAMS) {
            throw new IllegalArgumentException("invalid path range " + Messages.quote(item)
                    + " (expected from <= to, at most " + MAX_STREAMS + " streams in all)");
        }
    }

    private static void checkSize(int n) {
        if (n > MAX_STREAMS) {
            throw new IllegalArgumentException("too many streams (at most " + MAX_STREAMS + ")");
        }
    }

    /** Runs {@code interleave} on its own, with {@code seedbank}'s one-line errors and exit codes. */
    public static void main(String[] args) {
        System.exit(SeedbankCommand.commandLine(new InterleaveCommand()).execute(args));
    }
}
