package dev.seedbank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamKey;
import dev.seedbank.rng.registry.StreamPath;
import dev.seedbank.rng.stream.StreamFills;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InterleaveCommandTest {
    private static byte[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = SeedbankCommand.commandLine(new InterleaveCommand().output(out)).execute(args);
        assertEquals(0, exit);
        return out.toByteArray();
    }

    /** Word k of the output is word k / n of stream k % n. */
    private static void assertRoundRobin(long[] keys, byte[] out, int count) {
        int n = keys.length;
        int perStream = (count + n - 1) / n;
        int[][] words = new int[n][perStream];
        for (int s = 0; s < n; s++) {
            StreamFills.words(keys[s], 0, 0, words[s], 0, perStream);
        }
        assertEquals(count * 4, out.length);
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < count; k++) {
            assertEquals(words[k % n][k / n], b.getInt(), "word " + k);
        }
    }

    @Test
    void neighbouringPathsAreInterleavedWordByWord() {
        long[] keys = new long[16];
        for (int i = 0; i < 16; i++) {
            keys[i] = SeedRegistry.of(1).key("worker/" + i).value();
        }
        // more than one chunk of every stream, and not a multiple of the stream count
        int count = 16 * 4096 * 2 + 5;
        assertRoundRobin(keys, run("--seed", "1", "--paths", "worker/0..worker/15", "--count", "" + count), count);
    }

    @Test
    void neighbouringSeedsAreInterleavedWordByWord() {
        long[] keys = new long[4];
        for (int i = 0; i < 4; i++) {
            keys[i] = SeedRegistry.of(10 + i).key("worker/0").value();
        }
        assertRoundRobin(keys, run("--seeds", "10..12,13", "--path", "worker/0", "--count", "1001", "--binary"), 1001);
    }

    @Test
    void executorStreamsAreTheChildrenOfTheBase() {
        SeedRegistry registry = SeedRegistry.of(1);
        StreamKey base = registry.key("executor");
        long[] keys = new long[16];
        for (int i = 0; i < 16; i++) {
            keys[i] = base.child(i).value();
            assertEquals(registry.key("executor/" + i).value(), keys[i]);
        }
        List<InterleaveCommand.Source> sources =
                InterleaveCommand.executorStreams(registry, StreamPath.parse("executor"), 16);
        for (int i = 0; i < 16; i++) {
            assertEquals(keys[i], sources.get(i).key(), "task " + i);
        }
        assertRoundRobin(keys, run("--seed", "1", "--executor-tasks", "16", "--base", "executor", "--count", "777"), 777);
    }

    @Test
    void textAndListing() {
        String text = new String(run("--seed", "1", "--paths", "a,b", "--count", "3", "--text"), StandardCharsets.US_ASCII);
        assertEquals(3, text.lines().count());
        String list = new String(run("--seeds", "0x10..0x11", "--path", "w", "--list"), StandardCharsets.UTF_8);
        assertEquals("seed=16 path=w\t" + SeedRegistry.of(16).key("w") + "\n"
                + "seed=17 path=w\t" + SeedRegistry.of(17).key("w") + "\n", list);
    }

    @Test
    void rangesAndBadInput() {
        assertEquals(List.of("w/8", "w/9", "w/10", "x"), InterleaveCommand.expandPaths("w/8..w/10,x"));
        assertEquals(List.of(-2L, -1L), InterleaveCommand.expandSeeds("18446744073709551614..0xffffffffffffffff"));
        assertThrows(IllegalArgumentException.class, () -> InterleaveCommand.expandPaths("a/1..b/2"));
        assertThrows(IllegalArgumentException.class, () -> InterleaveCommand.expandPaths("a/5..a/4"));
        assertThrows(IllegalArgumentException.class, () -> InterleaveCommand.expandPaths("a/0..a/5000"));
        assertThrows(IllegalArgumentException.class, () -> InterleaveCommand.expandSeeds("3..1"));
        assertThrows(IllegalArgumentException.class, () -> InterleaveCommand.expandSeeds("x"));
        String[][] bad = {
            {"--seeds", "1", "--seed", "2", "--path", "p"},
            {"--paths", "a"},
            {"--seeds", "1"},
            {"--seed", "1", "--paths", "a", "--executor-tasks", "2", "--base", "b"},
            {"--seed", "1", "--executor-tasks", "2"},
            {"--seed", "1", "--executor-tasks", "0", "--base", "b"},
            {"--seed", "1", "--paths", "a/0..a/5000"},
            {"--seeds", "1", "--path", "p", "--binary", "--text"},
        };
        for (String[] args : bad) {
            StringWriter err = new StringWriter();
            CommandLine cli = SeedbankCommand.commandLine(new InterleaveCommand().output(new ByteArrayOutputStream()));
            cli.setErr(new PrintWriter(err));
            String what = String.join(" ", args) + " -> " + err;
            assertEquals(2, cli.execute(args), what);
            assertTrue(err.toString().startsWith("seedbank: "), what);
            assertEquals(1, err.toString().lines().count(), what);
        }
    }
}
