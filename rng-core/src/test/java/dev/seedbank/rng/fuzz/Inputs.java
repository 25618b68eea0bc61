package dev.seedbank.rng.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.regex.Pattern;

/** Decoding of fuzz inputs and the one-line error contract. Stateless. */
final class Inputs {
    /** The oracle for numbers, stated as a pattern rather than as a second copy of UnsignedLongs' digit loop. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]+");

    private Inputs() {
    }

    /**
     * Decodes UTF-8, leniently: a 3-byte sequence for a surrogate code point (invalid in UTF-8) decodes to
     * that lone surrogate, so fuzzed bytes reach every Java string; other malformed bytes become U+FFFD.
     * The single input {@code 0xFF} alone stands for {@code null}.
     */
    static String text(byte[] data) {
        if (data.length == 1 && (data[0] & 0xFF) == 0xFF) {
            return null;
        }
        StringBuilder sb = new StringBuilder(data.length);
        int i = 0;
        while (i < data.length) {
            int b = data[i] & 0xFF;
            int need;
            int cp;
            if (b < 0x80) {
                sb.append((char) b);
                i++;
                continue;
            } else if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
                cp = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                cp = b & 0x0F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                cp = b & 0x07;
            } else {
                sb.append('\uFFFD');
                i++;
                continue;
            }
            if (i + need >= data.length) {
                sb.append('\uFFFD');
                i++;
                continue;
            }
            boolean ok = true;
            for (int k = 1; k <= need; k++) {
                int c = data[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    ok = false;
                    break;
                }
                cp = cp << 6 | (c & 0x3F);
            }
            int min = need == 1 ? 0x80 : need == 2 ? 0x800 : 0x10000;
            if (!ok || cp < min || cp > 0x10FFFF) {
                sb.append('\uFFFD');
                i++;
                continue;
            }
            sb.appendCodePoint(cp); // surrogate code points (U+D800..DFFF) append as lone surrogates
            i += need + 1;
        }
        return sb.toString();
    }

    /** Whether {@code s} holds a surrogate char that is not part of a pair. */
    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code s}, less leading and trailing whitespace, is ASCII decimal digits or {@code 0x}/{@code 0X}
     * and ASCII hex digits: the documented form of numbers.
     */
    static boolean isPlainNumber(String s) {
        return PLAIN_NUMBER.matcher(s.strip()).matches();
    }

    /**
     * {@code parser} applied to {@code text}; null when it rejects the text, after checking that it did so with
     * the documented error (the contract every parser of user input shares).
     */
    static <T> T parsedOrRejected(String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            checkMessage(e, text);
            return null;
        }
    }

    /** The documented error: one non-empty line. */
    static void checkMessage(IllegalArgumentException e, String input) {
        String m = e.getMessage();
        assertNotNull(m, () -> "no message for " + show(input));
        assertTrue(!m.isEmpty(), () -> "empty message for " + show(input));
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                throw new AssertionError("message is not one line for " + show(input) + ": " + show(m));
            }
        }
    }

    /** The input with every non-printable-ASCII char as backslash-u escape, for failure messages. */
    static String show(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.append('"').toString();
    }
}
