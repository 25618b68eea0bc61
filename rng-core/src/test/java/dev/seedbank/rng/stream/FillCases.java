package dev.seedbank.rng.stream;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fills that exercise every path's edges: unaligned origins and first indices, odd lengths (partial blocks and a
 * vector step's remainder), and origins just below the 2^16, 2^32 and 2^48 block boundaries, where the
 * subsequence carries into counter word 0, counter word 0 into word 1, and word 1 past bit 48. The main method
 * prints this JVM's {@link FillPath} and the digest of all fills, for comparisons between JVMs.
 */
final class FillCases {
    static final long[] KEYS = {0x5EED_0000_1234_5678L, -1L};
    /** Word origins just before block 2^16, 2^32, 2^48 and 2^62 (the last block index below 2^64 words). */
    static final long[] ORIGINS = {0, 5, (1L << 18) - 37, (1L << 34) - 37, (1L << 50) - 37, -37L};
    static final int[] FIRSTS = {0, 3};
    static final int[] LENGTHS = {1, 7, 77, 1000};

    private FillCases() {
    }

    public static void main(String[] args) {
        System.out.println(FillPath.current() + " " + digest());
    }

    /** SHA-256 of the words, uniform and normal floats of every case. */
    static String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            for (long key : KEYS) {
                for (long origin : ORIGINS) {
                    for (int first : FIRSTS) {
                        for (int n : LENGTHS) {
                            int[] w = new int[n];
                            float[] u = new float[n];
                            float[] g = new float[n];
                            StreamFills.words(key, origin, first, w, 0, n);
                            StreamFills.uniform(key, origin, first, u, 0, n);
                            StreamFills.normal(key, origin, first, g, 0, n, 0f, 1f);
                            for (int i = 0; i < n; i++) {
                                out.writeInt(w[i]);
                                out.writeInt(Float.floatToRawIntBits(u[i]));
                                out.writeInt(Float.floatToRawIntBits(g[i]));
                            }
                        }
                    }
                }
            }
            out.flush();
            return HexFormat.of().formatHex(sha.digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
