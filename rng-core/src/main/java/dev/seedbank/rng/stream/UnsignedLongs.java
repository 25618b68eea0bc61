package dev.seedbank.rng.stream;

import dev.seedbank.rng.Messages;
/**
 * Text forms of unsigned 64-bit numbers (seeds, keys, positions): decimal or {@code 0x} hex,
 * the full range 0 .. 2^64-1.
 *
 * <p>Stateless; thread-safe.
 */
public final class UnsignedLongs {
    private UnsignedLongs() {
    }

    /** {@code 0x} followed by 16 lower-case hex digits. */
    public static String hex(long value) {
        return String.format("0x%016x", value);
    }

    /**
     * Parses decimal or {@code 0x}/{@code 0X} hex in 0 .. 2^64-1.
     *
     * @param what names the value in the error message, e.g. "--offset"
     * @throws IllegalArgumentException one line naming {@code what} and the bad text
     */
    public static long parse(String text, String what) {
        String t = text == null ? "" : text.strip();
        boolean hex = t.startsWith("0x") || t.startsWith("0X");
        String digits = hex ? t.substring(2) : t;
        if (digits.isEmpty() || !asciiDigits(digits, hex)) {
            throw invalid(text, what);
        }
        try {
            return Long.parseUnsignedLong(digits, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            throw invalid(text, what);
        }
    }

    /** Only ASCII digits (and a-f, A-F in hex): the JDK's parser would also take other scripts' digits. */
    private static boolean asciiDigits(String digits, boolean hex) {
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException invalid(String text, String what) {
        return new IllegalArgumentException("invalid " + what + " " + Messages.quote(text)
                + " (expected a decimal or 0x-hex integer in 0..18446744073709551615)");
    }
}
