package dev.seedbank.rng.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every fill path writes the values of the stream definition: the scalar and vector block fills, the parallel
 * fills and fills in separate JVMs with and without the Vector API module agree with a per-element reference,
 * across unaligned starts and counter carries ({@link FillCases}, {@link NormalPathCases}).
 */
class FillPathTest {
    private static final long KEY = FillCases.KEYS[0];
    /** Long enough for many vector steps and several chunks on either side of a boundary. */
    private static final int LONG_FILL = 5000;
    private static final String MODULE = "--add-modules=jdk.incubator.vector";

    /** Word {@code index} by the definition: one Philox block per word, no fill code involved. */
    private static int referenceWord(long key, long index) {
        long block = index >>> 2;
        int[] counter = {(int) (block >>> 16), (int) (block >>> 48), (int) (block & 0xFFFF), 0};
        Philox4x32.block(counter, 0, (int) key, (int) (key >>> 32));
        return counter[(int) (index & 3)];
    }

    /** cuRAND's uniform by its definition, with the JDK's conversion. */
    private static float referenceUniform(int word) {
        return (float) (word & 0xFFFFFFFFL) * 0x1p-32f + 0x1p-33f;
    }

    @Test
    void wordsAndUniformsEqualTheDefinitionAcrossCarriesAndUnalignedStarts() {
        for (long key : FillCases.KEYS) {
            for (long origin : FillCases.ORIGINS) {
                for (int first : FillCases.FIRSTS) {
                    int[] w = new int[LONG_FILL + 2];
                    float[] u = new float[LONG_FILL + 2];
                    StreamFills.words(key, origin, first, w, 1, LONG_FILL + 1);
                    StreamFills.uniform(key, origin, first, u, 1, LONG_FILL + 1);
                    assertEquals(0, w[0]);
                    assertEquals(0, w[LONG_FILL + 1]);
                    assertEquals(0f, u[LONG_FILL + 1]);
                    for (int i = 0; i < LONG_FILL; i++) {
                        // like the library, indices past 2^64 - 1 continue into the next counters instead of wrapping
                        int expected = referenceWord(key, origin + first + i);
                        if (Long.compareUnsigned(origin + first + i, origin) < 0) {
                            break;
                        }
                        assertEquals(expected, w[1 + i], "word " + i + " from " + Long.toUnsignedString(origin));
                        assertEquals(referenceUniform(expected), u[1 + i], "uniform " + i);
                    }
                }
            }
        }
    }

    @Test
    void scalarBlockFillsEqualThisJvmsPath() {
        int blocks = 1001;
        for (long origin : FillCases.ORIGINS) {
            long block = origin >>> 2;
            int[] scalarWords = new int[4 * blocks + 3];
            int[] pathWords = new int[4 * blocks + 3];
            float[] scalarUniform = new float[4 * blocks + 3];
            float[] pathUniform = new float[4 * blocks + 3];
            ScalarBlockFills.INSTANCE.words(KEY, block, scalarWords, 3, blocks);
            FillPath.blockFills().words(KEY, block, pathWords, 3, blocks);
            ScalarBlockFills.INSTANCE.uniform(KEY, block, scalarUniform, 3, blocks);
            FillPath.blockFills().uniform(KEY, block, pathUniform, 3, blocks);
            assertArrayEquals(scalarWords, pathWords);
            assertArrayEquals(scalarUniform, pathUniform);
            assertEquals(referenceWord(KEY, origin & ~3L), scalarWords[3]);
        }
    }

