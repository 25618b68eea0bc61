package dev.seedbank.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Parameter fingerprints: the first 64 bits (16 hex digits) of SHA-256 over the values' IEEE-754 bits,
 * little-endian, in c order. Equal fingerprints mean bitwise equal values (up to a 2^-64 collision chance).
 * Stateless; thread-safe.
 */
public final class ParamHash {
    private ParamHash() {
    }

    /** The fingerprint of float values. */
    public static String of(float[] values) {
        return HexFormat.of().formatHex(sha256(bytes(values)), 0, 8);
    }

    /** Full SHA-256 (hex) of float values. */
    public static String sha256(float[] values) {
        return HexFormat.of().formatHex(sha256(bytes(values)));
    }

    /** The values' raw IEEE-754 bits, little-endian (a float view's bulk put keeps NaN payloads). */
    private static byte[] bytes(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
