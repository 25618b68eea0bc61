package dev.seedbank.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.stream.StreamFills;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the packaged seedbank.jar in separate processes. */
class CommandLineIT {
    private static final Path JAR = Path.of(System.getProperty("seedbank.jar", "target/seedbank.jar"));

    private record Result(int exit, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.US_ASCII);
        }
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out, err);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void jarExists() {
        assertTrue(Files.isRegularFile(JAR), "build the jar first (mvn package): " + JAR);
    }

    @Test
    void u32TextIsCurandsFirstWords() throws Exception {
        Result r = run("stream", "--key", "0", "--count", "4", "--format", "u32");
        assertEquals(0, r.exit, r.err);
        assertEquals("6627e8d5\ne169c58d\nbc57ac4c\n9b00dbd8\n", r.text());
    }

    @Test
    void textAndBinaryCarryTheSameValuesAsTheLibrary() throws Exception {
        long key = SeedRegistry.of(7).key("worker/3").value();
        int n = 1001;
        long offset = 0xFFFF_FFFF_FFFF_FF00L;
        float[] u = new float[n];
        StreamFills.uniform(key, offset, 0, u, 0, n);
        Result text = run("stream", "--seed", "7", "--path", "worker/3", "--offset", "0xffffffffffffff00", "--count",
                String.valueOf(n), "--format", "uniform");
        assertEquals(0, text.exit, text.err);
        String[] lines = text.text().split("\n");
        assertEquals(n, lines.length);
        Result binary = run("stream", "--key", "0x" + Long.toHexString(key), "--offset", "18446744073709551360",
                "--count", String.valueOf(n), "--format", "uniform", "--binary");
        ByteBuffer b = ByteBuffer.wrap(binary.out).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToIntBits(u[i]), Float.floatToIntBits(Float.parseFloat(lines[i])), "line " + i);
            assertEquals(Float.floatToIntBits(u[i]), Float.floatToIntBits(b.getFloat()), "binary value " + i);
        }
    }

    @Test
    void doubleFormatsContinueAcrossChunksAsOneCall() throws Exception {
        int n = StreamWriter.CHUNK * 2 + 5;
        double[] expected = new double[n];
        StreamFills.normalDouble(99, 12345, 0, expected, 0, n, 2.0, 0.5);
        Result r = run("stream", "--key", "99", "--offset", "12345", "--count", String.valueOf(n), "--format",
                "normal-double", "--mean", "2", "--stddev", "0.5", "--binary");
        assertEquals(0, r.exit, r.err);
        double[] got = new double[n];
        ByteBuffer.wrap(r.out).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(got);
        assertArrayEquals(expected, got);
    }

    @Test
    void deriveMatchesTheRegistry() throws Exception {
        Result r = run("derive", "--seed", "0xffffffffffffffff", "--path", "data/shuffle/epoch=3");
        assertEquals(0, r.exit, r.err);
        assertEquals(String.format("%s%n", SeedRegistry.of(-1L).key("data/shuffle/epoch=3")), r.text());
    }

    @Test
    void badInputGivesOneLineAndExitCode2() throws Exception {
        String[][] cases = {
            {"stream", "--key", "1", "--format", "gauss"},
            {"stream", "--key", "1", "--format", "u32", "--offset", "-1"},
            {"stream", "--key", "1", "--format", "u32", "--count", "18446744073709551616"},
            {"stream", "--seed", "1", "--path", "a//b", "--format", "u32"},
            {"stream", "--seed", "1", "--format", "u32"},
            {"stream", "--key", "1", "--seed", "2", "--path", "a", "--format", "u32"},
            {"stream", "--key", "1"},
            {"stream", "--key", "1", "--format", "normal", "--stddev", "NaN"},
            {"derive", "--seed", "abc", "--path", "a"},
            {"derive", "--seed", "1"},
            {"frobnicate"},
            {},
        };
        for (String[] args : cases) {
            Result r = run(args);
            String what = String.join(" ", args) + " -> " + r.err;
            assertEquals(2, r.exit, what);
            assertEquals(1, r.err.lines().count(), what);
            assertTrue(r.err.startsWith("seedbank: "), what);
            assertFalse(r.err.contains("Exception"), what);
            assertEquals(0, r.out.length, what);
        }
    }

    @Test
    void endlessBinaryOutputEndsQuietlyWhenThePipeCloses() throws Exception {
        Process p = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "stream", "--key", "1", "--format", "u32",
                "--binary").start();
        try (InputStream in = p.getInputStream()) {
            assertEquals(1 << 20, in.readNBytes(1 << 20).length);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stream did not end after its reader closed the pipe");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        assertEquals("", err);
    }

    @Test
    void streamAndDeriveDoNotLoadNd4j() throws Exception {
        Process p = new ProcessBuilder(javaBin(), "-Xlog:class+load=info", "-jar", JAR.toString(), "stream", "--seed",
                "1", "--path", "a", "--count", "3", "--format", "normal").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertTrue(out.contains("dev.seedbank.rng.stream.StreamFills"), "class loading was not logged");
        assertFalse(out.contains("org.nd4j") || out.contains("org.deeplearning4j") || out.contains("org.bytedeco"),
                "stream loaded ND4J/DL4J/JavaCPP classes");
        assertFalse(out.contains("org.apache.spark") || out.contains(" scala.") || out.contains("dev.seedbank.spark"),
                "stream loaded Spark/Scala classes");
    }
}
