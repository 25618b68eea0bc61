package dev.seedbank.cli;

import dev.seedbank.rng.stream.Format;
import dev.seedbank.rng.stream.StreamFills;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes values in one format, chunk by chunk, as text lines or little-endian binary: those of one stream
 * ({@link #stream}, {@code seedbank stream}) or the words of several streams round-robin ({@link #interleaved},
 * {@code seedbank interleave}). Not thread-safe (holds scratch buffers).
 */
final class StreamWriter {
    /** Values per chunk. */
    static final int CHUNK = 1 << 14;

    /** Element {@code first + i} of the output, for {@code i < n}, into index {@code i} of the format's array. */
    interface Values {
        void fill(long first, int n, int[] words, float[] floats, double[] doubles);
    }

    /** Writes to an output stream. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Format format;
    private final Values values;
    private final boolean binary;
    private final int[] words = new int[CHUNK];
    private final float[] floats = new float[CHUNK];
    private final double[] doubles = new double[CHUNK];
    private final ByteBuffer bytes = ByteBuffer.allocate(CHUNK * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);

    StreamWriter(Format format, Values values, boolean binary) {
        this.format = format;
        this.values = values;
        this.binary = binary;
    }

    /** The values of stream {@code key} from word {@code offset} on; {@code mean}/{@code stddev} for the normals. */
    static Values stream(long key, long offset, Format format, double mean, double stddev) {
        if (!Double.isFinite(mean) || !Double.isFinite(stddev)) {
            throw new IllegalArgumentException("invalid --mean " + mean + " / --stddev " + stddev
                    + " (expected finite numbers)");
        }
        return (first, n, words, floats, doubles) -> {
            switch (format) {
                case U32 -> StreamFills.words(key, offset, first, words, 0, n);
                case UNIFORM -> StreamFills.uniform(key, offset, first, floats, 0, n);
                case UNIFORM_DOUBLE -> StreamFills.uniformDouble(key, offset, first, doubles, 0, n);
                case NORMAL -> StreamFills.normal(key, offset, first, floats, 0, n, (float) mean, (float) stddev);
                case NORMAL_DOUBLE -> StreamFills.normalDouble(key, offset, first, doubles, 0, n, mean, stddev);
            }
        };
    }

    /**
     * The u32 words of streams {@code keys} round-robin, word by word: output word {@code k} is word
     * {@code k / keys.length} of stream {@code keys[k % keys.length]}.
     */
    static Values interleaved(long[] keys) {
        int streams = keys.length;
        int[] scratch = new int[CHUNK / streams + 1];
        return (first, n, words, floats, doubles) -> {
            int phase = (int) Long.remainderUnsigned(first, streams); // stream of output word first
            for (int s = 0; s < streams; s++) {
                int at = Math.floorMod(s - phase, streams); // this stream's first word in the chunk
                if (at >= n) {
                    continue;
                }
                int count = (n - 1 - at) / streams + 1;
                StreamFills.words(keys[s], 0, Long.divideUnsigned(first + at, streams), scratch, 0, count);
                for (int t = 0; t < count; t++) {
                    words[at + t * streams] = scratch[t];
                }
            }
        };
    }

    /** Writes {@code count} values (unsigned), or forever when {@code count} is null. */
    void write(OutputStream out, Long count) throws IOException {
        long done = 0;
        while (count == null || Long.compareUnsigned(done, count) < 0) {
            long remaining = count == null ? CHUNK : count - done;
            int n = Long.compareUnsigned(remaining, CHUNK) < 0 ? (int) remaining : CHUNK;
            bytes.clear();
            StringBuilder text = binary ? null : new StringBuilder(n * 12);
            values.fill(done, n, words, floats, doubles);
            for (int i = 0; i < n; i++) {
                append(i, text);
            }
            if (binary) {
                out.write(bytes.array(), 0, bytes.position());
            } else {
                out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
            }
            done += n;
        }
    }

    private void append(int i, StringBuilder text) {
        switch (format) {
            case U32 -> {
                if (binary) {
                    bytes.putInt(words[i]);
                } else {
                    String hex = Integer.toHexString(words[i]);
                    text.append("00000000", hex.length(), 8).append(hex).append('\n');
                }
            }
            case UNIFORM, NORMAL -> {
                if (binary) {
                    bytes.putFloat(floats[i]);
                } else {
                    text.append(DecimalText.shortest(floats[i])).append('\n');
                }
            }
            case UNIFORM_DOUBLE, NORMAL_DOUBLE -> {
                if (binary) {
                    bytes.putDouble(doubles[i]);
                } else {
                    text.append(DecimalText.shortest(doubles[i])).append('\n');
                }
            }
        }
    }

    /** Standard output, buffered. */
    static OutputStream stdout() {
        return new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    }

    /**
     * Runs {@code body} on {@code out} and flushes it; a closed pipe (the reader has stopped, as {@code head} or a
     * test suite does) ends it quietly. Returns the exit code, 0.
     */
    static int writeTo(OutputStream out, Body body) throws IOException {
        try {
            body.writeTo(out);
            out.flush();
        } catch (IOException e) {
            String m = e.getMessage();
            if (m == null || !(m.contains("Broken pipe") || m.contains("Stream closed"))) {
                throw e;
            }
        }
        return 0;
    }
}
