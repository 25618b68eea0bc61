package dev.seedbank.rng.registry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Derivation version 1: stream keys as pure functions of (root seed, path), by hashing, never by
 * bit-packing (docs/stream-spec.md, "Key derivation", specifies it byte by byte).
 *
 * <pre>
 * key(root)        = le64(SHA-256("seedbank-derive-v1" || 0x00 || le64(rootSeed))[0..8])
 * key(path / seg)  = le64(SHA-256(le64(key(path)) || encode(seg))[0..8])
 * encode(name)     = 0x01 || le32(utf8 length) || utf8(name)
 * encode(index)    = 0x02 || le64(index)
 * encode(name=idx) = 0x03 || le32(utf8 length) || utf8(name) || le64(idx)
 * </pre>
 *
 * The type tags and lengths make the encoding prefix-free, so distinct paths hash distinct inputs
 * (segment "a/b" differs from segments "a","b"; index 2^32 from indices 0,1). Keys are 64-bit, so
 * among n streams a collision has probability about n^2 / 2^65.
 *
 * <p>These are the functions on raw 64-bit values, as specified; code that derives keys uses them through
 * {@link StreamKey} and {@link SeedRegistry}.
 *
 * <p>Stateless; thread-safe.
 */
public final class KeyDerivation {
    /** The version id recorded wherever derived keys or (seed, path) pairs are persisted. */
    public static final String VERSION = "seedbank-derive-v1";

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(KeyDerivation::sha256);

    private KeyDerivation() {
    }

    /** The key of the empty path under {@code rootSeed}. */
    public static long rootKey(long rootSeed) {
        byte[] tag = VERSION.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer in = le(tag.length + 1 + Long.BYTES).put(tag).put((byte) 0).putLong(rootSeed);
        return digest(in);
    }

    /** The key of {@code parent}'s child {@code segment}: a pure function, like JAX's {@code fold_in}. */
    public static long childKey(long parentKey, PathSegment segment) {
        byte[] encoded = segment.encoding();
        return digest(le(Long.BYTES + encoded.length).putLong(parentKey).put(encoded));
    }

    /** The key of {@code path} under {@code rootSeed}. */
    public static long key(long rootSeed, StreamPath path) {
        return descend(rootKey(rootSeed), path);
    }

    /** The key reached from {@code key} by following {@code path}'s segments. */
    public static long descend(long key, StreamPath path) {
        for (PathSegment s : path.segments()) {
            key = childKey(key, s);
        }
        return key;
    }

    private static ByteBuffer le(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long digest(ByteBuffer input) {
        MessageDigest sha = SHA256.get();
        sha.update(input.array(), 0, input.position());
        return ByteBuffer.wrap(sha.digest()).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256, which every Java SE platform must provide", e);
        }
    }
}
