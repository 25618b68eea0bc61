package dev.seedbank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.stream.Format;
import dev.seedbank.rng.stream.StreamFills;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer {@code stream} and {@code interleave} share: values, chunking, encodings and a closed pipe. */
class StreamWriterTest {
    private static byte[] write(Format format, StreamWriter.Values values, boolean binary, long count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StreamWriter(format, values, binary).write(out, count);
        return out.toByteArray();
    }

    @Test
    void oneStreamFromAnOffsetInEveryFormatAcrossChunks() throws IOException {
        long key = 0x1234_5678_9abc_def0L;
        int count = StreamWriter.CHUNK + 3;
        int[] words = new int[count];
        StreamFills.words(key, 5, 0, words, 0, count);
        ByteBuffer u32 = ByteBuffer.wrap(write(Format.U32, StreamWriter.stream(key, 5, Format.U32, 0, 1), true, count))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            assertEquals(words[i], u32.getInt(), "word " + i);
        }
        double[] normals = new double[count];
        StreamFills.normalDouble(key, 5, 0, normals, 0, count, 2, 3);
        List<String> lines = new String(write(Format.NORMAL_DOUBLE, StreamWriter.stream(key, 5, Format.NORMAL_DOUBLE, 2, 3),
                false, count), StandardCharsets.US_ASCII).lines().toList();
        assertEquals(count, lines.size());
        for (int i = 0; i < count; i++) {
            assertEquals(normals[i], Double.parseDouble(lines.get(i)), "value " + i);
        }
        float[] uniforms = new float[7];
        StreamFills.uniform(key, 5, 0, uniforms, 0, 7);
        ByteBuffer f = ByteBuffer.wrap(write(Format.UNIFORM, StreamWriter.stream(key, 5, Format.UNIFORM, 0, 1), true, 7))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (float u : uniforms) {
            assertEquals(Float.floatToRawIntBits(u), Float.floatToRawIntBits(f.getFloat()));
        }
        assertThrows(IllegalArgumentException.class, () -> StreamWriter.stream(key, 0, Format.NORMAL, Double.NaN, 1));
    }

    @Test
    void interleavedWordKIsWordKOverNOfStreamKModN() throws IOException {
        // 3 streams do not divide a chunk, so chunks start at every phase; 4096 streams give chunks of 4 words each
        for (int n : new int[] {1, 3, 4096}) {
            long[] keys = new long[n];
            for (int s = 0; s < n; s++) {
                keys[s] = SeedRegistry.of(9).key("w/" + s).value();
            }
            int count = 2 * StreamWriter.CHUNK + 7;
            int perStream = count / n + 1;
            int[][] words = new int[n][perStream];
            for (int s = 0; s < n; s++) {
                StreamFills.words(keys[s], 0, 0, words[s], 0, perStream);
            }
            ByteBuffer b = ByteBuffer.wrap(write(Format.U32, StreamWriter.interleaved(keys), true, count))
                    .order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(count * 4, b.remaining());
            for (int k = 0; k < count; k++) {
                assertEquals(words[k % n][k / n], b.getInt(), n + " streams, word " + k);
            }
        }
    }

    @Test
    void aClosedPipeEndsQuietlyAndOtherErrorsDoNot() throws IOException {
        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        StreamWriter endless = new StreamWriter(Format.U32, StreamWriter.stream(1, 0, Format.U32, 0, 1), false);
        assertEquals(0, StreamWriter.writeTo(closed, o -> endless.write(o, null)));
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        assertThrows(IOException.class, () -> StreamWriter.writeTo(full, o -> endless.write(o, 1L)));
    }

    @Test
    void streamCommandWritesThroughTheWriterAndRefusesBadInputWithOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, SeedbankCommand.commandLine(new StreamCommand().output(out))
                .execute("--seed", "1", "--path", "a", "--count", "2", "--format", "u32"));
        int[] words = new int[2];
        StreamFills.words(SeedRegistry.of(1).key("a").value(), 0, 0, words, 0, 2);
        assertEquals(String.format("%08x%n%08x%n", words[0], words[1]), out.toString(StandardCharsets.US_ASCII));

        StringWriter err = new StringWriter();
        var cli = SeedbankCommand.commandLine(new StreamCommand().output(out));
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("--key", "1", "--format", "normal", "--mean", "NaN"));
        assertTrue(err.toString().startsWith("seedbank: invalid --mean NaN"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }
}
