package dev.seedbank.cli;

import dev.seedbank.rng.stream.Format;
import dev.seedbank.rng.stream.StreamFills;
import dev.seedbank.rng.stream.ValueArray;
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

    /** Element {@code first + i} of the output, for {@code i < n}, into index {@code i} of {@code into}. */
    interface Values {
        void fill(long first, int n, ValueArray into);
    }

    /** Writes to an output stream. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Values values;
    private final boolean binary;
    private final ValueArray chunk;
    private final ByteBuffer bytes;

    StreamWriter(Format format, Values values, boolean binary) {
        this.values = values;
        this.binary = binary;
        this.chunk = format.allocate(CHUNK);
        this.bytes = ByteBuffer.allocate(CHUNK * format.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The values of stream {@code key} from word {@code offset} on; {@code mean}/{@code stddev} for the normals. */
    static Values stream(long key, long offset, Format format, double mean, double stddev) {
        if (!Double.isFinite(mean) || !Double.isFinite(stddev)) {
            throw new IllegalArgumentException("invalid --mean " + mean + " / --stddev " + stddev
                    + " (expected finite numbers)");
        }
        return (first, n, into) -> into.fill(key, offset, first, 0, n, mean, stddev);
    }

    /**
     * The u32 words of streams {@code keys} round-robin, word by word: output word {@code k} is word
     * {@code k / keys.length} of stream {@code keys[k % keys.length]}.
     */
    static Values interleaved(long[] keys) {
        int streams = keys.length;
        int[] scratch = new int[CHUNK / streams + 1];
        return (first, n, into) -> {
            int phase = (int) Long.remainderUnsigned(first, streams); // stream of output word first
            for (int s = 0; s < streams; s++) {
                int at = Math.floorMod(s - phase, streams); // this stream's first word in the chunk
                if (at >= n) {
                    continue;
                }
                int count = (n - 1 - at) / streams + 1;
                StreamFills.words(keys[s], 0, Long.divideUnsigned(first + at, streams), scratch, 0, count);
                for (int t = 0; t < count; t++) {
                    into.setBits(at + t * streams, scratch[t]);
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
            values.fill(done, n, chunk);
            if (binary) {
                bytes.clear();
                for (int i = 0; i < n; i++) {
                    chunk.put(i, bytes);
                }
                out.write(bytes.array(), 0, bytes.position());
            } else {
                StringBuilder text = new StringBuilder(n * 12);
                for (int i = 0; i < n; i++) {
                    text.append(chunk.text(i)).append('\n');
                }
                out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
            }
            done += n;
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
