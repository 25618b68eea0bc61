package dev.seedbank.rng.registry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One step of a {@link StreamPath}: a name ({@code dense_1}), an index ({@code 7}) or a named index
 * ({@code epoch=3}). Immutable values; thread-safe.
 */
public sealed interface PathSegment {

    /** The bytes {@link KeyDerivation} hashes for this segment: a type tag, then length-prefixed fields. */
    byte[] encoding();

    /** The segment's canonical text in a path (see {@link StreamPath}). */
    String text();

    /** A named segment; any non-empty, well-formed Unicode string. */
    record Name(String name) implements PathSegment {
        static final byte TAG = 1;

        public Name {
            StreamPath.checkName(name);
        }

        @Override
        public byte[] encoding() {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            return le(1 + Integer.BYTES + utf8.length).put(TAG).putInt(utf8.length).put(utf8).array();
        }

        @Override
        public String text() {
            return StreamPath.escape(name, true);
        }
    }

    /** An unsigned 64-bit index. */
    record Index(long index) implements PathSegment {
        static final byte TAG = 2;

        @Override
        public byte[] encoding() {
            return le(1 + Long.BYTES).put(TAG).putLong(index).array();
        }

        @Override
        public String text() {
            return Long.toUnsignedString(index);
        }
    }

    /** A name paired with an unsigned 64-bit index, written {@code name=index}. */
    record NamedIndex(String name, long index) implements PathSegment {
        static final byte TAG = 3;

        public NamedIndex {
            StreamPath.checkName(name);
        }

        @Override
        public byte[] encoding() {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            return le(1 + Integer.BYTES + utf8.length + Long.BYTES).put(TAG).putInt(utf8.length).put(utf8)
                    .putLong(index).array();
        }

        @Override
        public String text() {
            return StreamPath.escape(name, false) + "=" + Long.toUnsignedString(index);
        }
    }

    private static ByteBuffer le(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }
}
