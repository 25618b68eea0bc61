package dev.seedbank.record;

/**
 * How much one stream (or a family of streams, written with {@code *}) was drawn from.
 *
 * @param path the stream path, e.g. {@code data/generate} or {@code augment/epoch=2/sample=*}
 * @param streams how many streams the entry covers (1 for a single path)
 * @param draws values drawn in all, in {@code unit}s
 * @param unit {@code words} (32-bit words of the stream) or {@code values} (elements filled)
 */
public record StreamUse(String path, long streams, long draws, String unit) {
    public static final String WORDS = "words";
    public static final String VALUES = "values";
}
