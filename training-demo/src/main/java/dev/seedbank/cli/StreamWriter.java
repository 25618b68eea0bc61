package dev.seedbank.cli;

import dev.seedbank.rng.stream.Format;
import dev.seedbank.rng.stream.ValueArray;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a stream's values in one format, chunk by chunk, as text lines or little-endian binary.
 * Not thread-safe (holds scratch buffers).
 */
final class StreamWriter {
    /** Values per chunk. */
    static final int CHUNK = 1 << 14;

    private final long key;
    private final long offset;
    private final double mean;
    private final double stddev;
    private final boolean binary;
    private final ValueArray values;
    private final ByteBuffer bytes;

    StreamWriter(long key, long offset, Format format, double mean, double stddev, boolean binary) {
        if (!Double.isFinite(mean) || !Double.isFinite(stddev)) {
            throw new IllegalArgumentException("invalid --mean " + mean + " / --stddev " + stddev
                    + " (expected finite numbers)");
        }
        this.key = key;
        this.offset = offset;
        this.mean = mean;
        this.stddev = stddev;
        this.binary = binary;
        this.values = format.allocate(CHUNK);
        this.bytes = ByteBuffer.allocate(CHUNK * format.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes {@code count} values (unsigned), or forever when {@code count} is null. */
    void write(OutputStream out, Long count) throws IOException {
        long done = 0;
        while (count == null || Long.compareUnsigned(done, count) < 0) {
            long remaining = count == null ? CHUNK : count - done;
            int n = Long.compareUnsigned(remaining, CHUNK) < 0 ? (int) remaining : CHUNK;
            values.fill(key, offset, done, 0, n, mean, stddev);
            if (binary) {
                bytes.clear();
                for (int i = 0; i < n; i++) {
                    values.put(i, bytes);
                }
                out.write(bytes.array(), 0, bytes.position());
            } else {
                StringBuilder text = new StringBuilder(n * 12);
                for (int i = 0; i < n; i++) {
                    text.append(values.text(i)).append('\n');
                }
                out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
            }
            done += n;
        }
    }
}
