package dev.seedbank.rng;

/**
 * Quotes user input inside error messages so that every message stays on one line and shows what was
 * given: control characters, line separators and unpaired surrogates are written as {@code \\uXXXX}.
 * Stateless; thread-safe.
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
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                sb.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
