package dev.seedbank.rng;

/**
 * Quotes user input inside error messages so that every message stays on one line: control characters
 * are written as {@code \\uXXXX}. Stateless; thread-safe.
 */
public final class Messages {
    private Messages() {
    }

    /** {@code text} in single quotes, with control characters escaped; {@code null} as {@code null}. */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