    @Test
    void parallelFillsEqualSequentialAcrossABoundary() throws InterruptedException {
        int n = 5 * ParallelFill.MIN_PIECE + 13;
        long origin = (1L << 34) - 3 * ParallelFill.MIN_PIECE - 1;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            int[] w = new int[n];
            int[] pw = new int[n];
            float[] u = new float[n];
            float[] pu = new float[n];
            new PhiloxStream(KEY, origin).fillWords(w, 0, n);
            new PhiloxStream(KEY, origin).fillUniform(u, 0, n);
            ParallelFill parallel = ParallelFill.on(4, pool);
            parallel.words(new PhiloxStream(KEY, origin), pw, 0, n);
            parallel.uniform(new PhiloxStream(KEY, origin), pu, 0, n);
            assertArrayEquals(w, pw);
            assertArrayEquals(u, pu);
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void unsignedToFloatIsTheConversionOnEveryWord() {
        for (long w = 0; w <= 0xFFFFFFFFL; w++) {
            if (Conversions.unsignedToFloat((int) w) != (float) w) {
                assertEquals((float) w, Conversions.unsignedToFloat((int) w), "word " + w);
            }
        }
    }

    @Test
    void uniformDoubleIsTheConversionOfTheDefinition() {
        SplittableRandom r = new SplittableRandom(3);
        int[] edges = {0, 1, -1, 0x7FFFFFFF, 0x80000000, 0xFFFFF800, 0x001FFFFF, 0x00200000};
        List<int[]> pairs = new ArrayList<>();
        for (int lo : edges) {
            for (int hi : edges) {
                pairs.add(new int[] {lo, hi});
            }
        }
        for (int i = 0; i < 1_000_000; i++) {
            pairs.add(new int[] {r.nextInt(), r.nextInt()});
        }
        for (int[] p : pairs) {
            long bits = (p[0] & 0xFFFFFFFFL) ^ ((p[1] & 0xFFFFFFFFL) << 21);
            double expected = (double) (bits & ((1L << 53) - 1)) * 0x1p-53 + 0x1p-54;
            assertEquals(expected, Conversions.uniformDouble(p[0], p[1]), p[0] + " " + p[1]);
        }
    }

    @Test
    void separateJvmsWithAndWithoutTheVectorModuleWriteTheSameBytes() throws Exception {
        String digest = FillCases.digest();
        List<String> absent = runJvm(List.of());
        assertEquals(FillPath.SCALAR + " " + digest, absent.get(absent.size() - 1), "no module: scalar path");
        assertEquals(1, absent.stream().filter(line -> line.contains("--add-modules jdk.incubator.vector")).count(),
                "one line on how to enable the vector path: " + absent);
        assertEquals("vector-256 " + digest, last(runJvm(List.of(MODULE, "-D" + FillPath.PROPERTY + "=vector-256"))));
        // 512 bits runs the Vector API's Java fallback on CPUs without AVX-512: slow, and just as exact
        assertEquals("vector-512 " + digest, last(runJvm(List.of(MODULE, "-D" + FillPath.PROPERTY + "=vector-512"))));
        String auto = last(runJvm(List.of(MODULE)));
        assertEquals(digest, auto.substring(auto.indexOf(' ') + 1), "automatic choice " + auto);
        // a CPU without AVX-512: the automatic choice never takes a width the CPU lacks
        assertEquals(FillPath.SCALAR + " " + digest, last(runJvm(List.of(MODULE, "-XX:UseAVX=2"))), "AVX2 only");
    }

    @Test
    void normalFillsOfEveryPathEqualTheScalarFillsAndTheDefinition() throws Exception {
        for (List<String> options : List.of(List.of(MODULE, "-D" + FillPath.PROPERTY + "=vector-512"),
                List.of(MODULE, "-D" + FillPath.PROPERTY + "=vector-256"), List.<String>of())) {
            List<String> out = runJvm(options, NormalPathCases.class);
            String path = out.get(out.size() - 2);
            String[] result = last(out).split(" ");
            assertEquals("OK", result[0], path + ": " + last(out));
            assertTrue(Long.parseLong(result[1]) > 2_000_000, path + ": values compared " + result[1]);
            // values whose fast log, sine or cosine is undecided were among them, so the repairs ran
            assertTrue(Long.parseLong(result[2]) > 0, path + ": no value left to StrictMath");
        }
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    /** Runs {@link FillCases} in a new JVM with {@code options}; returns its standard output (logs, then digest). */
    private static List<String> runJvm(List<String> options) throws IOException, InterruptedException {
        return runJvm(options, FillCases.class);
    }

    /** Runs {@code main} in a new JVM with {@code options}; returns its standard output. */
    private static List<String> runJvm(List<String> options, Class<?> main) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.waitFor(), String.join("\n", out));
        assertTrue(!out.isEmpty(), "no output");
        return out;
    }
}
