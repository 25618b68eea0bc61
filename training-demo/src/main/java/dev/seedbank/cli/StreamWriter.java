package dev.seedbank.cli;

import dev.seedbank.rng.stream.Format;
import dev.seedbank.rng.stream.StreamFills;
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
    private final Format format;
    private final double mean;
    private final double stddev;
    private final boolean binary;
    private final int[] words = new int[CHUNK];
    private final float[] floats = new float[CHUNK];
    private final double[] doubles = new double[CHUNK];
    private final ByteBuffer bytes = ByteBuffer.allocate(CHUNK * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);

    StreamWriter(long key, long offset, Format format, double mean, double stddev, boolean binary) {
        if (!Double.isFinite(mean) || !Double.isFinite(stddev)) {
            throw new IllegalArgumentException("invalid --mean " + mean + " / --stddev " + stddev
                    + " (expected finite numbers)");
        }
        this.key = key;
        this.offset = offset;
        this.format = format;
        this.mean = mean;
        this.stddev = stddev;
        this.binary = binary;
    }

    /** Writes {@code count} values (unsigned), or forever when {@code count} is null. */
    void write(OutputStream out, Long count) throws IOException {
        long done = 0;
        while (count == null || Long.compareUnsigned(done, count) < 0) {
            long remaining = count == null ? CHUNK : count - done;
            int n = Long.compareUnsigned(remaining, CHUNK) < 0 ? (int) remaining : CHUNK;
            bytes.clear();
            StringBuilder text = binary ? null : new StringBuilder(n * 12);
            fill(done, n);
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

    private void fill(long first, int n) {
        switch (format) {
            case U32 -> StreamFills.words(key, offset, first, words, 0, n);
            case UNIFORM -> StreamFills.uniform(key, offset, first, floats, 0, n);
            case UNIFORM_DOUBLE -> StreamFills.uniformDouble(key, offset, first, doubles, 0, n);
            case NORMAL -> StreamFills.normal(key, offset, first, floats, 0, n, (float) mean, (float) stddev);
            case NORMAL_DOUBLE -> StreamFills.normalDouble(key, offset, first, doubles, 0, n, mean, stddev);
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
}
