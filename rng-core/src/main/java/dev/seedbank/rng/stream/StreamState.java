package dev.seedbank.rng.stream;

import dev.seedbank.rng.Messages;
/**
 * The whole state of a stream: its key and the position of the next word. A value; restoring it
 * continues the sequence exactly.
 *
 * <p>Text form: {@code philox4x32-10:key=0x<16 hex>:position=0x<16 hex>} (see {@link #toString()}
 * and {@link #parse(String)}). Immutable; thread-safe.
 *
 * @param key the stream key (unsigned 64-bit)
 * @param position index of the next 32-bit word (unsigned 64-bit)
 */
public record StreamState(long key, long position) {
    private static final String PREFIX = "philox4x32-10:key=";
    private static final String POSITION = ":position=";

    /** The text form, for example {@code philox4x32-10:key=0x000000000000002a:position=0x0000000000000010}. */
    @Override
    public String toString() {
        return PREFIX + UnsignedLongs.hex(key) + POSITION + UnsignedLongs.hex(position);
    }

    /** Parses the text form written by {@link #toString()}. */
    public static StreamState parse(String text) {
        if (text == null || !text.startsWith(PREFIX) || !text.contains(POSITION)) {
            throw new IllegalArgumentException("invalid stream state " + Messages.quote(text)
                    + " (expected philox4x32-10:key=0x<hex>:position=0x<hex>)");
        }
        int split = text.indexOf(POSITION);
        long key = UnsignedLongs.parse(text.substring(PREFIX.length(), split), "stream state key");
        long position = UnsignedLongs.parse(text.substring(split + POSITION.length()), "stream state position");
        return new StreamState(key, position);
    }
}
